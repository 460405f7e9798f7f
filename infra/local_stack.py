"""The embedded local stack: moto's server on loopback, every table, bucket and identity, demo data.

`python -m infra.local_stack run` starts it all, serves the API with `chalice local` on :8000 (the contract's paths
at its root) and the web portal on :8080 (or a free port when that one is taken), which forwards `/api/*` to the API.
Since chalice local runs no S3 events, a small poller hands each new list landing in the intake bucket to the intake.
"""

import importlib
import os
import pkgutil
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".local"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _local_secret(name: str) -> str:
    """Local secrets are generated once per checkout and kept out of git in .local/."""
    STATE.mkdir(exist_ok=True)
    path = STATE / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def environment(emulator_port: int, public_base_url: str = "http://127.0.0.1:8000", bcrypt_cost: int = 12) -> dict:
    return {
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{emulator_port}",
        "APP_STAGE": "local",
        "TABLE_PREFIX": "tamin-local-",
        "LETTERS_BUCKET": "tamin-local-letters",
        "UPLOADS_BUCKET": "tamin-local-uploads",
        "INTAKE_BUCKET": "tamin-local-intake",
        "EMAIL_SENDER": "no-reply@tamin.local",
        "PUBLIC_BASE_URL": public_base_url,
        "PASSWORD_PEPPER": _local_secret("password_pepper"),
        "HASH_KEY": _local_secret("hash_key"),
        "SEALING_KEY": _local_secret("sealing_key"),
        "BCRYPT_COST": str(bcrypt_cost),
        "REGISTRY_ADAPTER": "local",
        "SMS_ADAPTER": "sns",
    }


def start_emulator(port: int, serial: bool = False) -> subprocess.Popen:
    """moto's server on loopback; `serial` answers one request at a time (infra/serial_emulator.py), for race tests."""
    command = (
        ["-m", "infra.serial_emulator", "-p", str(port)]
        if serial
        else ["-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    )
    process = subprocess.Popen(
        [sys.executable, *command], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for(f"http://127.0.0.1:{port}/moto-api/", process)
    return process


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def serve(port: int, env: dict, quiet: bool = False, autoreload: bool = True) -> subprocess.Popen:
    """`chalice local` in a process group of its own: its auto-reloader runs the app in a child process, and restarts
    it on any file change in the tree. Quiet servers (the tests') never reload: a first lazy import writes bytecode
    under chalicelib/, and tests write files (screenshots), which the reloader takes for edits mid-request."""
    output = subprocess.DEVNULL if quiet else None
    reload = [] if autoreload and not quiet else ["--no-autoreload"]
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "chalice"),
            "local",
            "--stage",
            "local",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *reload,
        ],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=output,
        start_new_session=True,
    )


@contextmanager
def serving(env: dict):
    """A quiet `chalice local` on a free port for a test tier: yields its base URL once /health answers."""
    port = free_port()
    process = serve(port, env, quiet=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/health", process)
        yield base
    finally:
        stop(process)


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    process.wait(timeout=10)


def all_models() -> list:
    """Every PynamoDB model under chalicelib/models, found by import so a new table needs no list edit."""
    from pynamodb.models import Model

    import chalicelib.models as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"chalicelib.models.{module.name}")
    found, pending = [], list(Model.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if hasattr(model.Meta, "table"):
            found.append(model)
    return sorted(set(found), key=lambda m: m.Meta.table)


def create_resources() -> None:
    """Tables with their TTL and indexes as the models declare them, the buckets and the SES identity."""
    import boto3

    from chalicelib.config import settings
    from infra.operations import PUBLIC_ACCESS_BLOCKED

    config = settings()
    for model in all_models():
        if not model.exists():
            model.create_table(wait=True)
    s3 = boto3.client("s3")
    for bucket in (config.letters_bucket, config.uploads_bucket, config.intake_bucket):
        s3.create_bucket(Bucket=bucket)
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=PUBLIC_ACCESS_BLOCKED)
        s3.put_bucket_encryption(
            Bucket=bucket,
            ServerSideEncryptionConfiguration={
                "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
            },
        )
    s3.put_bucket_cors(
        Bucket=config.uploads_bucket,
        CORSConfiguration={
            "CORSRules": [
                {"AllowedMethods": ["POST"], "AllowedOrigins": ["*"], "AllowedHeaders": ["*"], "MaxAgeSeconds": 3000}
            ]
        },
    )
    boto3.client("ses").verify_email_identity(EmailAddress=config.email_sender)


class IntakePoller(threading.Thread):
    """What the bucket's event does in the cloud: every new list in the intake bucket goes to the intake."""

    def __init__(self, interval: float = 1.0):
        super().__init__(name="intake-poller", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        from datetime import timedelta

        from chalicelib import wiring
        from chalicelib.flows import intake
        from chalicelib.logs import log

        bucket = wiring.intake_bucket()
        while not self.stopped.wait(self.interval):
            try:
                for key in bucket.pending():
                    intake.process(bucket, key, wiring.now(), lambda: timedelta(minutes=15), lambda: None)
            except Exception as error:  # a storage fault here is retried at the next look, as Lambda retries
                log("intake_poll_failed", error=type(error).__name__)

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=30)


def _interrupt(signum, frame) -> None:
    """SIGTERM ends `make run` the way Ctrl-C does, through the cleanup below."""
    raise KeyboardInterrupt


def build_site() -> None:
    """Writes web/dist; done before `chalice local` starts, since its reloader restarts the API on any file change."""
    from web.build import build

    build()


def start_site(api_port: int, emulator_port: int, port: int | None = None):
    """Serves web/dist with its /api proxy; answers the server and its URL."""
    from infra import site_server

    server = site_server.start(port or free_port(), f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{emulator_port}")
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def first_admin(site_url: str) -> str:
    """The local stack's first back-office admin, as tools/first_admin makes one: only a one-time enrolment link."""
    from chalicelib import wiring
    from chalicelib.flows import staff_members

    created = staff_members.first_admin("admin", "مدیر نمونه", wiring.context())
    return f"first admin 'admin' enrols at {site_url}staff/enrol.html?id={created['enrolment_id']}"


def _site_port(preferred: int = 8080) -> int:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
        except OSError:
            return free_port()
    return preferred


def run(port: int = 8000) -> None:
    emulator_port = free_port()
    settings = environment(emulator_port)
    os.environ.update(settings)
    (STATE / "env").write_text("".join(f"{name}={value}\n" for name, value in settings.items()))
    emulator = start_emulator(emulator_port)
    site = server = None
    poller = IntakePoller()
    try:
        create_resources()
        from infra import demo

        print(demo.load(), flush=True)
        build_site()
        poller.start()
        server = serve(port, os.environ.copy())
        site, site_url = start_site(port, emulator_port, _site_port())
        print(
            f"Serving the API on http://127.0.0.1:{port} (emulator on :{emulator_port}); Ctrl-C stops everything.",
            flush=True,
        )
        print(f"Web portal: {site_url} (English: {site_url}en/)", flush=True)
        print(f"Back office: {site_url}staff/ (English: {site_url}staff/en/); {first_admin(site_url)}", flush=True)
        print(f"Institution panel: {site_url}institution/ (English: {site_url}institution/en/)", flush=True)
        signal.signal(signal.SIGTERM, _interrupt)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        if site is not None:
            site.shutdown()
        stop(server)
        if poller.is_alive():
            poller.stop()
        if emulator.poll() is None:
            emulator.terminate()
            emulator.wait(timeout=10)


if __name__ == "__main__":
    if sys.argv[1:] != ["run"]:
        sys.exit("usage: python -m infra.local_stack run")
    run()
