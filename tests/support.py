"""Small helpers the tests share (waiting on a condition, a free port)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable


def wait_for(pred: Callable[[], object], timeout: float = 5.0, interval: float = 0.01) -> bool:
    """Poll ``pred`` until it is true or ``timeout`` s pass; its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(interval)
    return bool(pred())


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on (right now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
