"""moto's server answering one request at a time, for race tests.

`python -m moto.server` always serves on threads, and moto does not serialise items or transactions, so two
racing writes could both pass a condition there. One request at a time is what DynamoDB's per-item atomicity
gives, so only the service's own interleavings are left to test. HTTP/1.0 (werkzeug's default without threads)
closes each connection, so no client holds the single worker.
"""

import argparse
import os

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import run_simple


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-p", "--port", type=int, required=True)
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    run_simple(
        "127.0.0.1",
        args.port,
        DomainDispatcherApplication(create_backend_app),
        threaded=False,
        request_handler=MotoRequestHandler,
    )


if __name__ == "__main__":
    main()
