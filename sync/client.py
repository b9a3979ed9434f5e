"""The hub's HTTP client (httpx): one keep-alive connection pool, explicit
timeouts, TLS verified (a private CA bundle and a client certificate when
configured), the bearer token read from its file and never logged.

Every failure is one of the ``HubError`` types below with a message a
technician can act on (naming the setting to check); the caller decides
what to retry. Bodies are checked with ``sync.contract`` before anything is
believed.
"""

from __future__ import annotations

import json
import os
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from sync.contract import ContractError, Health, RosterPage
from sync.contract_parsers import parse_health, parse_push_response, parse_roster_page
from sync.deadline import DeadlineBackend
from sync.health_contract import MAX_HEALTH_BYTES, validate_health_report

MAX_RESPONSE_BYTES = 32 * 1024 * 1024  # a roster of a big school is ~1 MB
# One roster page: decoded JSON takes about ten times its size in memory, so
# a page is capped well below the whole pull's byte cap (20,000 pupils fit).
MAX_ROSTER_PAGE_BYTES = 16 * 1024 * 1024
DEFAULT_REQUEST_DEADLINE_S = 120.0
MAX_RETRY_AFTER_S = 3600.0  # a hub asking for more is treated as asking for an hour
USER_AGENT = "till-agent-sync/1"


class HubError(Exception):
    """Talking to the hub failed; ``str()`` says what and what to check."""


class HubUnavailable(HubError):
    """Could not get an answer (refused, reset, timed out, 5xx): try again later."""


class HubThrottled(HubUnavailable):
    """429/503: the hub asks us to wait at least ``retry_after`` seconds."""

    def __init__(self, msg: str, retry_after: float | None):
        super().__init__(msg)
        self.retry_after = retry_after


class HubAuthError(HubError):
    """401/403 or no usable token: stop, tell people, retry only after a long
    pause or a config change."""


class HubRejectedBatch(HubError):
    """413: the batch was too large for this hub; send smaller ones."""


class HubProtocolError(HubError):
    """The hub answered, but not as the contract says (bad JSON, wrong ids,
    unexpected status): nothing in that answer is believed."""


class HubTooLarge(HubProtocolError):
    """The answer is longer than this request allows (``limit`` bytes)."""

    def __init__(self, msg: str, limit: int):
        super().__init__(msg)
        self.limit = limit
class HubNoEndpoint(HubProtocolError):
    """404: this hub has no such endpoint (an optional one it does not offer,
    or a wrong ``sync.base_url`` / ``till_id``)."""


class HubConfigError(HubError):
    """A setting is unusable (token file, CA file, client certificate, URL)."""


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        secs = float(value.strip())
    except ValueError:
        return None  # the contract says seconds; an HTTP date is not ours to guess
    if secs != secs or secs < 0:
        return None
    return min(secs, MAX_RETRY_AFTER_S)


class TokenSource:
    """The bearer token from ``sync.token_file``, re-read when the file
    changes (so fixing the token needs no restart)."""

    def __init__(self, path: str):
        self.path = Path(path) if path else None
        self._key: tuple[int, int, int] | None = None
        self._token = ""

    def stamp(self) -> tuple[int, int, int] | None:
        """The file's identity and mtime, or None if it cannot be read."""
        if self.path is None:
            return None
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def get(self) -> str:
        if self.path is None:
            raise HubConfigError("sync.token_file is not set: put the hub's token in a file "
                                 "(mode 0600) and name it in the config")
        key = self.stamp()
        if key is not None and key == self._key:
            return self._token
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise HubConfigError(f"sync.token_file: {self.path} does not exist") from None
        except PermissionError:
            raise HubConfigError(f"sync.token_file: {self.path} is not readable by this user "
                                 f"(uid {os.getuid()})") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise HubConfigError(f"sync.token_file: {self.path} cannot be read "
                                 f"({type(exc).__name__})") from None
        token = text.strip()
        if not token or any(c.isspace() or ord(c) < 33 or ord(c) > 126 for c in token):
            # Never echo the content: it is (or was meant to be) a secret.
            raise HubConfigError(f"sync.token_file: {self.path} does not hold a token "
                                 "(one line of printable characters, no spaces)")
        self._key, self._token = key, token
        return token


