"""Password recoveries in progress: the one-time code, the wrong tries and the reset token, all stored hashed."""

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute, VersionAttribute
from pynamodb.models import Model

from chalicelib.errors import Code, DomainError, TooManyAttempts
from chalicelib.models.base import OneTimeCode, condition_failed, get_or_none, table, take_try


class Recovery(Model):
    """Holds no fact about whether the national code has an account, so unknown codes store the same item."""

    Meta = table("recoveries")
    recovery_id = UnicodeAttribute(hash_key=True)
    national_code = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    expires_at = UTCDateTimeAttribute()
    code = OneTimeCode(null=True)
    sms_sent_at = UTCDateTimeAttribute(null=True)
    email_sent_at = UTCDateTimeAttribute(null=True)
    answer_failures = NumberAttribute(default=0)
    reset_hash = UnicodeAttribute(null=True)
    reset_expires_at = UTCDateTimeAttribute(null=True)
    expires = TTLAttribute()
    version = VersionAttribute()


def recovery_or_none(recovery_id: str) -> Recovery | None:
    return get_or_none(Recovery, recovery_id, consistent_read=True)


def record_challenge(recovery: Recovery, retry_after: float) -> None:
    """Stores the new code and send time; TOO_MANY_ATTEMPTS when a concurrent challenge changed the recovery first."""
    from pynamodb.exceptions import PutError

    try:
        recovery.save()
    except PutError as error:
        if not condition_failed(error):
            raise
        raise TooManyAttempts(retry_after) from error


def take_code_try(recovery: Recovery, code_hash: str, cap: int, retry_after: float) -> int:
    """Counts a try on the recovery while it still holds this code; answers the tries used on the code."""
    take_try(recovery, Recovery.code.failures, cap, Recovery.code.code_hash == code_hash, retry_after)
    return int(recovery.code.failures)


def take_answer_try(recovery: Recovery, cap: int, retry_after: float) -> int:
    """Counts a try of the answers on the recovery; answers the tries used."""
    take_try(recovery, Recovery.answer_failures, cap, None, retry_after)
    return int(recovery.answer_failures)


def store_reset(recovery: Recovery, token_hash: str, reset_expires, alive_until, spent_code_hash: str | None) -> None:
    """The reset token, written only while the proof still holds: with `spent_code_hash`, the code is spent in the
    same write (CODE_EXPIRED for the loser of two verifies); otherwise the recovery must still exist (INVALID_RESET_TOKEN)."""
    from pynamodb.exceptions import UpdateError

    spend = [Recovery.code.remove()] if spent_code_hash is not None else []
    condition = (
        Recovery.code.code_hash == spent_code_hash if spent_code_hash is not None else Recovery.recovery_id.exists()
    )
    try:
        recovery.update(
            actions=[
                *spend,
                Recovery.reset_hash.set(token_hash),
                Recovery.reset_expires_at.set(reset_expires),
                Recovery.expires_at.set(alive_until),
                Recovery.expires.set(alive_until),
            ],
            condition=condition,
            add_version_condition=False,
        )
    except UpdateError as error:
        if not condition_failed(error):
            raise
        raise DomainError(Code.CODE_EXPIRED if spent_code_hash is not None else Code.INVALID_RESET_TOKEN) from error


def spend_reset(recovery: Recovery, token_hash: str) -> None:
    """The reset token is spent once: INVALID_RESET_TOKEN for a concurrent reset that lost."""
    from pynamodb.exceptions import UpdateError

    try:
        recovery.update(
            actions=[Recovery.reset_hash.remove(), Recovery.reset_expires_at.remove()],
            condition=Recovery.reset_hash == token_hash,
            add_version_condition=False,
        )
    except UpdateError as error:
        if not condition_failed(error):
            raise
        raise DomainError(Code.INVALID_RESET_TOKEN) from error
