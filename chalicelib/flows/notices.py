"""Courtesy SMS about something that already stands, sent to the mobile the account has now.

A letter or a permit keeps the mobile it was issued to, but a person who has changed numbers since hears about it
on the new one. Storage that cannot say costs the message, never the answer.
"""

from chalicelib.logs import log
from chalicelib.masking import mask_national_code
from chalicelib.models.accounts import courtesy_mobile
from chalicelib.ports import Context


def tell_owner(national_code: str, text: str, ctx: Context, kind: str) -> None:
    """One GetItem for the account's mobile, then the notice; `kind` names it in the log when no mobile is found."""
    mobile = courtesy_mobile(national_code)
    if mobile is None:
        log("courtesy_sms_lost", national_code=mask_national_code(national_code), kind=kind)
        return
    ctx.notifier.sms_after_commit(mobile, text, ctx.now)