def _ssl_context(cfg: Any) -> ssl.SSLContext:
    try:
        ctx = ssl.create_default_context(cafile=cfg.ca_file or None)
    except (OSError, ssl.SSLError) as exc:
        raise HubConfigError(f"sync.ca_file: {cfg.ca_file} is not a usable CA bundle "
                             f"({exc})") from None
    if cfg.client_cert:
        try:
            ctx.load_cert_chain(cfg.client_cert, cfg.client_key or None)
        except (OSError, ssl.SSLError) as exc:
            raise HubConfigError(f"sync.client_cert/sync.client_key: cannot load "
                                 f"{cfg.client_cert} ({exc})") from None
    return ctx


@dataclass(frozen=True)
class HubClock:
    """The hub's clock against the till's, read from ``/v1/health``."""

    health: Health
    skew_s: float  # the hub's time less the till's: positive when the till is behind
    round_trip_s: float


class HubClient:
    """One hub. ``cfg`` has SyncConfig's attributes (base_url, token_file,
    ca_file, client_cert, client_key, proxy, *_timeout_s). Thread-safe for
    one request at a time (the sync thread); ``close()`` from anywhere."""

    def __init__(self, cfg: Any, till_id: str, *, transport: httpx.BaseTransport | None = None):
        base = (cfg.base_url or "").rstrip("/")
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise HubConfigError(f"sync.base_url: {cfg.base_url!r} is not an http(s) URL")
        self.base_url = base
        self.cfg = cfg
        self.till_id = till_id
        self.token = TokenSource(cfg.token_file)
        timeout = httpx.Timeout(connect=cfg.connect_timeout_s, read=cfg.read_timeout_s,
                                write=cfg.write_timeout_s, pool=cfg.pool_timeout_s)
        verify: Any = _ssl_context(cfg) if parts.scheme == "https" else True
        self._lock = threading.Lock()
        self.deadline_s = float(getattr(cfg, "request_deadline_s", DEFAULT_REQUEST_DEADLINE_S))
        self._backend = DeadlineBackend()
        limits = httpx.Limits(max_connections=2, max_keepalive_connections=2,
                              keepalive_expiry=30.0)
        try:
            if transport is None:
                # trust_env=False: an unattended agent uses the proxy its config
                # names, not whatever the environment of the moment says.
                transport = httpx.HTTPTransport(verify=verify, proxy=cfg.proxy or None,
                                                trust_env=False, limits=limits)
                # httpx has no overall deadline (its timeouts are per socket
                # operation); the pool's backend gives every operation what is
                # left of the request's deadline (sync/deadline.py).
                transport._pool._network_backend = self._backend
            self._http = httpx.Client(
                timeout=timeout, verify=verify, trust_env=False,
                transport=transport, headers={"User-Agent": USER_AGENT}, limits=limits)
        except ValueError as exc:
            raise HubConfigError(f"sync.proxy is not a usable proxy URL ({exc})") from None
        path_till = quote(till_id, safe="")
        self._push_url = f"{base}/v1/tills/{path_till}/transactions"
        self._roster_url = f"{base}/v1/tills/{path_till}/roster"
        self._health_url = f"{base}/v1/health"
        self.last_bytes = 0  # the size of the last answer's body (so far)
        self._till_health_url = f"{base}/v1/tills/{path_till}/health"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the contract's three calls --------------------------------------------

    def push(self, bodies: Sequence[str], ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """POST pre-serialised Transaction JSON objects (sent verbatim, so every
        retry carries identical content). Returns ``(id, status, reason)`` for
        the ids the hub answered; raises a HubError otherwise."""
        body = ('{"transactions":[' + ",".join(bodies) + "]}").encode("utf-8")
        obj = self._request("POST", self._push_url, body=body, what="push")
        try:
            return parse_push_response(obj, ids)
        except ContractError as exc:
            raise HubProtocolError(f"the hub's push answer does not follow the contract "
                                   f"({exc}); nothing in it was taken as acknowledged") from None

    def roster(self, cursor: str | None, max_bytes: int = MAX_ROSTER_PAGE_BYTES,
               max_pupils: int | None = None) -> RosterPage:
        """One roster page: the snapshot (``cursor=None``) or changes since.
        An answer longer than ``max_bytes`` is refused (``HubTooLarge``)
        before it is all read; ``last_bytes`` then holds the page's size. A
        page listing more than ``max_pupils`` is refused unparsed."""
        params = {"cursor": cursor} if cursor is not None else None
        obj = self._request("GET", self._roster_url, params=params, what="roster",
                            max_bytes=max_bytes)
        try:
            return parse_roster_page(obj, max_pupils)
        except ContractError as exc:
            raise HubProtocolError(f"roster page does not follow the contract: {exc}") from None

    def health(self) -> Health:
        obj = self._request("GET", self._health_url, what="health", auth=False)
        try:
            return parse_health(obj)
        except ContractError as exc:
            raise HubProtocolError(f"health answer does not follow the contract: {exc}") from None

    def hub_clock(self, clock: Callable[[], float]) -> HubClock:
        """The hub's time against ``clock``'s: the hub stamped its health
        answer somewhere in the round trip, so it is compared with the middle."""
        t0 = clock()
        h = self.health()
        t1 = clock()
        return HubClock(h, h.time - (t0 + t1) / 2, t1 - t0)

    def post_health(self, report: dict[str, Any]) -> None:
        """Send the till's health report (optional endpoint, contract
        "Till health"). Raises HubNoEndpoint when this hub does not offer it,
        another HubError when it failed; the answer's body is not used."""
        try:
            validate_health_report(report)
        except ContractError as exc:
            raise HubProtocolError(f"health report not sent: {exc}") from None
        body = json.dumps(report, separators=(",", ":"), sort_keys=True).encode("utf-8")
        if len(body) > MAX_HEALTH_BYTES:
            raise HubProtocolError(f"health report not sent: larger than {MAX_HEALTH_BYTES} "
                                   "bytes")
        self._request("POST", self._till_health_url, body=body, what="health report")

    def photo(self, path: str, max_bytes: int) -> bytes:
        """A pupil's photo (contract: Photo reference), its raw bytes, read no
        further than ``max_bytes``. ``path`` is the reference's checked path
        under the base URL; the hub's token goes nowhere else. The bytes are
        not checked here (``sync.photos`` does)."""
        return self._request("GET", self.base_url + path, what="photo", max_bytes=max_bytes,
                             raw=True)

    # --- one request ------------------------------------------------------------

    def _request(self, method: str, url: str, *, body: bytes | None = None,
                 params: dict[str, str] | None = None, what: str, auth: bool = True,
                 max_bytes: int = MAX_RESPONSE_BYTES, raw: bool = False) -> Any:
        headers = {"Accept": "image/*" if raw else "application/json",
                   "Accept-Encoding": "identity"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token.get()}"
        if body is not None:
            headers["Content-Type"] = "application/json"
        host = urlsplit(url).netloc
        with self._lock:
            deadline = time.monotonic() + self.deadline_s
            self._backend.deadline = deadline
            self.last_bytes = 0
            try:
                with self._http.stream(method, url, content=body, params=params,
                                       headers=headers) as resp:
                    status = resp.status_code
                    retry_after = resp.headers.get("Retry-After")
                    data = self._read(resp, what, max_bytes) if status == 200 else b""
            except HubError:
                raise
            except httpx.TimeoutException as exc:
                if time.monotonic() >= deadline - 0.01:  # (the clamped read ended it)
                    raise HubUnavailable(
                        f"{what}: {host} did not finish answering within "
                        f"{self.deadline_s:g} s (sync.request_deadline_s); a hub or proxy "
                        "sending its answer this slowly is not waited for") from None
                raise HubUnavailable(f"{what}: {host} did not answer in time "
                                     f"({type(exc).__name__}; sync.*_timeout_s)") from None
            except httpx.ConnectError as exc:
                raise HubUnavailable(_connect_message(what, host, exc)) from None
            except httpx.ProxyError as exc:
                raise HubUnavailable(f"{what}: the proxy refused the request ({exc}; "
                                     "sync.proxy)") from None
            except (httpx.TransportError, ssl.SSLError, OSError) as exc:
                raise HubUnavailable(f"{what}: the connection to {host} failed "
                                     f"({type(exc).__name__}: {_clip(str(exc))})") from None
            finally:
                self._backend.deadline = None
        if status == 200 and raw:
            return data
        if status == 200:
            try:
                return json.loads(data)
            except (ValueError, RecursionError):
                raise HubProtocolError(f"{what}: the hub answered 200 with a body that is not "
                                       "JSON; nothing in it was believed") from None
        raise _status_error(status, retry_after, what, host)

    def _read(self, resp: httpx.Response, what: str, max_bytes: int) -> bytes:
        """The body, read no further than ``max_bytes`` (a declared length over
        it is refused before reading: nothing past the cap is ever held)."""
        coding = resp.headers.get("Content-Encoding", "identity").strip().lower()
        if coding not in ("", "identity"):
            # We ask for identity: a compressed answer's size says nothing of
            # what it inflates to.
            raise HubProtocolError(f"{what}: the hub sent a {coding!r}-encoded answer although "
                                   "the agent asks for none; refused")
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            self.last_bytes = int(declared)
            raise HubTooLarge(f"{what}: the hub's answer is {int(declared):,} bytes, more "
                              f"than the {max_bytes:,} allowed; refused unread", max_bytes)
        buf = bytearray()
        for chunk in resp.iter_raw():
            buf += chunk
            self.last_bytes = len(buf)
            if len(buf) > max_bytes:
                raise HubTooLarge(f"{what}: the hub's answer is longer than the "
                                  f"{max_bytes:,} bytes allowed; refused", max_bytes)
        return bytes(buf)


def _clip(s: str, n: int = 160) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


def _connect_message(what: str, host: str, exc: Exception) -> str:
    text = str(exc)
    low = text.lower()
    if "certificate" in low or "ssl" in low or "tls" in low:
        return (f"{what}: TLS to {host} failed ({_clip(text)}); check sync.base_url, "
                "sync.ca_file and the hub's certificate")
    if "name or service not known" in low or "nodename nor servname" in low \
            or "temporary failure in name resolution" in low:
        return f"{what}: cannot resolve {host} (check sync.base_url and DNS)"
    if "refused" in low:
        return f"{what}: {host} refused the connection (hub down, or wrong sync.base_url)"
    return f"{what}: cannot connect to {host} ({_clip(text)})"


def _status_error(status: int, retry_after: str | None, what: str, host: str) -> HubError:
    if status in (401, 403):
        return HubAuthError(f"{what}: the hub refused our credentials (HTTP {status}); check "
                            "sync.token_file (token wrong or expired) and the till's "
                            "registration at the hub")
    if status == 413:
        return HubRejectedBatch(f"{what}: the hub said the batch is too large (HTTP 413)")
    if status in (429, 503):
        wait = _retry_after(retry_after)
        hint = f", retry after {wait:g} s" if wait is not None else ""
        return HubThrottled(f"{what}: the hub is busy (HTTP {status}{hint})", wait)
    if status >= 500 or status == 408:
        return HubUnavailable(f"{what}: the hub failed (HTTP {status})")
    if status == 404:
        return HubNoEndpoint(f"{what}: {host} has no such endpoint (HTTP 404); check "
                                "sync.base_url and till_id")
    return HubProtocolError(f"{what}: unexpected HTTP {status} from {host}")
