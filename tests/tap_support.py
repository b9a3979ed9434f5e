"""A tap listener for the tap tests (serial, USB, TCP): it keeps everything
it is told and lets a test wait until what it expects has arrived."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Recorder:
    """A listener that keeps everything it is told (``fail``: and then raises,
    as a listener with a bug would)."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.till = bytearray()
        self.printer = bytearray()
        self.job_ends = 0
        self.links: list[tuple[str, bool]] = []
        self.peers: list[str] = []
        self.flags: list[str] = []
        self.cond = threading.Condition()

    def _note(self) -> None:
        with self.cond:
            self.cond.notify_all()
        if self.fail:
            raise RuntimeError("listener bug")

    def on_till_bytes(self, data: bytes, now: float) -> None:
        self.till += data
        self._note()

    def on_printer_bytes(self, data: bytes, now: float) -> None:
        self.printer += data
        self._note()

    def on_job_end(self, now: float) -> None:
        self.job_ends += 1
        self._note()

    def on_link(self, side: str, up: bool, detail: str, now: float) -> None:
        self.links.append((side, up))
        self._note()

    def on_job_start(self, peer: str, now: float) -> None:
        self.peers.append(peer)
        self._note()

    def on_job_flag(self, flag: str, now: float) -> None:
        self.flags.append(flag)
        self._note()

    def wait(self, pred: Callable[[], object], timeout: float = 3.0) -> bool:
        """Whether ``pred`` came true within ``timeout`` seconds."""
        with self.cond:
            return self.cond.wait_for(pred, timeout)
