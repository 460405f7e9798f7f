"""SMS and email. SNS cannot reach every country's operators, so SMS also has a gateway adapter."""
import json
import urllib.request
from datetime import datetime

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.errors import ServiceUnavailable
from chalicelib.logs import log
from chalicelib.masking import mask_email, mask_mobile


class SnsSms:
    def __init__(self, client):
        self._client = client

    def send(self, to: str, body: str) -> None:
        try:
            self._client.publish(PhoneNumber="+98" + to[1:], Message=body, MessageAttributes={
                "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}})
        except (BotoCoreError, ClientError) as error:
            log("sms_failed", to=mask_mobile(to), error=type(error).__name__)
            raise ServiceUnavailable() from error


class HttpSmsGateway:
    """A national SMS gateway that takes {to, text} as JSON."""

    def __init__(self, url: str, timeout: float = 5):
        self._url, self._timeout = url, timeout

    def send(self, to: str, body: str) -> None:
        request = urllib.request.Request(self._url, data=json.dumps({"to": to, "text": body}).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
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
            self._client.send_email(Source=self._sender, Destination={"ToAddresses": [to]}, Message={
                "Subject": {"Data": subject, "Charset": "UTF-8"},
                "Body": {"Text": {"Data": text, "Charset": "UTF-8"}, "Html": {"Data": html, "Charset": "UTF-8"}}})
        except (BotoCoreError, ClientError) as error:
            log("email_failed", to=mask_email(to), error=type(error).__name__)
            raise ServiceUnavailable() from error


class Notifier:
    """What flows call; in the local stage every message is also kept in the outbox."""

    def __init__(self, sms, email, outbox=None):
        self._sms, self._email, self._outbox = sms, email, outbox

    def sms(self, to: str, body: str, now: datetime) -> None:
        self._sms.send(to, body)
        log("sms_sent", to=mask_mobile(to))
        if self._outbox:
            self._outbox("sms", to, None, body, now)

    def sms_after_commit(self, to: str, body: str, now: datetime) -> None:
        """News of a change already stored: a failed send is logged, never turned into a failed request."""
        try:
            self.sms(to, body, now)
        except ServiceUnavailable:
            log("sms_not_sent", to=mask_mobile(to))

    def email(self, to: str, subject: str, text: str, now: datetime) -> None:
        html = _html(text)
        self._email.send(to, subject, text, html)
        log("email_sent", to=mask_email(to))
        if self._outbox:
            self._outbox("email", to, subject, text, now)


def _html(text: str) -> str:
    """The HTML part reads right to left when the message is Persian, left to right when it is English."""
    from html import escape

    persian = any("\u0600" <= ch <= "\u06ff" for ch in text)
    direction, align, language = ("rtl", "right", "fa") if persian else ("ltr", "left", "en")
    lines = "<br>".join(escape(line) for line in text.splitlines())
    return (f'<html dir="{direction}" lang="{language}"><body style="direction:{direction};text-align:{align};'
            f'font-family:Tahoma,Vazirmatn,sans-serif"><p>{lines}</p></body></html>')
