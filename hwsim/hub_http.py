"""The simulated hub's HTTP side: the stdlib server and its handler, and
``HubHttp`` (the base of ``hwsim.hub.Hub``): each request routed (health,
photos, a till's health report, the roster, a push), bodies read within the
contract's limits, injected faults applied, each answer written in one
``send``. It works on the state ``Hub`` keeps (``core``, the counters, the
token, the rate limit: ``_admit``, and who was heard from: ``_heard``)."""

from __future__ import annotations

import collections
import contextlib
import hmac
import json
import re
import secrets
import sys
import time
import traceback
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from hwsim.hub_contract import BadRequest, TooLarge
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

MAX_BODY = 1024 * 1024  # 1 MiB of JSON per push
_DRAIN_CAP = 64 * 1024 * 1024  # past this an oversized body is not even drained
_ANSWERED = object()  # a request the handler has already answered (an error)
_PATH_RE = re.compile(r"/v1/tills/([^/]+)/(transactions|roster|health)")
# Photos (the contract's optional Photo reference): opaque paths, by hash.
_PHOTO_RE = re.compile(r"/v1/photos/([0-9a-f]{64})")
MAX_HEALTH_BODY = 16 * 1024  # the contract's limit for a till's health report


def format_time(t: float) -> str:
    """RFC 3339 UTC with milliseconds, as the contract writes times."""
    dt = datetime.fromtimestamp(t, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


# --- the server --------------------------------------------------------------------


class HubServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr: tuple[str, int], hub: HubHttp):
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


class HubHttp(FaultyHub):
    """The request handling of ``hwsim.hub.Hub`` (see the module docstring)."""

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
