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
import sys
import threading
import time
import traceback
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
from hwsim.hub_faults import INJECTED_STATUS, Dropped, Fault, FaultyHub
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
_ANSWERED = object()  # a request the handler has already answered (an error)
PUPIL_FIELDS = ("id", "display_name", "year_group", "card_uids", "biometric_ids",
                "balance_pence", "fsm", "daily_limit_pence", "debt_limit_pence",
                "allergens", "biometric_consent", "deleted")
_PATH_RE = re.compile(r"/v1/tills/([^/]+)/(transactions|roster|health)")
# Photos (the contract's optional Photo reference): opaque paths, by hash.
_PHOTO_RE = re.compile(r"/v1/photos/([0-9a-f]{64})")
MAX_HEALTH_BODY = 16 * 1024  # the contract's limit for a till's health report
SILENT_AFTER_S = 600.0  # a till reports every minute: ten without a word is "silent"



def format_time(t: float) -> str:
    """RFC 3339 UTC with milliseconds, as the contract writes times."""
    dt = datetime.fromtimestamp(t, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


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


class Hub(FaultyHub):
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

    def _count(self, *keys: str, n: int = 1) -> None:
        with self._lock:
            for k in keys:
                self._counts[k] += n

    # -- request handling -------------------------------------------------------------

    def _handle(self, h: _Handler, method: str) -> None:
        try:
            self._route(h, method)
        except Dropped:
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
        if kind in INJECTED_STATUS:
            self._drain(h)
            headers = {}
            if kw.get("retry_after") is not None:
                headers["Retry-After"] = str(kw["retry_after"])
            return self._send(h, INJECTED_STATUS[kind], {"error": f"injected {kind}"}, headers)

        if route == "health":
            self._drain(h)
            if kind == "garbage":
                # A captive portal or a default web server page answers.
                return self._send_raw(h, 200, b"<html><body>It works!</body></html>",
                                      content_type="text/html")
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
        self._send_raw(h, 200, data, content_type=image_type(data))

    def _till_health(self, h: _Handler, till_id: str, fault: Fault | None) -> None:
        length = h.headers.get("Content-Length", "")
        if length.strip().isdigit() and int(length) > MAX_HEALTH_BODY:
            self._drain(h)
            return self._send(h, 413, {"error": f"a health report is at most {MAX_HEALTH_BODY} "
                                               "bytes"})
        report = self._read_json(h)
        if report is _ANSWERED:
            return
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
        payload = self._read_json(h)
        if payload is _ANSWERED:
            return
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

    def _read_json(self, h: _Handler) -> Any:
        """The request body as JSON, or ``_ANSWERED`` after answering 411/413
        (``_read_body``) or 400 (not JSON) itself."""
        body = self._read_body(h)
        if body is None:
            return _ANSWERED
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError):
            self._send(h, 400, {"error": "body is not JSON"})
            return _ANSWERED

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

    def _send(self, h: _Handler, status: int, obj: Any,
              headers: dict[str, str] | None = None) -> None:
        self._send_raw(h, status, json_bytes(obj), headers)

    def _send_raw(self, h: _Handler, status: int, body: bytes,
                  headers: dict[str, str] | None = None,
                  content_type: str = "application/json") -> None:
        if h.close_connection:
            headers = {**(headers or {}), "Connection": "close"}
        self._count(f"status.{status}")
        h.wfile.write(response_bytes(status, body, headers or {}, content_type))
