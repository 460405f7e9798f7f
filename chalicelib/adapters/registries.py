"""The civil registry (ثبت احوال) and the mobile operators' ownership registry: outside systems."""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import field

from chalicelib.errors import ServiceUnavailable
from chalicelib.frozen import frozen
from chalicelib.models.base import get_or_none
from chalicelib.models.local import MobileOwner, RegistryPerson


@frozen
class CivilRecord:
    national_code: str
    first_name: str
    last_name: str
    father_name: str
    birth_date: str
    gender: str
    alive: bool = True
    marital_status: str | None = None
    employed: bool = False
    pension: bool = False
    first_name_en: str | None = None
    last_name_en: str | None = None
    spouse_national_codes: tuple[str, ...] = field(default_factory=tuple)
    children_national_codes: tuple[str, ...] = field(default_factory=tuple)
    father_national_code: str | None = None
    mother_national_code: str | None = None


_FIELDS = tuple(CivilRecord.__dataclass_fields__)


def _record(values: dict) -> CivilRecord:
    data = {name: values.get(name) for name in _FIELDS if values.get(name) is not None}
    for name in ("spouse_national_codes", "children_national_codes"):
        data[name] = tuple(data.get(name) or ())
    return CivilRecord(**data)


class LocalCivilRegistry:
    """The local stage's registry, kept in the emulated DynamoDB so it outlives one request."""

    def lookup(self, national_code: str) -> CivilRecord | None:
        person = get_or_none(RegistryPerson, national_code)
        return _record(person.attribute_values) if person else None

    def add(self, record: CivilRecord, mobiles: tuple[str, ...]) -> None:
        RegistryPerson(**{name: getattr(record, name) for name in _FIELDS if getattr(record, name) is not None}).save()
        for number in mobiles:
            MobileOwner(number, national_code=record.national_code).save()


class LocalMobileOperators:
    def owner_of(self, mobile: str) -> str | None:
        owner = get_or_none(MobileOwner, mobile)
        return owner.national_code if owner else None


def _get_json(url: str, timeout: float) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise ServiceUnavailable() from error
    except (OSError, ValueError) as error:
        raise ServiceUnavailable() from error


class HttpCivilRegistry:
    """GET {base}/people/{national_code} → the record as JSON, 404 when unknown."""

    def __init__(self, base_url: str, timeout: float = 5):
        self._base, self._timeout = base_url.rstrip("/"), timeout

    def lookup(self, national_code: str) -> CivilRecord | None:
        data = _get_json(f"{self._base}/people/{urllib.parse.quote(national_code)}", self._timeout)
        return _record(data) if data else None


class HttpMobileOperators:
    """GET {base}/mobiles/{mobile} → {"national_code": …}, 404 when the number has no owner on file."""

    def __init__(self, base_url: str, timeout: float = 5):
        self._base, self._timeout = base_url.rstrip("/"), timeout

    def owner_of(self, mobile: str) -> str | None:
        data = _get_json(f"{self._base}/mobiles/{urllib.parse.quote(mobile)}", self._timeout)
        return data.get("national_code") if data else None
