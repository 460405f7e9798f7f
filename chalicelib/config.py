"""Settings from the stage's environment, read once per process and validated together.

Resolved lazily: chalice.test.Client exports a stage's variables only while a request runs.
"""

import os
from functools import lru_cache

from chalicelib.frozen import frozen


class ConfigError(RuntimeError):
    pass


@frozen
class Settings:
    stage: str
    table_prefix: str
    letters_bucket: str
    uploads_bucket: str
    intake_bucket: str
    email_sender: str
    public_base_url: str
    password_pepper: bytes
    hash_key: bytes
    sealing_key: bytes
    bcrypt_cost: int
    sms_adapter: str
    sms_gateway_url: str
    registry_adapter: str
    registry_url: str
    operator_url: str
    mailbox_quota_bytes: int
    notice_function: str

    @property
    def local(self) -> bool:
        return self.stage == "local"


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ConfigError(f"environment variable {name} is required")
    return value


def _secret(name: str) -> bytes:
    """Deployed stages name an SSM SecureString (NAME_SSM_PARAMETER); the local stage passes the value."""
    parameter = os.environ.get(f"{name}_SSM_PARAMETER")
    if parameter and not os.environ.get(name):
        import boto3

        response = boto3.client("ssm").get_parameter(Name=parameter, WithDecryption=True)
        value = response["Parameter"]["Value"].encode()
    else:
        value = _required(name).encode()
    if len(value) < 32:
        raise ConfigError(f"{name} must be at least 32 characters")
    return value


_VARIABLES = (
    "APP_STAGE",
    "TABLE_PREFIX",
    "LETTERS_BUCKET",
    "UPLOADS_BUCKET",
    "INTAKE_BUCKET",
    "EMAIL_SENDER",
    "PUBLIC_BASE_URL",
    "PASSWORD_PEPPER",
    "PASSWORD_PEPPER_SSM_PARAMETER",
    "HASH_KEY",
    "HASH_KEY_SSM_PARAMETER",
    "SEALING_KEY",
    "SEALING_KEY_SSM_PARAMETER",
    "BCRYPT_COST",
    "SMS_ADAPTER",
    "SMS_GATEWAY_URL",
    "REGISTRY_ADAPTER",
    "REGISTRY_URL",
    "OPERATOR_URL",
    "MAILBOX_QUOTA_BYTES",
    "NOTICE_FUNCTION",
)


def settings() -> Settings:
    """Keyed on the environment, so a test that switches stage sees that stage's settings."""
    return _load(tuple(os.environ.get(name) for name in _VARIABLES))


@lru_cache(maxsize=4)
def _load(_environment: tuple) -> Settings:
    stage = _required("APP_STAGE")
    adapters = {
        "sms": os.environ.get("SMS_ADAPTER", "sns"),
        "registry": os.environ.get("REGISTRY_ADAPTER", "local" if stage == "local" else "http"),
    }
    if adapters["sms"] not in ("sns", "http"):
        raise ConfigError("SMS_ADAPTER must be sns or http")
    if adapters["registry"] not in ("local", "http"):
        raise ConfigError("REGISTRY_ADAPTER must be local or http")
    if adapters["registry"] == "local" and stage != "local":
        raise ConfigError("the local civil registry exists only in the local stage")
    if stage == "local" and os.environ.get("AWS_LAMBDA_FUNCTION_NAME") and not os.environ.get("AWS_ENDPOINT_URL"):
        raise ConfigError("the local stage (dev endpoints on) never runs in a deployed Lambda")
    cost = int(os.environ.get("BCRYPT_COST", "12"))
    if not 4 <= cost <= 16 or (stage != "local" and cost < 12):
        raise ConfigError("BCRYPT_COST must be 12..16 in deployed stages")
    return Settings(
        stage=stage,
        table_prefix=_required("TABLE_PREFIX"),
        letters_bucket=_required("LETTERS_BUCKET"),
        uploads_bucket=_required("UPLOADS_BUCKET"),
        intake_bucket=_required("INTAKE_BUCKET"),
        email_sender=_required("EMAIL_SENDER"),
        public_base_url=_required("PUBLIC_BASE_URL").rstrip("/"),
        password_pepper=_secret("PASSWORD_PEPPER"),
        hash_key=_secret("HASH_KEY"),
        sealing_key=_secret("SEALING_KEY"),
        bcrypt_cost=cost,
        sms_adapter=adapters["sms"],
        sms_gateway_url=os.environ.get("SMS_GATEWAY_URL", "") if adapters["sms"] == "http" else "",
        registry_adapter=adapters["registry"],
        registry_url=_required("REGISTRY_URL") if adapters["registry"] == "http" else "",
        operator_url=_required("OPERATOR_URL") if adapters["registry"] == "http" else "",
        mailbox_quota_bytes=int(os.environ.get("MAILBOX_QUOTA_BYTES", str(20 * 1024 * 1024))),
        notice_function="" if stage == "local" else _required("NOTICE_FUNCTION"),
    )
