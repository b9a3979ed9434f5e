"""Logging set-up: journald-friendly lines on stderr.

Under systemd (``JOURNAL_STREAM`` set) each line carries a ``<N>`` syslog
priority prefix, which journald turns into the entry's priority; otherwise a
plain ``LEVEL name: message``. Card UIDs, pupil names, biometric ids and
tokens are never logged at INFO or above: callers log them only at DEBUG,
and ``redact`` gives a safe stand-in when a line at INFO needs to tell reads
apart.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys

_PRIORITY = {
    logging.DEBUG: 7,
    logging.INFO: 6,
    logging.WARNING: 4,
    logging.ERROR: 3,
    logging.CRITICAL: 2,
}


class _JournaldFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        prio = _PRIORITY.get(record.levelno, 6)
        msg = super().format(record)
        return "\n".join(f"<{prio}>{line}" for line in msg.splitlines() or [""])


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time of the record (a
    handler holding the stream it started with writes into a closed file once
    a test harness or a daemoniser swaps stderr)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def setup_logging(level: str = "INFO", stream=None) -> None:
    """Configure the root logger once for the process (called again, it
    replaces the handler it installed, and only that)."""
    handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler._till_agent = True  # type: ignore[attr-defined]
    if os.environ.get("JOURNAL_STREAM"):
        handler.setFormatter(_JournaldFormatter("%(name)s: %(message)s"))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_till_agent", False):
            root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO; keep it for DEBUG.
    logging.getLogger("httpx").setLevel(max(logging.WARNING, root.level))
    logging.getLogger("httpcore").setLevel(max(logging.WARNING, root.level))


def redact(value: str, salt: str = "") -> str:
    """A short, non-reversible tag for an identifier, for correlating log
    lines without revealing it (e.g. ``id#3fa1``)."""
    digest = hashlib.sha256((salt + value).encode()).hexdigest()
    return f"id#{digest[:4]}"
