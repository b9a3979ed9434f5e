"""Doctor checks for the network and the hub, one layer at a time so the
finding names the layer that broke: DNS, TCP, TLS, ``/v1/health``, the
token (a roster request), the proxy, and the clock's skew against the hub.

Each layer is computed once (``Context.once``) and shared by the checks
that need it; every network call has its own short timeout, so a hub that
is down or a network that swallows packets costs seconds."""

from __future__ import annotations

import dataclasses
import os
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from agent.console.listen import is_loopback
from agent.doctor.base import Context, Finding, Wait, check, clip, fail, ok, skip, warn
from sync.client import (
    HubAuthError,
    HubClient,
    HubConfigError,
    HubError,
    TokenSource,
)

DNS_TIMEOUT_S = 2.5
CONNECT_TIMEOUT_S = 2.5
HTTP_TIMEOUT_S = 3.0
SKEW_WARN_S = 10.0
SKEW_FAIL_S = 120.0
CERT_WARN_DAYS = 14
PROXY_ENV = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY",
             "all_proxy")
OFFLINE_NOTE = "sales are journaled meanwhile and sync when the hub is back"
# What each layer waits for outside the till, and who is slow when it does not come.
NAME_SERVER = Wait("the network's name server (DNS)", "the network's name server")
CONNECTION = Wait("a connection to the payment provider's hub", "the network or the hub")
HUB_ANSWER = Wait("the payment provider's hub to answer", "the hub")


@dataclass
class Step:
    """One layer's outcome: ok True/False, or None when it was not tried."""

    ok: bool | None
    message: str = ""
    value: Any = None


@dataclass
class Target:
    scheme: str
    host: str
    port: int
    via_proxy: str = ""  # the proxy (credentials removed) when one is configured


def _strip_creds(url: str) -> str:
    p = urlsplit(url)
    if p.username or p.password:
        return url.replace(p.netloc, p.hostname + (f":{p.port}" if p.port else ""), 1)
    return url


def _target(ctx: Context) -> Target | None:
    sc = ctx.cfg.sync
    if not sc.enabled or not sc.base_url:
        return None
    p = urlsplit(sc.base_url)
    if p.scheme not in ("http", "https") or not p.hostname:
        return Target(p.scheme, "", 0)
    try:
        port = p.port or (443 if p.scheme == "https" else 80)
    except ValueError:
        return Target(p.scheme, "", 0)
    t = Target(p.scheme, p.hostname, port)
    if sc.proxy:
        pp = urlsplit(sc.proxy)
        if pp.hostname:
            t.via_proxy = _strip_creds(sc.proxy)
            # The agent reaches the proxy; the proxy resolves and reaches the hub.
            t.host, t.port = pp.hostname, pp.port or 3128
    return t


# Config problems that touch the hub: its [sync] table, the till's id it is
# sent, and a file that did not parse or read at all (then nothing is known).
_HUB_KEYS = ("sync.", "sync:", "till_id", "not valid TOML", "file not found", "cannot read")


def _hub_config_problems(ctx: Context) -> list[str]:
    return [p for p in ctx.config_problems if p.startswith(_HUB_KEYS)]


def _no_hub(ctx: Context, name: str) -> Finding | None:
    t = _target(ctx)
    if t is None:
        why = "sync.enabled is false" if not ctx.cfg.sync.enabled else "sync.base_url is empty"
        if _hub_config_problems(ctx):
            return skip(name, f"not checked: {why} as far as the config can be read (see "
                        "hub.settings)")
        return skip(name, f"no hub configured ({why}): sales stay in the journal")
    if not t.host:
        return fail(name, f"sync.base_url {ctx.cfg.sync.base_url!r} is not an http(s) URL",
                    "set sync.base_url to the hub's address, e.g. https://hub.example.org")
    return None


