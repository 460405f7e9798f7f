"""The embedded local stack: moto's server on loopback, every table, bucket and identity, demo data.

`python -m infra.local_stack run` starts it all and serves the API with `chalice local` on :8000.
"""
import importlib
import os
import pkgutil
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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
        "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{emulator_port}",
        "APP_STAGE": "local", "TABLE_PREFIX": "tamin-local-", "LETTERS_BUCKET": "tamin-local-letters",
        "UPLOADS_BUCKET": "tamin-local-uploads", "EMAIL_SENDER": "no-reply@tamin.local",
        "PUBLIC_BASE_URL": public_base_url, "PASSWORD_PEPPER": _local_secret("password_pepper"),
        "HASH_KEY": _local_secret("hash_key"), "SEALING_KEY": _local_secret("sealing_key"), "BCRYPT_COST": str(bcrypt_cost),
        "REGISTRY_ADAPTER": "local", "SMS_ADAPTER": "sns",
    }


def start_emulator(port: int, serial: bool = False) -> subprocess.Popen:
    """moto's server on loopback; `serial` answers one request at a time (infra/serial_emulator.py), for race tests."""
    command = ["-m", "infra.serial_emulator", "-p", str(port)] if serial else ["-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    process = subprocess.Popen([sys.executable, *command], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def serve(port: int, env: dict, quiet: bool = False) -> subprocess.Popen:
    """`chalice local` in a process group of its own: its auto-reloader runs the app in a child process.

    Quiet servers (the tests') do not reload: a first lazy import writes bytecode under chalicelib/, which the
    reloader takes for an edit and restarts the server mid-request.
    """
    output = subprocess.DEVNULL if quiet else None
    reload = ["--no-autoreload"] if quiet else []
    return subprocess.Popen([str(Path(sys.executable).parent / "chalice"), "local", "--stage", "local", "--host", "127.0.0.1",
                             "--port", str(port), *reload], cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True)


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

    config = settings()
    for model in all_models():
        if not model.exists():
            model.create_table(wait=True)
    s3 = boto3.client("s3")
    for bucket in (config.letters_bucket, config.uploads_bucket):
        s3.create_bucket(Bucket=bucket)
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_bucket_cors(Bucket=config.uploads_bucket, CORSConfiguration={"CORSRules": [
        {"AllowedMethods": ["POST"], "AllowedOrigins": ["*"], "AllowedHeaders": ["*"], "MaxAgeSeconds": 3000}]})
    boto3.client("ses").verify_email_identity(EmailAddress=config.email_sender)


def _interrupt(signum, frame) -> None:
    """SIGTERM ends `make run` the way Ctrl-C does, through the cleanup below."""
    raise KeyboardInterrupt


def run(port: int = 8000) -> None:
    emulator_port = free_port()
    settings = environment(emulator_port)
    os.environ.update(settings)
    (STATE / "env").write_text("".join(f"{name}={value}\n" for name, value in settings.items()))
    emulator = start_emulator(emulator_port)
    try:
        create_resources()
        from infra import demo

        print(demo.load(), flush=True)
        server = serve(port, os.environ.copy())
        print(f"Serving on http://127.0.0.1:{port} (emulator on :{emulator_port}); Ctrl-C stops everything.", flush=True)
        signal.signal(signal.SIGTERM, _interrupt)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(locals().get("server"))
        if emulator.poll() is None:
            emulator.terminate()
            emulator.wait(timeout=10)


if __name__ == "__main__":
    if sys.argv[1:] != ["run"]:
        sys.exit("usage: python -m infra.local_stack run")
    run()
