"""The local stand-in for CloudFront: serves web/dist with the deployed security headers on a port of its own and
forwards `/api/*` (prefix removed) and `/verify/*` to `chalice local`, so pages and API share one origin."""

import http.client
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
FORWARDED_REQUEST = (
    "content-type",
    "accept",
    "accept-language",
    "cookie",
    "authorization",
    "x-tamin-client",
    "idempotency-key",
    "x-request-id",
)
FORWARDED_RESPONSE = ("content-type", "set-cookie", "location", "retry-after", "cache-control", "content-disposition")
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}
MAX_BODY = 6 * 1024 * 1024


def security_headers(upload_origin: str, deployed: bool = False) -> dict:
    """The same policy CloudFront's response-headers policy sets (infra/site.json); only uploads leave the origin."""
    csp = (
        "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data: blob:; "
        f"connect-src 'self' {upload_origin}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
    headers = {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if deployed:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains; preload"
    return headers


def not_found_page(path: str) -> str:
    """The 404 page of the site (portal, back office or panel) and the language an address belongs to."""
    from web.build import sites

    prefix = max((s.prefix for s in sites() if path.startswith("/" + s.prefix)), key=len)
    language = "en/" if path.startswith(f"/{prefix}en/") else ""
    return f"{prefix}{language}404.html"


class SiteHandler(BaseHTTPRequestHandler):
    upstream: str
    headers_to_send: dict
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        """Quiet: chalice local already logs every API call."""

    def handle(self):
        """A browser that goes away mid-answer (a closed tab, a cancelled fetch) is not the server's fault."""
        try:
            super().handle()
        except ConnectionError:
            pass

    def _proxy(self, path: str) -> None:
        length = int(self.headers.get("content-length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else None
        headers = {name: self.headers[name] for name in FORWARDED_REQUEST if self.headers.get(name)}
        headers["X-Forwarded-For"] = self.client_address[0]
        headers["Connection"] = "close"
        try:
            answer, data = self._forward(path, body, headers)
        except OSError as error:
            sys.stderr.write(f"site server: the API did not answer {self.command} {path}: {error!r}\n")
            self._file(DIST / "503.html", 503)
            return
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() in FORWARDED_RESPONSE:
                self.send_header(name, value)
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _forward(self, path: str, body: bytes | None, headers: dict):
        """One call to the API; a read that found the connection dropped is tried once more (reads change nothing)."""
        target = urlsplit(self.upstream)
        for attempt in (1, 2):
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            try:
                connection.request(self.command, path, body=body, headers=headers)
                answer = connection.getresponse()
                return answer, answer.read()
            except (ConnectionError, http.client.RemoteDisconnected):
                if attempt == 2 or self.command not in ("GET", "HEAD"):
                    raise
            finally:
                connection.close()

    def _file(self, path: Path, status: int = 200) -> None:
        data = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Cache-Control", "no-cache" if path.suffix == ".html" else "max-age=300")
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _static(self) -> None:
        path = urlsplit(self.path).path
        if path.endswith("/"):
            path += "index.html"
        file = (DIST / path.lstrip("/")).resolve()
        if DIST.resolve() in file.parents and file.is_file():
            self._file(file)
        else:
            self._file(DIST / not_found_page(path), 404)

    def _route(self) -> None:
        if self.path.startswith("/api/"):
            self._proxy(self.path[len("/api") :])
        elif self.path.startswith("/verify/"):
            self._proxy(self.path)
        elif self.command in ("GET", "HEAD"):
            self._static()
        else:
            self.send_error(405)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = _route


def start(port: int, upstream: str, upload_origin: str) -> ThreadingHTTPServer:
    """Serves the built site on 127.0.0.1:port in a background thread; `shutdown()` stops it."""
    handler = type(
        "Handler", (SiteHandler,), {"upstream": upstream, "headers_to_send": security_headers(upload_origin)}
    )
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
