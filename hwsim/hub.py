"""A simulated hub: the sync protocol (``sync/protocol.md``)
over real HTTP on loopback, with a SQLite ledger and fault injection.

Written from the contract page alone (hwsim never imports ``sync/``): a
client that works against this hub and against the page works against
other hubs.

``Hub`` is the HTTP shell around ``HubCore`` (``hwsim/hub_core.py``: the
hub's state and rules), a stdlib ``ThreadingHTTPServer`` in a thread:
bearer auth, body limits, ``go_offline()`` / ``go_online()`` (connections
refused, same port again) and ``inject()`` to misbehave on the next
requests. Each response is written in one ``send`` with TCP_NODELAY, so the
simulator never stalls on Nagle and delayed ACK. Its request handling (the
routes, body limits, faults acted out on the wire) is ``HubHttp``'s, in
``hwsim/hub_http.py``; this module keeps the hub's life, settings and views.

    python -m hwsim hub --port 8765 --pupils 300 --seed 1 --token-file /tmp/hub-token
"""

from __future__ import annotations

import collections
import contextlib
import json
import socket
import threading
import time
from typing import Any

from hwsim.hub_contract import disk_alarm, retention_alarm
from hwsim.hub_core import DEFAULT_PAGE_SIZE, HubCore, LedgerRow
from hwsim.hub_faults import Fault
from hwsim.hub_http import HubHttp, HubServer

HELP = "simulated hub: the sync protocol over HTTP, with a generated school and faults"
PUPIL_FIELDS = ("id", "display_name", "year_group", "card_uids", "biometric_ids",
                "balance_pence", "fsm", "daily_limit_pence", "debt_limit_pence",
                "allergens", "biometric_consent", "deleted")
SILENT_AFTER_S = 600.0  # a till reports every minute: ten without a word is "silent"


