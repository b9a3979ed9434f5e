"""The simulated hub's misbehaviour: the faults a test queues (``inject``)
and how each is acted out on the wire (an error status, a dropped or reset
connection, a partial or dripped answer, garbage, a huge roster). ``Hub``
(``hwsim.hub``) takes them from here; every fault of the contract is one.
"""

from __future__ import annotations

import contextlib
import socket
import struct
from dataclasses import dataclass, field
from typing import Any

from hwsim.hub_wire import json_bytes, response_bytes

FAULT_KINDS = ("http_500", "http_503", "http_429", "http_413", "http_401", "http_403",
               "drop_after_commit", "timeout", "reset", "reset_mid_body", "partial",
               "garbage", "slow", "drip", "huge_roster")


@dataclass
class Fault:
    """One queued misbehaviour. ``path``: "transactions", "roster", "health",
    "till_health" (a till's health report),
    or None for transactions and roster (health is only hit when asked)."""

    kind: str
    path: str | None = None
    skip: int = 0  # let this many matching requests through first
    kw: dict[str, Any] = field(default_factory=dict)

    def matches(self, route: str) -> bool:
        if self.path is None:
            return route in ("transactions", "roster")
        return self.path == route


# An injected error answered at once, by its status.
INJECTED_STATUS = {"http_500": 500, "http_503": 503, "http_429": 429, "http_413": 413,
        "http_401": 401, "http_403": 403}


class Dropped(Exception):
    """The connection was reset on purpose; nothing more to send."""


class FaultyHub:
    """The part of ``Hub`` that misbehaves on purpose (a mixin: the state
    and the sending are the hub's)."""

    def inject(self, kind: str, count: int = 1, *, path: str | None = None, skip: int = 0,
               **kw: Any) -> None:
        """Misbehave on the next ``count`` matching requests (after letting
        ``skip`` through). Kinds: http_500, http_503 / http_429 (retry_after=),
        http_413, http_401, http_403, reset (close before reading the body),
        slow (delay_s, then answer normally), timeout (commit, then answer
        after delay_s + 0.5 s), drop_after_commit (commit, then reset without
        a response), reset_mid_body (commit, send half the response, reset),
        partial (pushes: commit all, answer ``keep`` results, default half;
        roster: no effect), garbage
        (variant=: not_json, truncated, wrong_shape, wrong_ids, extra_id,
        bad_status; roster: bad_pupil, missing_cursor; a push is committed
        first; health: an HTML page), drip (send the answer one byte every
        interval_s, default 0.5 s: a hub that never quite stops answering),
        huge_roster (roster: a page of ``pupils`` made-up pupils, default
        1000, saying more follows, each fault one more page; with ``mb=`` one
        page padded to that many MB instead, streamed without a length, or
        with its Content-Length when ``declare=True``)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {', '.join(FAULT_KINDS)}")
        if path not in (None, "transactions", "roster", "health", "till_health", "photo"):
            raise ValueError("path must be None, 'transactions', 'roster', 'health' or "
                             "'till_health'")
        with self._lock:
            for i in range(count):
                # Successive faults of one call follow each other; only the
                # first waits out ``skip``.
                self._faults.append(Fault(kind, path, skip if i == 0 else 0, dict(kw)))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    @property
    def pending_faults(self) -> int:
        with self._lock:
            return len(self._faults)

    def _take_fault(self, route: str) -> Fault | None:
        with self._lock:
            for i, f in enumerate(self._faults):
                if not f.matches(route):
                    continue
                if f.skip > 0:
                    f.skip -= 1
                    return None
                del self._faults[i]
                self._counts["faults"] += 1
                self._counts[f"fault.{f.kind}"] += 1
                return f
            return None

    def _huge_roster(self, h: Any, fault: Fault) -> None:
        """A hostile roster: endless pages of made-up pupils, or one page of
        ``mb`` megabytes streamed with no Content-Length (the client cannot
        know the size before reading)."""
        with self._lock:
            self._huge_pages += 1
            n = self._huge_pages
        if fault.kw.get("mb") is None:
            count = int(fault.kw.get("pupils", 1000))
            pupils = [{"id": f"HUGE-{n}-{i}", "display_name": f"Made-up pupil {n}-{i}",
                       "year_group": "Y7", "card_uids": [f"{(n << 20) + i:08X}"],
                       "biometric_ids": [], "balance_pence": 0, "fsm": False,
                       "daily_limit_pence": None, "debt_limit_pence": 0, "allergens": [],
                       "biometric_consent": False} for i in range(count)]
            return self._after(h, 200, {"pupils": pupils, "cursor": f"huge-{n}", "more": True,
                                        "till_seq_applied": 0}, fault)
        head = b'{"cursor":"huge","more":false,"till_seq_applied":0,"pupils":['
        total = max(int(float(fault.kw["mb"]) * 1_000_000), len(head) + 2)
        length = f"Content-Length: {total}\r\n".encode() if fault.kw.get("declare") else b""
        h.close_connection = True
        self._count("status.200")
        h.wfile.write(b"HTTP/1.1 200 OK\r\nServer: hwsim-hub/1\r\nContent-Type: "
                      b"application/json\r\n" + length + b"Connection: close\r\n\r\n" + head)
        left = total - len(head) - 2
        while left > 0 and not self._stopping.is_set():
            n = min(left, 65536)
            h.wfile.write(b" " * n)  # JSON whitespace: only its size matters
            left -= n
        h.wfile.write(b"]}")

    def _drip(self, h: Any, data: bytes, interval: float) -> None:
        """Send ``data`` one byte at a time, ``interval`` seconds apart."""
        h.close_connection = True
        for i in range(len(data)):
            h.wfile.write(data[i : i + 1])
            h.wfile.flush()
            if self._stopping.wait(interval):
                return

    def _after(self, h: Any, status: int, obj: dict, fault: Fault | None) -> None:
        """Send the answer, or misbehave after the work is committed."""
        kind = fault.kind if fault else ""
        if kind == "drip":
            self._count(f"status.{status}")
            return self._drip(h, response_bytes(status, json_bytes(obj), {}),
                              float(fault.kw.get("interval_s", 0.5)))  # type: ignore[union-attr]
        if kind == "drop_after_commit":
            self._reset(h)
        if kind == "timeout":
            self._sleep(float(fault.kw.get("delay_s", 3.0)) + 0.5)  # type: ignore[union-attr]
        if kind == "reset_mid_body":
            data = response_bytes(status, json_bytes(obj), {})
            with contextlib.suppress(OSError):
                h.wfile.write(data[: len(data) - max(1, len(json_bytes(obj)) // 2)])
            self._reset(h)
        self._send(h, status, obj)

    def _sleep(self, seconds: float) -> None:
        self._stopping.wait(seconds)

    def _reset(self, h: Any) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0), like a crashed
        proxy or a cut cable would, and stop handling this request."""
        with contextlib.suppress(OSError):
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
        raise Dropped
