"""SMS and email. SNS cannot reach every country's operators, so SMS also has a gateway adapter."""

import json
import logging
import secrets
import threading
import urllib.request
from datetime import datetime, timedelta

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import PynamoDBException

from chalicelib.errors import ServiceUnavailable
from chalicelib.logs import log
from chalicelib.masking import mask_email, mask_mobile

STORAGE_FAULTS = (PynamoDBException, BotoCoreError, ClientError)


class SnsSms:
    def __init__(self, client):
        self._client = client

    def send(self, to: str, body: str) -> None:
        try:
            self._client.publish(
                PhoneNumber="+98" + to[1:],
                Message=body,
                MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}},
            )
        except (BotoCoreError, ClientError) as error:
            log("sms_failed", to=mask_mobile(to), error=type(error).__name__)
            raise ServiceUnavailable() from error


class HttpSmsGateway:
    """A national SMS gateway that takes {to, text} as JSON."""

    def __init__(self, url: str, timeout: float = 5):
        self._url, self._timeout = url, timeout

    def send(self, to: str, body: str) -> None:
        request = urllib.request.Request(
            self._url,
            data=json.dumps({"to": to, "text": body}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout):
                pass
        except OSError as error:
            log("sms_failed", to=mask_mobile(to), error=type(error).__name__)
            raise ServiceUnavailable() from error


class SesEmail:
    def __init__(self, client, sender: str):
        self._client, self._sender = client, sender

    def send(self, to: str, subject: str, text: str, html: str) -> None:
        try:
            self._client.send_email(
                Source=self._sender,
                Destination={"ToAddresses": [to]},
                Message={
                    "Subject": {"Data": subject, "Charset": "UTF-8"},
                    "Body": {"Text": {"Data": text, "Charset": "UTF-8"}, "Html": {"Data": html, "Charset": "UTF-8"}},
                },
            )
        except (BotoCoreError, ClientError) as error:
            log("email_failed", to=mask_email(to), error=type(error).__name__)
            raise ServiceUnavailable() from error


NOTICE_LIFETIME = timedelta(days=2)
# A notice being delivered is left alone this long; then the job may take it over (a frozen or killed Lambda).
CLAIM = timedelta(seconds=60)
# Retries 1, 2, 4 ... minutes apart, at most 8 tries: an SNS or SES outage of a few hours loses nothing.
MAX_ATTEMPTS = 8
QUEUE = "pending"


class Notifier:
    """What flows call. A notice is written to the durable queue first and then handed to the dispatcher, which
    delivers it off the request path; the `deliver_notices` job retries whatever is still queued. So a send
    never fails, slows or tells apart a request, and a notice after a committed change is never lost.
    In the local stage every delivered message is also kept in the outbox.
    """

    def __init__(self, sms, email, outbox=None, dispatch=None, clock=None):
        self._sms, self._email, self._outbox = sms, email, outbox
        self._dispatch = dispatch or ThreadDispatch()
        self._clock = clock

    def sms(self, to: str, body: str, now: datetime, valid_for: timedelta = NOTICE_LIFETIME) -> None:
        self._queue("sms", {"to": to, "body": body}, now, valid_for)

    def sms_after_commit(self, to: str, body: str, now: datetime, valid_for: timedelta = NOTICE_LIFETIME) -> None:
        """News of a change already stored: even a failure to queue it is logged, never a failed request."""
        try:
            self.sms(to, body, now, valid_for)
        except STORAGE_FAULTS as error:
            log("notice_not_queued", logging.ERROR, channel="sms", to=mask_mobile(to), error=type(error).__name__)

    def email(self, to: str, subject: str, text: str, now: datetime, valid_for: timedelta = NOTICE_LIFETIME) -> None:
        self._queue("email", {"to": to, "subject": subject, "body": text}, now, valid_for)

    def email_after_commit(self, to: str, subject: str, text: str, now: datetime) -> None:
        try:
            self.email(to, subject, text, now)
        except STORAGE_FAULTS as error:
            log("notice_not_queued", logging.ERROR, channel="email", to=mask_email(to), error=type(error).__name__)

    def decoy(self, channel: str, text: str, now: datetime, valid_for: timedelta = NOTICE_LIFETIME) -> None:
        """The same storage and dispatch work as a real notice, for flows that must not tell accounts apart; never sent."""
        self._queue(channel, {"to": "", "subject": "", "body": text}, now, valid_for, deliver=False)

    def _queue(self, channel: str, payload: dict, now: datetime, valid_for: timedelta, deliver: bool = True) -> None:
        from chalicelib.models.notices import Notice
        from chalicelib.sealing import seal_text

        notice_id = f"{now.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(12)}"
        Notice(
            notice_id,
            channel=channel,
            sealed=seal_text(json.dumps(payload, ensure_ascii=False), notice_id),
            status="queued",
            deliver=int(deliver),
            created_at=now,
            deliver_until=now + valid_for,
            queue=QUEUE,
            next_attempt_at=now,
            expires=now + NOTICE_LIFETIME + timedelta(days=5),
        ).save(condition=Notice.notice_id.does_not_exist())
        self._dispatch.submit(self, notice_id)

    def deliver(self, notice_id: str, now: datetime | None = None) -> bool:
        """Sends one queued notice if nobody else is; True once it has left. Safe to call twice."""
        from pynamodb.exceptions import DoesNotExist, UpdateError

        from chalicelib.models.base import condition_failed
        from chalicelib.models.notices import Notice
        from chalicelib.sealing import open_text

        now = now or self._clock()
        try:
            notice = Notice.get(notice_id, consistent_read=True)
        except DoesNotExist:
            return False
        if notice.queue is None:
            return notice.status == "sent"
        try:
            notice.update(
                actions=[Notice.claimed_until.set(now + CLAIM), Notice.attempts.add(1)],
                condition=Notice.queue.exists()
                & (Notice.claimed_until.does_not_exist() | (Notice.claimed_until <= now)),
            )
        except UpdateError as error:
            if not condition_failed(error):
                raise
            return False
        if not notice.deliver:
            return self._finish(notice, "dropped")
        if now >= notice.deliver_until:
            log("notice_expired_unsent", logging.WARNING, channel=notice.channel, attempts=notice.attempts)
            return self._finish(notice, "expired")
        payload = json.loads(open_text(notice.sealed, notice_id))
        try:
            if notice.channel == "sms":
                self._sms.send(payload["to"], payload["body"])
            else:
                self._email.send(payload["to"], payload["subject"], payload["body"], _html(payload["body"]))
        except ServiceUnavailable:
            return self._retry_later(notice, now)
        masked = mask_mobile(payload["to"]) if notice.channel == "sms" else mask_email(payload["to"])
        log(f"{notice.channel}_sent", to=masked)
        self._finish(notice, "sent")
        if self._outbox:
            self._outbox(notice.channel, payload["to"], payload.get("subject"), payload["body"], notice.created_at)
        return True

    def deliver_due(self, now: datetime) -> int:
        """The retry job: every queued notice whose next attempt is due (claims keep two runs from sending twice)."""
        from chalicelib.models.notices import Notice

        return sum(
            1 for key in Notice.queued.query(QUEUE, Notice.next_attempt_at <= now) if self.deliver(key.notice_id, now)
        )

    def flush(self, timeout: float = 10) -> None:
        """Waits for deliveries this process has started (the local outbox reads after them)."""
        self._dispatch.flush(timeout)

    @staticmethod
    def _finish(notice, status: str) -> bool:
        from chalicelib.models.notices import Notice

        notice.update(
            actions=[
                Notice.status.set(status),
                Notice.queue.remove(),
                Notice.next_attempt_at.remove(),
                Notice.claimed_until.remove(),
            ]
        )
        return status == "sent"

    @staticmethod
    def _retry_later(notice, now: datetime) -> bool:
        from chalicelib.models.notices import Notice

        if notice.attempts >= MAX_ATTEMPTS:
            log("notice_failed", logging.ERROR, channel=notice.channel, attempts=notice.attempts)
            return Notifier._finish(notice, "failed")
        notice.update(
            actions=[
                Notice.next_attempt_at.set(now + timedelta(minutes=2 ** (notice.attempts - 1))),
                Notice.claimed_until.remove(),
            ]
        )
        log("notice_deferred", channel=notice.channel, attempts=notice.attempts)
        return False


class ThreadDispatch:
    """Delivers on a worker thread of this process, so the request that queued the notice never waits on the send."""

    def __init__(self, workers: int = 4):
        self._workers, self._pool, self._pending = workers, None, set()
        self._lock = threading.Lock()

    def submit(self, notifier: Notifier, notice_id: str) -> None:
        from concurrent.futures import ThreadPoolExecutor

        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="notices")
            future = self._pool.submit(_deliver_quietly, notifier, notice_id)
            self._pending.add(future)
        future.add_done_callback(self._pending.discard)

    def flush(self, timeout: float) -> None:
        from concurrent.futures import wait

        with self._lock:
            pending = list(self._pending)
        wait(pending, timeout=timeout)


