"""The HTTP adapters for the outside registries and the SMS gateway, against a small server on loopback."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from chalicelib.adapters.notify import HttpSmsGateway
from chalicelib.adapters.registries import HttpCivilRegistry, HttpMobileOperators
from chalicelib.errors import ServiceUnavailable

PEOPLE = {
    "0012345679": {
        "national_code": "0012345679",
        "first_name": "علی",
        "last_name": "رضایی",
        "father_name": "حسین",
        "birth_date": "1345/03/15",
        "gender": "male",
        "alive": True,
        "children_national_codes": ["0499370899"],
    }
}
MOBILES = {"09121234567": {"national_code": "0012345679"}}


class _Registry(BaseHTTPRequestHandler):
    sent: list = []

    def log_message(self, *args):
        pass

    def _answer(self, status, body=None):
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        kind, _, key = self.path.strip("/").partition("/")
        table = {"people": PEOPLE, "mobiles": MOBILES}.get(kind, {})
        if key == "broken":
            return self._answer(500, {"error": "down"})
        self._answer(200, table[key]) if key in table else self._answer(404, {})

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.sent.append(json.loads(self.rfile.read(length)))
        self._answer(202, {})


@pytest.fixture(scope="module")
def base():
    server = HTTPServer(("127.0.0.1", 0), _Registry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_civil_registry_reads_a_person_and_says_none_for_unknown(base):
    registry = HttpCivilRegistry(base)
    person = registry.lookup("0012345679")
    assert person.first_name == "علی" and person.children_national_codes == ("0499370899",) and person.alive
    assert registry.lookup("0499370899") is None


def test_mobile_operators_name_the_owner(base):
    operators = HttpMobileOperators(base)
    assert operators.owner_of("09121234567") == "0012345679"
    assert operators.owner_of("09350000000") is None


def test_outages_are_service_unavailable(base):
    with pytest.raises(ServiceUnavailable):
        HttpCivilRegistry(base).lookup("broken")
    with pytest.raises(ServiceUnavailable):
        HttpCivilRegistry("http://127.0.0.1:9", timeout=1).lookup("0012345679")


def test_sms_gateway_posts_the_text(base):
    HttpSmsGateway(base + "/sms").send("09121234567", "کد شما: ۱۲۳۴۵۶")
    assert _Registry.sent[-1] == {"to": "09121234567", "text": "کد شما: ۱۲۳۴۵۶"}
    with pytest.raises(ServiceUnavailable):
        HttpSmsGateway("http://127.0.0.1:9", timeout=1).send("09121234567", "x")