class Hub(HubHttp):
    """The simulated hub over HTTP on loopback. See the module docstring."""

    def __init__(self, roster: list[dict] | None = None, token: str = "test-token",
                 db_path: str = ":memory:", page_size: int = DEFAULT_PAGE_SIZE,
                 photos: dict[str, bytes] | None = None, spend_today: bool = False):
        self.core = HubCore(roster, db_path=db_path, page_size=page_size, photos=photos,
                            spend_today=spend_today)
        self._token = token
        self.clock_offset_s = 0.0  # added to the health time: a hub whose clock is off
        self.shuffle_results = False  # answer results in a random order (match by id!)
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._huge_pages = 0  # pages of made-up pupils sent (huge_roster)
        self._counts: collections.Counter[str] = collections.Counter()
        self._server: HubServer | None = None
        self._thread: threading.Thread | None = None
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        self._stopping = threading.Event()
        self.host = "127.0.0.1"
        self.port = 0
        # Tills' health: the last report of each, when each was last heard
        # from (any authenticated request), and who is silent.
        self.health_reports = True  # False: 404, a hub without the endpoint
        self.silent_after_s = SILENT_AFTER_S
        self._health: dict[str, dict] = {}
        self._last_heard: dict[str, float | None] = {}
        # Rate limit (off by default): a token bucket over every request.
        self.rate_limit_per_s: float | None = None
        self.rate_burst = 0
        self.retry_after_s = 1.0
        self._tokens, self._tokens_at = 0.0, time.monotonic()
        self._per_second: collections.Counter[int] = collections.Counter()

    # -- life cycle -------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on ``host:port`` (0: any free port); returns the base URL."""
        self.host = host
        self._stopping.clear()
        self._listen(port)
        return self.base_url

    def _listen(self, port: int) -> None:
        deadline = time.monotonic() + 5.0
        while True:
            try:
                server = HubServer((self.host, port), self)
                break
            except OSError:
                if port == 0 or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)  # the old socket is still letting go of the port
        self.port = server.server_address[1]
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                  name=f"hwsim-hub:{self.port}", daemon=True)
        with self._lock:
            self._server, self._thread = server, thread
        thread.start()

    def _close_listener(self) -> None:
        with self._lock:
            server, thread = self._server, self._thread
            self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        # The network is gone for open keep-alive connections too.
        with self._conns_lock:
            conns = list(self._conns)
        for c in conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)

    def go_offline(self) -> None:
        """Refuse connections (the listening socket is closed, open ones cut);
        the ledger and roster are kept."""
        self._close_listener()

    def go_online(self) -> None:
        """Listen again on the same port."""
        if self._server is None:
            self._listen(self.port)

    @property
    def online(self) -> bool:
        return self._server is not None

    def stop(self) -> None:
        """Stop serving and wake any request sleeping in a fault."""
        self._stopping.set()
        self._close_listener()

    def __enter__(self) -> Hub:
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- knobs and views --------------------------------------------------------------

    @property
    def seq_applied_mode(self) -> str:
        return self.core.seq_applied_mode

    @seq_applied_mode.setter
    def seq_applied_mode(self, mode: str) -> None:
        if mode not in ("contiguous", "highest"):
            raise ValueError("seq_applied_mode is 'contiguous' or 'highest'")
        self.core.seq_applied_mode = mode

    @property
    def page_size(self) -> int:
        return self.core.page_size

    @page_size.setter
    def page_size(self, n: int) -> None:
        self.core.page_size = int(n)

    def set_token(self, token: str) -> None:
        """Accept only this bearer token from now on (revoke the old one)."""
        with self._lock:
            self._token = token

    def upsert_pupil(self, pupil: dict) -> None:
        self.core.upsert_pupil(pupil)

    def delete_pupil(self, pupil_id: str) -> None:
        self.core.delete_pupil(pupil_id)

    def add_photo(self, data: bytes, **kw: Any) -> dict:
        """``HubCore.add_photo``: serve ``data``; its Photo reference."""
        return self.core.add_photo(data, **kw)

    def pupil(self, pupil_id: str) -> dict | None:
        return self.core.pupil(pupil_id)

    def ledger(self, till_id: str | None = None) -> list[LedgerRow]:
        """Stored transactions of ``till_id`` (all tills if None), each the
        dict as received, in arrival order."""
        return self.core.ledger(till_id)

    def till_seq_applied(self, till_id: str) -> int:
        return self.core.till_seq_applied(till_id)

    def held_for_review(self) -> list[dict]:
        return self.core.held_for_review()

    def review(self, txn_id: str, approve: bool) -> None:
        self.core.review(txn_id, approve)

    def pause_apply(self) -> None:
        self.core.pause_apply()

    def resume_apply(self) -> None:
        self.core.resume_apply()

    def expect_till(self, till_id: str) -> None:
        """A till this hub should hear from (silent until it does)."""
        with self._lock:
            self._last_heard.setdefault(till_id, None)

    def till_health(self, till_id: str) -> dict | None:
        """The till's last health report as received (a copy) with
        ``received_at`` (hub epoch seconds), or None."""
        with self._lock:
            got = self._health.get(till_id)
            return json.loads(json.dumps(got)) if got is not None else None

    def tills(self, now: float | None = None) -> dict[str, dict]:
        """Every till known (expected or heard from): ``last_heard`` (epoch
        seconds or None), ``silent`` (not heard for ``silent_after_s``),
        ``pending``, ``alarms``, ``disk_free_bytes``, ``disk_total_bytes`` and
        ``journal`` (its size and retention) from its last health report
        (None/[] if it sent none)."""
        now = time.time() if now is None else now
        with self._lock:
            heard = dict(self._last_heard)
            reports = {k: v["report"] for k, v in self._health.items()}
        out = {}
        for till_id, at in sorted(heard.items()):
            rep = reports.get(till_id) or {}
            queue = rep.get("queue") if isinstance(rep.get("queue"), dict) else {}
            out[till_id] = {"last_heard": at,
                            "silent": at is None or now - at > self.silent_after_s,
                            "pending": queue.get("pending"),
                            "alarms": list(rep.get("alarms") or []),
                            "disk_free_bytes": rep.get("disk_free_bytes"),
                            "disk_total_bytes": rep.get("disk_total_bytes"),
                            "journal": rep.get("journal")}
        return out

    def till_alarms(self, now: float | None = None) -> dict[str, list[str]]:
        """The fleet's alarms from the tills' last health reports (the
        contract's advice to a hub): ``retention_blocked`` for a till whose
        ``journal.blocked_by.since`` is more than 7 days old, ``disk_low`` for
        one with under 10% of its disk free. Till id -> alarm lines (tills
        without alarms left out)."""
        now = time.time() if now is None else now
        with self._lock:
            reports = {k: v["report"] for k, v in self._health.items()}
        out: dict[str, list[str]] = {}
        for till_id, rep in sorted(reports.items()):
            found = [a for a in (retention_alarm(rep, now), disk_alarm(rep)) if a]
            if found:
                out[till_id] = found
        return out

    def silent_tills(self, now: float | None = None) -> list[str]:
        """Tills not heard from for ``silent_after_s`` (or never): "till silent"."""
        return [t for t, v in self.tills(now).items() if v["silent"]]

    @property
    def requests(self) -> dict[str, int]:
        """Counters (a copy): requests ``total``, ``health``, ``transactions``,
        ``roster``, ``till_health``, ``other``; ``unauthorized``; ``health_reports``
        (stored); ``hub_errors`` (the
        simulator's own bugs, answered 500); ``items`` (transactions
        received in well-formed pushes), ``accepted``, ``duplicate``,
        ``rejected``; ``status.<code>`` per answer sent; ``faults`` and
        ``fault.<kind>`` per fault committed."""
        with self._lock:
            return dict(self._counts)

    def _count(self, *keys: str, n: int = 1) -> None:
        with self._lock:
            for k in keys:
                self._counts[k] += n

    def _admit(self) -> bool:
        """Count the request in its second; the token bucket's verdict when a
        rate limit is set (tokens refill at ``rate_limit_per_s`` up to
        ``rate_burst``)."""
        now = time.monotonic()
        with self._lock:
            self._per_second[int(time.time())] += 1
            if not self.rate_limit_per_s:
                return True
            self._tokens = min(float(self.rate_burst),
                               self._tokens + (now - self._tokens_at) * self.rate_limit_per_s)
            self._tokens_at = now
            if self._tokens < 1.0:
                self._counts["rate_limited"] += 1
                return False
            self._tokens -= 1.0
            return True

    def set_rate_limit(self, per_s: float | None, burst: int = 0,
                       retry_after_s: float = 1.0) -> None:
        """Answer 429 with ``Retry-After: retry_after_s`` to the tills'
        requests beyond ``per_s`` a second (bursts of ``burst``, default one
        second's worth); None lifts the limit. What a hub operator sets
        (sync/protocol.md, "For hub operators")."""
        with self._lock:
            self.rate_limit_per_s = per_s
            self.rate_burst = burst or max(1, int(per_s or 1))
            self.retry_after_s = retry_after_s
            self._tokens, self._tokens_at = float(self.rate_burst), time.monotonic()

    def requests_per_second(self) -> dict[int, int]:
        """Requests received (every route, limited or not) per wall-clock second."""
        with self._lock:
            return dict(self._per_second)

    def _heard(self, till_id: str) -> None:
        with self._lock:
            self._last_heard[till_id] = time.time()
