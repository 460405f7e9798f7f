"""Structured JSON logs with a request id; callers pass only masked identifiers."""

import contextvars
import json
import logging
import sys
import time

request_id = contextvars.ContextVar("request_id", default="-")


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
            "level": record.levelname,
            "logger": record.name,
            "request_id": request_id.get(),
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False)


class _Stdout(logging.StreamHandler):
    """Writes to whatever sys.stdout is at the time, so a replaced stdout (a test's capture) sees every line."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stdout
        super().emit(record)


def configure() -> logging.Logger:
    logger = logging.getLogger("tamin")
    if not logger.handlers:
        handler = _Stdout()
        handler.setFormatter(_JsonFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def log(event: str, level: int = logging.INFO, **fields) -> None:
    configure().log(level, event, extra={"fields": fields})