class LambdaDispatch:
    """Deployed stages: an asynchronous invocation of the delivery function (one quick call, the same for every notice)."""

    def __init__(self, client, function_name: str):
        self._client, self._function = client, function_name

    def submit(self, notifier: Notifier, notice_id: str) -> None:
        try:
            self._client.invoke(
                FunctionName=self._function,
                InvocationType="Event",
                Payload=json.dumps({"notice_id": notice_id}).encode(),
            )
        except (BotoCoreError, ClientError) as error:
            log(
                "notice_dispatch_failed", logging.WARNING, error=type(error).__name__
            )  # the job delivers it within a minute

    def flush(self, timeout: float) -> None:
        return None


def _deliver_quietly(notifier: Notifier, notice_id: str) -> None:
    """A worker's fault leaves the notice queued for the job; it is logged, never raised into nowhere."""
    try:
        notifier.deliver(notice_id)
    except Exception as error:  # noqa: BLE001 - the last line of a worker thread
        log("notice_delivery_error", logging.WARNING, error=type(error).__name__)


def _html(text: str) -> str:
    """The HTML part reads right to left when the message is Persian, left to right when it is English."""
    from html import escape

    persian = any("\u0600" <= ch <= "\u06ff" for ch in text)
    direction, align, language = ("rtl", "right", "fa") if persian else ("ltr", "left", "en")
    lines = "<br>".join(escape(line) for line in text.splitlines())
    return (
        f'<html dir="{direction}" lang="{language}"><body style="direction:{direction};text-align:{align};'
        f'font-family:Tahoma,Vazirmatn,sans-serif"><p>{lines}</p></body></html>'
    )