def _dns(ctx: Context) -> Step:
    t = _target(ctx)
    assert t is not None
    try:
        with ctx.waiting_for(NAME_SERVER):
            infos = socket.getaddrinfo(t.host, t.port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return Step(False, f"{t.host} does not resolve ({exc.strerror})")
    except OSError as exc:
        return Step(False, f"{t.host}: {exc}")
    addrs = sorted({i[4][0] for i in infos})
    return Step(True, f"{t.host} -> {', '.join(addrs[:3])}", infos)


def _tcp(ctx: Context) -> Step:
    dns = ctx.once("hub.dns", lambda: _dns(ctx))
    if not dns.ok:
        return Step(None, "not tried: DNS failed")
    t = _target(ctx)
    assert t is not None
    last, why = "", None
    for family, kind, proto, _, addr in dns.value[:2]:
        s = socket.socket(family, kind, proto)
        s.settimeout(CONNECT_TIMEOUT_S)
        t0 = time.monotonic()
        try:
            with ctx.waiting_for(CONNECTION):
                s.connect(addr)
            ms = (time.monotonic() - t0) * 1000
            return Step(True, f"{addr[0]} port {t.port} answers ({ms:.0f} ms)")
        except TimeoutError:
            last, why = f"{addr[0]} port {t.port}: no answer within {CONNECT_TIMEOUT_S:.1f} s", None
        except ConnectionRefusedError:
            what = "the proxy is down or sync.proxy" if t.via_proxy else \
                "the hub is down or the URL"
            last, why = f"{addr[0]} port {t.port} refused: {what} is wrong", "refused"
        except OSError as exc:
            last, why = f"{addr[0]} port {t.port}: {exc.strerror or exc}", None
        finally:
            s.close()
    return Step(False, last, why)


def _tls(ctx: Context) -> Step:
    t = _target(ctx)
    assert t is not None
    if t.scheme != "https":
        return Step(None, "plain http (no TLS)")
    if t.via_proxy:
        return Step(None, f"through proxy {t.via_proxy}: checked by the health request")
    tcp = ctx.once("hub.tcp", lambda: _tcp(ctx))
    if not tcp.ok:
        return Step(None, "not tried: no TCP connection")
    sc = ctx.cfg.sync
    try:
        sslctx = ssl.create_default_context(cafile=sc.ca_file or None)
    except (OSError, ssl.SSLError) as exc:
        return Step(False, f"sync.ca_file {sc.ca_file} is not usable ({exc})")
    if sc.client_cert:
        try:
            sslctx.load_cert_chain(sc.client_cert, sc.client_key or None)
        except (OSError, ssl.SSLError) as exc:
            return Step(False, f"sync.client_cert {sc.client_cert} cannot be loaded ({exc})")
    try:
        with ctx.waiting_for(HUB_ANSWER), \
                socket.create_connection((t.host, t.port), timeout=CONNECT_TIMEOUT_S) as raw, \
                sslctx.wrap_socket(raw, server_hostname=t.host) as s:
            cert = s.getpeercert() or {}
            version = s.version()
    except ssl.SSLCertVerificationError as exc:
        return Step(False, f"the hub's certificate is not trusted: {exc.verify_message}")
    except (ssl.SSLError, OSError) as exc:
        return Step(False, f"TLS handshake failed: {clip(str(exc), 120)}")
    days = None
    if cert.get("notAfter"):
        days = (ssl.cert_time_to_seconds(cert["notAfter"]) - time.time()) / 86400
    return Step(True, f"{version}, certificate valid"
                + (f" for {days:.0f} more days" if days is not None else ""), days)


def _client(ctx: Context) -> HubClient:
    sc = dataclasses.replace(ctx.cfg.sync,
                             connect_timeout_s=min(ctx.cfg.sync.connect_timeout_s,
                                                   CONNECT_TIMEOUT_S),
                             read_timeout_s=HTTP_TIMEOUT_S, write_timeout_s=HTTP_TIMEOUT_S,
                             pool_timeout_s=HTTP_TIMEOUT_S)
    return HubClient(sc, ctx.cfg.till_id)


def _ask_hub(ctx: Context, request: Callable[[HubClient], Step],
             failed: Callable[[HubError], object]) -> Step:
    """One request to the hub for a check, through a client with the doctor's
    short timeouts, always closed. A client that cannot be built or a request
    the hub refuses is a failed step, its message clipped and tagged with
    ``failed(exc)``."""
    try:
        client = _client(ctx)
    except HubError as exc:
        return Step(False, clip(str(exc), 200), failed(exc))
    try:
        with ctx.waiting_for(HUB_ANSWER):
            return request(client)
    except HubError as exc:
        return Step(False, clip(str(exc), 200), failed(exc))
    finally:
        client.close()


def _health(ctx: Context) -> Step:
    tcp = ctx.once("hub.tcp", lambda: _tcp(ctx))
    if not tcp.ok:
        return Step(None, "not tried: no TCP connection")

    def request(client: HubClient) -> Step:
        c = client.hub_clock(time.time)
        return Step(True, f"status {c.health.status!r}, answered in "
                    f"{c.round_trip_s * 1000:.0f} ms", c)

    return _ask_hub(ctx, request, lambda exc: None)


def _auth_failure(exc: HubError) -> str:
    if isinstance(exc, HubConfigError):
        return "config"
    return "auth" if isinstance(exc, HubAuthError) else "other"


def _auth(ctx: Context) -> Step:
    health = ctx.once("hub.health", lambda: _health(ctx))
    if not health.ok:
        return Step(None, "not tried: the hub's health did not answer")

    def request(client: HubClient) -> Step:
        page = client.roster(None)
        return Step(True, f"token accepted (roster answered, {len(page.pupils)} pupil(s) on "
                    "the first page)")

    return _ask_hub(ctx, request, _auth_failure)


# --- the checks ------------------------------------------------------------------


@check("hub.settings", timeout_s=1.0)
def settings(ctx: Context) -> Finding:
    """The [sync] table as the config file gives it: the hub's checks below
    use its valid values, and do not pass for a table the agent refuses."""
    mine = _hub_config_problems(ctx)
    if mine:
        where = ctx.config_path or "the config"
        return fail("hub.settings", f"{len(mine)} problem(s) in the hub's settings; the agent "
                    "does not start (nor sync) until they are fixed", f"edit {where}",
                    detail=mine, detail_always=True)
    if _target(ctx) is None:
        return skip("hub.settings", "no hub configured")
    return ok("hub.settings", f"sync.base_url {ctx.cfg.sync.base_url} and the rest of [sync] "
              "are valid")


@check("hub.proxy", timeout_s=1.0)
def proxy(ctx: Context) -> Finding:
    env = {k: _strip_creds(os.environ[k]) for k in PROXY_ENV if os.environ.get(k)}
    configured = _strip_creds(ctx.cfg.sync.proxy) if ctx.cfg.sync.proxy else ""
    detail = [f"{k}={v}" for k, v in env.items()]
    if os.environ.get("NO_PROXY") or os.environ.get("no_proxy"):
        detail.append(f"NO_PROXY={os.environ.get('NO_PROXY') or os.environ.get('no_proxy')}")
    if configured:
        return ok("hub.proxy", f"through proxy {configured} (sync.proxy)", detail=detail)
    if env:
        return warn("hub.proxy", f"the environment names a proxy ({next(iter(env.values()))}) "
                    "but the agent ignores the environment", "if the school's network needs it, "
                    "set sync.proxy in the config", detail=detail)
    return ok("hub.proxy", "direct connection (no proxy configured or in the environment)")


@check("hub.token", timeout_s=1.0)
def token(ctx: Context) -> Finding:
    no = _no_hub(ctx, "hub.token")
    if no:
        return no
    path = ctx.cfg.sync.token_file
    try:
        TokenSource(path).get()  # the value is never shown
    except HubConfigError as exc:
        return fail("hub.token", clip(str(exc), 200), f"put the hub's token in {path or 'a file'}"
                    " (one line, mode 0600, owned by till-agent) and name it in sync.token_file")
    return ok("hub.token", f"{path} holds a token (not shown)")


def _layer(ctx: Context, name: str, compute, fix: str, ok_prefix: str = "",
           fail_prefix: str = "") -> Finding:
    """The finding for one network layer computed by ``compute`` (shared)."""
    no = _no_hub(ctx, name)
    if no:
        return no
    s = ctx.once(name, lambda: compute(ctx))
    if s.ok is None:
        return skip(name, s.message)
    if s.ok:
        return ok(name, ok_prefix + s.message)
    return fail(name, fail_prefix + s.message, fix)


@check("hub.dns", timeout_s=DNS_TIMEOUT_S + 0.5)
def dns(ctx: Context) -> Finding:
    return _layer(ctx, "hub.dns", _dns, "check the hub's name in sync.base_url and the till's "
                  "DNS server (`resolvectl status`); " + OFFLINE_NOTE)


@check("hub.tcp", timeout_s=DNS_TIMEOUT_S + 2 * CONNECT_TIMEOUT_S + 0.5)
def tcp(ctx: Context) -> Finding:
    no = _no_hub(ctx, "hub.tcp")
    if no:
        return no
    if ctx.once("hub.tcp", lambda: _tcp(ctx)).value == "refused":
        # Something answered, and said no: not a cable, not a firewall that drops.
        fix = ("check the host and port in sync.base_url (and sync.proxy) against the hub's "
               "address; if they are right, the hub's service is down: tell its operator; "
               + OFFLINE_NOTE)
    else:
        fix = ("is the network cable in, and does the school's firewall let the till out to "
               "the hub? " + OFFLINE_NOTE)
    return _layer(ctx, "hub.tcp", _tcp, fix, fail_prefix="cannot connect: ")


@check("hub.tls", timeout_s=8.5)
def tls(ctx: Context) -> Finding:
    no = _no_hub(ctx, "hub.tls")
    if no:
        return no
    t = _target(ctx)
    s = ctx.once("hub.tls", lambda: _tls(ctx))
    if s.ok is None:
        if t is not None and t.scheme == "http" and not is_loopback(t.host):
            return warn("hub.tls", "the hub is reached over plain http: tokens and sales cross "
                        "the network unencrypted", "use the hub's https:// address in "
                        "sync.base_url")
        return skip("hub.tls", s.message)
    if not s.ok:
        return fail("hub.tls", s.message, "a school proxy intercepting TLS needs its CA in "
                    "sync.ca_file; otherwise check the till's date and the hub's certificate")
    if s.value is not None and s.value < CERT_WARN_DAYS:
        return warn("hub.tls", f"{s.message}: renew soon", "tell the hub's operator the "
                    "certificate expires soon")
    return ok("hub.tls", s.message)


@check("hub.health", timeout_s=8.5)
def health(ctx: Context) -> Finding:
    return _layer(ctx, "hub.health", _health, "the hub is not answering as it should: check "
                  "the hub's status with its operator; " + OFFLINE_NOTE,
                  ok_prefix="GET /v1/health: ", fail_prefix="GET /v1/health: ")


@check("hub.auth", timeout_s=8.8)
def auth(ctx: Context) -> Finding:
    no = _no_hub(ctx, "hub.auth")
    if no:
        return no
    s = ctx.once("hub.auth", lambda: _auth(ctx))
    if s.ok is None:
        return skip("hub.auth", s.message)
    if s.ok:
        return ok("hub.auth", s.message)
    if s.value == "auth":
        return fail("hub.auth", "token rejected or expired (the hub answered 401/403): the "
                    "till cannot sync", "get a new token from the hub's operator and write it "
                    f"to {ctx.cfg.sync.token_file} (mode 0600, owned by till-agent); the agent "
                    "picks it up without a restart")
    if s.value == "config":
        return fail("hub.auth", s.message, f"put the hub's token in {ctx.cfg.sync.token_file} "
                    "(one line, mode 0600, owned by till-agent)")
    return warn("hub.auth", f"could not confirm the token: {s.message}",
                "run doctor again; if it persists, tell the hub's operator")


@check("clock.skew", timeout_s=8.5, timeout_status="warn", asks_hub=True)
def skew(ctx: Context) -> Finding:
    if _target(ctx) is None:
        return skip("clock.skew", "no hub configured to compare with")
    if _no_hub(ctx, "clock.skew"):
        return skip("clock.skew", "sync.base_url is not usable")
    s = ctx.once("hub.health", lambda: _health(ctx))
    if not s.ok:
        return skip("clock.skew", "the hub's time is not available (health did not answer)")
    offset, rtt = s.value.skew_s, s.value.round_trip_s
    ahead = "behind" if offset > 0 else "ahead of"
    line = f"{abs(offset):.1f} s {ahead} the hub (round trip {rtt * 1000:.0f} ms)"
    fix = ("the till's clock is wrong: `timedatectl status`; make NTP reachable; sales carry "
           "the till's time, and the day they count for depends on it")
    if abs(offset) > SKEW_FAIL_S:
        return fail("clock.skew", f"clock is {line}", fix)
    if abs(offset) > max(SKEW_WARN_S, rtt):
        return warn("clock.skew", f"clock is {line}", fix)
    return ok("clock.skew", f"clock within {max(abs(offset), 0.1):.1f} s of the hub")
