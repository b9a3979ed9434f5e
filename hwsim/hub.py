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
simulator never stalls on Nagle and delayed ACK.

    python -m hwsim hub --port 8765 --pupils 300 --seed 1 --token-file /tmp/hub-token
"""

from __future__ import annotations

import collections
import contextlib
import hmac
import json
import re
import secrets
import socket
import struct
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from hwsim.hub_core import (
    DEFAULT_PAGE_SIZE,
    BadRequest,
    HubCore,
    LedgerRow,
    TooLarge,
    disk_alarm,
    retention_alarm,
)
from hwsim.hub_wire import (
    discard,
    garbage_push,
    garbage_roster,
    image_type,
    json_bytes,
    read_chunked,
    response_bytes,
)

HELP = "simulated hub: the sync protocol over HTTP, with a generated school and faults"
MAX_BODY = 1024 * 1024  # 1 MiB of JSON per push
_DRAIN_CAP = 64 * 1024 * 1024  # past this an oversized body is not even drained
PUPIL_FIELDS = ("id", "display_name", "year_group", "card_uids", "biometric_ids",
                "balance_pence", "fsm", "daily_limit_pence", "debt_limit_pence",
                "allergens", "biometric_consent", "deleted")
_PATH_RE = re.compile(r"/v1/tills/([^/]+)/(transactions|roster|health)")
# Photos (the contract's optional Photo reference): opaque paths, by hash.
_PHOTO_RE = re.compile(r"/v1/photos/([0-9a-f]{64})")
MAX_HEALTH_BODY = 16 * 1024  # the contract's limit for a till's health report
SILENT_AFTER_S = 600.0  # a till reports every minute: ten without a word is "silent"

FAULT_KINDS = ("http_500", "http_503", "http_429", "http_413", "http_401", "http_403",
               "drop_after_commit", "timeout", "reset", "reset_mid_body", "partial",
               "garbage", "slow", "drip", "huge_roster")


def format_time(t: float) -> str:
    """RFC 3339 UTC with milliseconds, as the contract writes times."""
    dt = datetime.fromtimestamp(t, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


# --- faults ----------------------------------------------------------------------------


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


_PRE = {"http_500": 500, "http_503": 503, "http_429": 429, "http_413": 413,
        "http_401": 401, "http_403": 403}


# --- the HTTP shell --------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr: tuple[str, int], hub: Hub):
        self.hub = hub
        super().__init__(addr, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.hub._conns_lock:
            self.hub._conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.hub._conns_lock:
            self.hub._conns.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that vanished mid-request (an agent killed by a chaos run,
        # a reset) is normal traffic for a hub: count it, print no traceback.

        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError | BrokenPipeError):
            self.hub._count("client_disconnects")
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True
    server_version = "hwsim-hub/1"
    timeout = 120  # an idle keep-alive connection's thread does not live forever

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.hub._handle(self, "GET")  # type: ignore[attr-defined]

    def do_POST(self) -> None:  # noqa: N802
        self.server.hub._handle(self, "POST")  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # the hub's requests counters say what happened


class _Dropped(Exception):
    """The connection was reset on purpose; nothing more to send."""


class Hub:
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
        self._server: _Server | None = None
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
                server = _Server((self.host, port), self)
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

    def _count(self, *keys: str, n: int = 1) -> None:
        with self._lock:
            for k in keys:
                self._counts[k] += n

    # -- request handling -------------------------------------------------------------

    def _handle(self, h: _Handler, method: str) -> None:
        try:
            self._route(h, method)
        except _Dropped:
            h.close_connection = True
        except OSError:
            h.close_connection = True  # the client went away; its problem, not ours
        except Exception:
            # A bug of the simulator's own: say so loudly (stderr, the
            # ``hub_errors`` counter), answer 500, never take the server down.
            traceback.print_exc()
            self._count("hub_errors")
            h.close_connection = True
            with contextlib.suppress(OSError):
                self._send(h, 500, {"error": "simulated hub bug"})

    def _route(self, h: _Handler, method: str) -> None:
        url = urlsplit(h.path)
        m = _PATH_RE.fullmatch(url.path)
        photo = _PHOTO_RE.fullmatch(url.path)
        if url.path == "/v1/health":
            route, till_id, want = "health", "", "GET"
        elif photo:
            route, till_id, want = "photo", "", "GET"
        elif m:
            route, till_id = m.group(2), unquote(m.group(1))
            if route == "health":
                route = "till_health"
            want = "GET" if route == "roster" else "POST"
        else:
            self._count("total", "other")
            self._drain(h)
            return self._send(h, 404, {"error": "not found"})
        self._count("total", route)
        if not self._admit():
            self._drain(h)
            return self._send(h, 429, {"error": "rate limited"},
                              {"Retry-After": f"{self.retry_after_s:g}"})
        if route == "till_health" and not self.health_reports:
            self._drain(h)  # a hub from before the endpoint existed
            return self._send(h, 404, {"error": "not found"})
        if method != want:
            self._drain(h)
            return self._send(h, 405, {"error": f"use {want}"}, {"Allow": want})

        fault = self._take_fault(route)
        kind = fault.kind if fault else ""
        kw = fault.kw if fault else {}
        if kind == "reset":
            self._reset(h)
        if kind in ("slow",):
            self._sleep(float(kw.get("delay_s", 1.0)))
        if kind in _PRE:
            self._drain(h)
            headers = {}
            if kw.get("retry_after") is not None:
                headers["Retry-After"] = str(kw["retry_after"])
            return self._send(h, _PRE[kind], {"error": f"injected {kind}"}, headers)

        if route == "health":
            self._drain(h)
            if kind == "garbage":
                return self._send_raw(h, 200, b"<html><body>It works!</body></html>")
            now = format_time(time.time() + self.clock_offset_s)
            return self._after(h, 200, {"status": "ok", "time": now}, fault)
        if not self._authorised(h):
            self._count("unauthorized")
            self._drain(h)
            return self._send(h, 401, {"error": "unauthorized"},
                              {"WWW-Authenticate": 'Bearer realm="hub"'})

        if route == "photo":
            return self._photo(h, photo.group(1) if photo else "", fault)
        self._heard(till_id)
        if route == "roster":
            return self._roster(h, till_id, url.query, fault)
        if route == "till_health":
            return self._till_health(h, till_id, fault)
        return self._push(h, till_id, fault)

    def _photo(self, h: _Handler, token: str, fault: Fault | None) -> None:
        data = self.core.photo(token)
        if data is None:
            return self._send(h, 404, {"error": "no such photo"})
        if fault is not None and fault.kind == "garbage":
            data = b"<html>not a photo</html>"
        self._count(f"status.{200}")
        h.wfile.write(response_bytes(200, data, {}, content_type=image_type(data)))

    def _till_health(self, h: _Handler, till_id: str, fault: Fault | None) -> None:
        length = h.headers.get("Content-Length", "")
        if length.strip().isdigit() and int(length) > MAX_HEALTH_BODY:
            self._drain(h)
            return self._send(h, 413, {"error": f"a health report is at most {MAX_HEALTH_BODY} "
                                               "bytes"})
        body = self._read_body(h)
        if body is None:
            return
        try:
            report = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return self._send(h, 400, {"error": "body is not JSON"})
        if not isinstance(report, dict) or report.get("till_id") != till_id:
            return self._send(h, 400, {"error": "a health report is an object whose till_id "
                                                "is the path's"})
        with self._lock:
            self._health[till_id] = {"received_at": time.time(), "report": report}
            self._counts["health_reports"] += 1
        self._after(h, 200, {"status": "ok"}, fault)

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

    def _authorised(self, h: _Handler) -> bool:
        got = h.headers.get("Authorization", "")
        with self._lock:
            want = f"Bearer {self._token}"
        return hmac.compare_digest(got.encode(), want.encode())

    def _roster(self, h: _Handler, till_id: str, query: str, fault: Fault | None) -> None:
        cursors = parse_qs(query, keep_blank_values=True).get("cursor")
        if fault is not None and fault.kind == "huge_roster":
            return self._huge_roster(h, fault)
        try:
            page = self.core.roster(till_id, cursors[0] if cursors else None)
        except BadRequest as exc:
            return self._send(h, 400, {"error": str(exc)})
        if fault is not None and fault.kind == "garbage":
            return self._send_raw(h, 200, garbage_roster(page, fault.kw.get("variant")))
        self._after(h, 200, page, fault)

    def _push(self, h: _Handler, till_id: str, fault: Fault | None) -> None:
        body = self._read_body(h)
        if body is None:
            return
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return self._send(h, 400, {"error": "body is not JSON"})
        try:
            results = self.core.push(till_id, payload)
        except BadRequest as exc:
            return self._send(h, 400, {"error": str(exc)})
        except TooLarge as exc:
            return self._send(h, 413, {"error": str(exc)})
        counts = collections.Counter(r["status"] for r in results)
        counts["items"] = len(results)
        with self._lock:
            self._counts.update(counts)
        if self.shuffle_results:
            secrets.SystemRandom().shuffle(results)
        if fault is not None and fault.kind == "partial":
            keep = int(fault.kw.get("keep", len(results) // 2))
            results = results[:max(0, keep)]
        if fault is not None and fault.kind == "garbage":
            return self._send_raw(h, 200, garbage_push(results, fault.kw.get("variant")))
        self._after(h, 200, {"results": results}, fault)

    def _huge_roster(self, h: _Handler, fault: Fault) -> None:
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

    def _drip(self, h: _Handler, data: bytes, interval: float) -> None:
        """Send ``data`` one byte at a time, ``interval`` seconds apart."""
        h.close_connection = True
        for i in range(len(data)):
            h.wfile.write(data[i : i + 1])
            h.wfile.flush()
            if self._stopping.wait(interval):
                return

    def _after(self, h: _Handler, status: int, obj: dict, fault: Fault | None) -> None:
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

    def _read_body(self, h: _Handler) -> bytes | None:
        """The request body, or None after answering 411/413 itself."""
        if "chunked" in h.headers.get("Transfer-Encoding", "").lower():
            body = read_chunked(h.rfile, MAX_BODY)
            if body is None:
                h.close_connection = True
                self._send(h, 413, {"error": f"a push is at most {MAX_BODY} bytes of JSON"})
            return body
        length = h.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            h.close_connection = True
            self._send(h, 411, {"error": "Content-Length required"})
            return None
        n = int(length)
        if n > MAX_BODY:
            if n <= _DRAIN_CAP:
                discard(h.rfile, n)  # so the client gets to read our 413
            else:
                h.close_connection = True
            self._send(h, 413, {"error": f"a push is at most {MAX_BODY} bytes of JSON"})
            return None
        return h.rfile.read(n)

    def _drain(self, h: _Handler) -> None:
        """Read and drop a body nobody will look at (keep-alive stays in step)."""
        length = h.headers.get("Content-Length", "0").strip()
        n = int(length) if length.isdigit() else 0
        if n > _DRAIN_CAP:
            h.close_connection = True
        elif n:
            discard(h.rfile, n)

    def _sleep(self, seconds: float) -> None:
        self._stopping.wait(seconds)

    def _reset(self, h: _Handler) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0), like a crashed
        proxy or a cut cable would, and stop handling this request."""
        with contextlib.suppress(OSError):
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
        raise _Dropped

    def _send(self, h: _Handler, status: int, obj: Any,
              headers: dict[str, str] | None = None) -> None:
        self._send_raw(h, status, json_bytes(obj), headers)

    def _send_raw(self, h: _Handler, status: int, body: bytes,
                  headers: dict[str, str] | None = None) -> None:
        if h.close_connection:
            headers = {**(headers or {}), "Connection": "close"}
        self._count(f"status.{status}")
        h.wfile.write(response_bytes(status, body, headers or {}))
