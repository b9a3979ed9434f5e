"""The console on the LAN: PIN pairing, over real sockets to a running agent.

The console binds 0.0.0.0; the till's own screen is 127.0.0.1 (``kiosk_from``)
and "the office PC" is a client whose connections come from 127.0.0.2 (httpx
bound to that source address), so the gate really sees another address.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import stat
import threading
import time
from pathlib import Path

import httpx
import pytest
from starlette.routing import Mount, Route

from agent.clock import FakeClock
from agent.config import ConfigError, parse_config
from agent.console import pairing
from agent.runtime import runtime_json
from agent.runtime.loop_items import DeviceEvent
from drivers.events import CardRead
from tests.console_support import console_agent, console_config
from tests.support import wait_for

PUPIL_WORDS = ("Ava", "Thompson", "Okafor", "Lindqvist", "P-0001", "peanut", "till-1",
               "Till queue", "balance")


def lan_config(tmp_path: Path):
    cfg = console_config(tmp_path)
    cfg.console.listen = "0.0.0.0:0"
    cfg.console.lan_pairing = True
    cfg.console.kiosk_from = ["127.0.0.1"]
    return cfg


@pytest.fixture
def agent(tmp_path):
    with console_agent(lan_config(tmp_path)) as rt:
        yield rt


def port(rt) -> int:
    return int(rt.console.url.rstrip("/").rsplit(":", 1)[1])


def kiosk(rt, **headers) -> httpx.Client:
    """The till's own screen: from 127.0.0.1."""
    return httpx.Client(base_url=f"http://127.0.0.1:{port(rt)}", headers=headers, timeout=5)


def office(rt, src: str = "127.0.0.2", **headers) -> httpx.Client:
    """The office PC: connections from ``src``, to the till's "LAN address"."""
    base = f"http://127.0.0.2:{port(rt)}"
    return httpx.Client(base_url=base, headers={"Origin": base, **headers}, timeout=5,
                        transport=httpx.HTTPTransport(local_address=src))


def pair_token(c: httpx.Client) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', c.get("/pair").text)[1]


def ask_pin(c: httpx.Client, name: str = "Office PC") -> httpx.Response:
    return c.post("/pair/pin", data={"csrf": pair_token(c), "name": name})


def send_pin(c: httpx.Client, pin: str) -> httpx.Response:
    return c.post("/pair", data={"csrf": pair_token(c), "pin": pin})


def events(c: httpx.Client, until, timeout: float = 5.0) -> list[tuple[str, dict]]:
    """(kind, data) from /display/events until ``until(kind, data)``."""
    out: list[tuple[str, dict]] = []
    deadline = time.monotonic() + timeout
    with c.stream("GET", "/display/events") as r:
        assert r.status_code == 200
        kind = ""
        for line in r.iter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                out.append((kind, json.loads(line[6:])))
                if until(kind, out[-1][1]) or time.monotonic() > deadline:
                    return out
    return out


def pin_on_the_till(rt) -> str:
    """The PIN as the till's display receives it (its SSE feed)."""
    with kiosk(rt) as c:
        got = events(c, lambda k, d: k == "pairing" and d["pin"])
    return got[-1][1]["pin"]


def paired_office(rt) -> httpx.Client:
    c = office(rt)
    assert ask_pin(c).status_code == 200
    r = send_pin(c, pin_on_the_till(rt))
    assert r.status_code == 303 and r.headers["location"] == "/console"
    return c


def app_routes(rt) -> list:
    app = rt.console._server.config.app
    while not hasattr(app, "routes"):
        app = app.app
    return app.routes


def tap(rt, uid: str) -> None:
    rt.q.put(DeviceEvent(CardRead("till-reader", uid, time.time()), time.time()))


def test_an_unpaired_office_pc_gets_nothing_on_any_route(agent):
    tap(agent, "04A1B2C3")  # the till has a pupil on screen
    assert wait_for(lambda: agent.console.ctx.feed.last_id >= 1)
    routes = app_routes(agent)
    # Only the static files are a Mount (no data in them): a new route is a Route.
    assert [m.path for m in routes if isinstance(m, Mount)] == ["/static"]
    checked = 0
    with office(agent, Accept="text/html") as c, office(agent) as bare:
        c.cookies.set(pairing.COOKIE, "forged-or-revoked")
        for route in routes:
            if not isinstance(route, Route) or route.path in ("/pair", "/pair/pin"):
                continue
            for method in sorted(route.methods or ()):
                for client in (c, bare):
                    r = client.request(method, route.path, data={"csrf": "x"}
                                       if method == "POST" else None)
                    assert r.status_code in (303, 401, 403), (method, route.path, r.status_code)
                    if r.status_code == 303:
                        assert r.headers["location"] == "/pair"
                    for word in PUPIL_WORDS:
                        assert word not in r.text, (method, route.path, word)
                    checked += 1
        # The event stream and the CSV too, as a browser's EventSource asks.
        r = bare.get("/display/events", headers={"Accept": "text/event-stream"})
        assert r.status_code == 401 and "data:" not in r.text
        page = c.get("/pair")
    assert checked >= 2 * 20
    assert page.status_code == 200 and "Pair this device" in page.text
    assert not any(w in page.text for w in PUPIL_WORDS if w != "till-1")
    assert agent.console.ctx.lan.refused >= checked
    with kiosk(agent) as k:  # the till itself needs no pairing
        assert "Ava Thompson" in k.post(
            "/display/search", headers={"Origin": str(k.base_url)},
            data={"csrf": agent.console.ctx.csrf, "q": "ava"}).text


def test_a_right_pin_within_two_minutes_pairs_with_a_strict_httponly_cookie(agent, tmp_path,
                                                                         caplog):
    caplog.set_level(logging.DEBUG, logger="agent")
    c = office(agent)
    r = ask_pin(c)
    assert r.status_code == 200 and "showing on the till" in r.text
    pin = pin_on_the_till(agent)
    assert re.fullmatch(r"\d{6}", pin) and pin not in r.text
    r = send_pin(c, pin)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    attrs = [a.strip().lower() for a in cookie.split(";")]
    assert attrs[0].startswith(pairing.COOKIE + "=")
    token = cookie.split(";")[0].split("=", 1)[1]
    assert "httponly" in attrs and "samesite=strict" in attrs and "path=/" in attrs
    assert "secure" not in attrs  # plain HTTP on a school LAN (README)
    q = c.get("/console")
    assert q.status_code == 200 and "Till queue" in q.text
    # The office's display feed carries the till's events but never a PIN.
    got = events(c, lambda k, d: k == "state")
    assert "pairing" not in [k for k, _ in got]
    # Stored as a hash, private, named; the PIN and the token never logged.
    f = tmp_path / pairing.DEVICES_FILE
    assert stat.S_IMODE(f.stat().st_mode) == 0o600
    saved = json.loads(f.read_text())["devices"]
    assert [d["name"] for d in saved] == ["Office PC"]
    assert token not in f.read_text() and saved[0]["token_hash"] == pairing.token_hash(token)
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "paired from 127.0.0.2" in logged
    assert pin not in logged and token not in logged
    # The till's display says so, without a PIN.
    with kiosk(agent) as k:
        last = events(k, lambda kind, d: kind == "pairing")[-1][1]
    assert last == {"pin": None, "said": "Office PC is paired"}
    c.close()


def test_wrong_pins_are_refused_counted_backed_off_and_void_the_pin(agent, tmp_path):
    # The pairing's own clock, moved by the test: "at once" is at once and a
    # backoff is waited out exactly, however slow this machine is today.
    clock = FakeClock(now=time.time())
    agent.console.ctx.lan.pairing.clock = clock.wall
    c = office(agent)
    assert ask_pin(c).status_code == 200
    pin = pin_on_the_till(agent)
    wrong = f"{(int(pin) + 1) % 10 ** 6:06d}"
    r = send_pin(c, wrong)
    assert r.status_code == 403 and "not right" in r.text and pairing.COOKIE not in r.headers.get(
        "set-cookie", "")
    r = send_pin(c, pin)  # at once, even the right one: the address waits
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    for i in range(pairing.PIN_TRIES - 1):
        clock.advance(pairing.BACKOFF_FIRST_S * 2 ** i)  # the i-th backoff, to the end
        r = send_pin(c, wrong)
    assert r.status_code == 403 and "cancelled" in r.text
    clock.advance(pairing.BACKOFF_FIRST_S * 2 ** (pairing.PIN_TRIES - 1))
    r = send_pin(c, pin)  # the right PIN, too late: it is void
    assert r.status_code == 403 and "ask for a new one" in r.text
    assert c.get("/console", headers={"Accept": "text/html"}).status_code == 303
    counters = agent.console.ctx.lan.pairing.counters
    assert counters["wrong_pins"] == pairing.PIN_TRIES and counters["backed_off"] == 1
    assert counters["paired"] == 0
    # Counted where `agent status --json` and the metrics read them.
    def published() -> dict:
        return (runtime_json.read(tmp_path) or {}).get("counters", {})

    assert wait_for(lambda: published().get("console_wrong_pins") == pairing.PIN_TRIES
                    and published().get("console_unpaired_refused", 0) >= 1)
    # A PIN asked for by one device is wrong from another.
    assert ask_pin(c).status_code == 200
    with office(agent, src="127.0.0.3") as other:
        assert send_pin(other, pin_on_the_till(agent)).status_code == 403
    c.close()


def test_an_expired_pin_fails(agent):
    c = office(agent)
    assert ask_pin(c).status_code == 200
    pin = pin_on_the_till(agent)
    assert ask_pin(c, "Another").status_code == 409  # one PIN at a time
    p = agent.console.ctx.lan.pairing
    p.clock = lambda: time.time() + pairing.PIN_TTL_S + 1  # two minutes later
    r = send_pin(c, pin)
    assert r.status_code == 403 and "No PIN is showing" in r.text
    assert "set-cookie" not in r.headers
    assert p.pin_view()["pin"] is None
    c.close()


def test_a_revoked_device_gets_nothing_at_once_even_its_open_event_stream(agent):
    c = paired_office(agent)
    dev = agent.console.ctx.lan.pairing.devices()[0]
    opened, ended = threading.Event(), threading.Event()

    def watch() -> None:
        with office(agent) as w:
            w.cookies = c.cookies
            with w.stream("GET", "/display/events") as r:
                for line in r.iter_lines():
                    if line.startswith("event: state"):
                        opened.set()
        ended.set()

    threading.Thread(target=watch, daemon=True).start()
    assert opened.wait(5), "the paired device's event stream did not open"
    assert not ended.is_set()
    with kiosk(agent) as k:
        page = k.get("/console/devices")
        assert page.status_code == 200 and "Office PC" in page.text and "127.0.0.2" in page.text
        r = k.post("/console/devices/revoke", headers={"Origin": str(k.base_url)},
                   data={"csrf": agent.console.ctx.csrf, "device": dev.id})
        assert r.status_code == 303
        assert "No device is paired" in k.get("/console/devices").text
    assert ended.wait(3), "the revoked device's event stream is still open"
    assert c.get("/console").status_code == 401
    assert c.get("/display/events").status_code == 401
    c.close()


def test_paired_devices_are_managed_only_at_the_till(agent):
    c = paired_office(agent)
    assert c.get("/console/devices").status_code == 403
    dev = agent.console.ctx.lan.pairing.devices()[0]
    r = c.post("/console/devices/revoke", data={"csrf": agent.console.ctx.csrf,
                                                 "device": dev.id})
    assert r.status_code == 403
    assert agent.console.ctx.lan.pairing.is_paired(dev.id)
    c.close()


def test_a_forged_origin_or_host_is_refused_for_a_paired_device(agent):
    c = paired_office(agent)
    r = c.post("/display/search", headers={"Origin": "http://evil.example"},
               data={"csrf": agent.console.ctx.csrf, "q": "ava"})
    assert r.status_code == 403 and "Ava" not in r.text
    r = c.get("/console", headers={"Host": f"evil.example:{port(agent)}"})
    assert r.status_code == 400 and "Till queue" not in r.text
    ok = c.post("/display/search", data={"csrf": agent.console.ctx.csrf, "q": "ava"})
    assert ok.status_code == 200 and ok.json()["pupils"][0]["name"] == "Ava Thompson"
    # The till's host name (bare and .local) is ours too, as Host and Origin.
    for name in (socket.gethostname(), socket.gethostname() + ".local"):
        here = f"{name}:{port(agent)}"
        assert c.get("/console", headers={"Host": here}).status_code == 200
        r = c.post("/display/search", headers={"Host": here, "Origin": f"http://{here}"},
                   data={"csrf": agent.console.ctx.csrf, "q": "ava"})
        assert r.status_code == 200
    c.close()


def test_a_paired_device_survives_a_restart_and_expires_when_idle(tmp_path):
    now = [1_000_000.0]
    p = pairing.Pairing(tmp_path, clock=lambda: now[0])
    assert p.request_pin("192.0.2.30", "  Office\tPC\x07 ")[0]
    code = p.pin_view()["pin"]
    token = p.try_pin("192.0.2.30", str(code)).token
    assert token
    again = pairing.Pairing(tmp_path, clock=lambda: now[0])  # an agent restart
    dev = again.device_for(token)
    assert dev is not None and dev.name == "Office PC"
    now[0] += pairing.SESSION_IDLE_S - 60
    assert again.device_for(token) is not None  # used: idle time starts again
    now[0] += pairing.SESSION_IDLE_S + 1
    assert again.device_for(token) is None and again.devices() == []
    assert pairing.load_devices(tmp_path) == []


def test_an_unreadable_devices_file_means_pairing_again_not_a_crash(tmp_path, caplog):
    (tmp_path / pairing.DEVICES_FILE).write_text("{not json")
    p = pairing.Pairing(tmp_path)
    assert p.devices() == [] and p.device_for("anything") is None
    assert "must pair again" in caplog.text
    assert pairing.load_devices(tmp_path) is None


def test_the_lan_needs_pairing_and_only_loopback_is_the_kiosk():
    with pytest.raises(ConfigError, match="console.listen: '0.0.0.0' is not a loopback address"
                       ": the console on the LAN needs `lan_pairing = true`"):
        parse_config('[console]\nenabled = true\nlisten = "0.0.0.0:8080"\n')
    cfg = parse_config('[console]\nenabled = true\nlisten = "0.0.0.0:8080"\nlan_pairing = true\n')
    assert cfg.console.lan_pairing and cfg.console.kiosk_from == []
    with pytest.raises(ConfigError, match="console.kiosk_from: '192.168.1.0/24' is not a "
                       "loopback address"):
        parse_config('[console]\nlisten = "0.0.0.0:8080"\nlan_pairing = true\n'
                     'kiosk_from = ["192.168.1.0/24"]\n')


def test_the_doctor_says_where_the_console_listens_pairing_and_paired_devices(tmp_path):
    from agent.doctor.base import Context
    from agent.doctor.runner import all_checks, run_checks, select

    def finding(toml: str):
        cfg = parse_config(f'state_dir = "{tmp_path}"\n[sync]\nenabled = false\n'
                           f'[console]\n{toml}')
        ctx = Context(cfg, systemctl=lambda args: None)
        (f,) = run_checks(ctx, select(all_checks(), ["host.console"]))
        return f

    off = finding("enabled = false\n")
    assert off.status == "skip" and "console is off" in off.summary
    local = finding('enabled = true\nlisten = "127.0.0.1:8080"\n')
    assert local.status == "ok" and "127.0.0.1:8080" in local.summary
    assert "no LAN pairing" in local.summary
    # The demo's port 0 is no address to type: picked at each start, logged.
    picked = finding('enabled = true\nlisten = "127.0.0.1:0"\n').summary
    assert picked.startswith("console on 127.0.0.1, on a port picked at each start")
    lan = 'enabled = true\nlisten = "0.0.0.0:8080"\nlan_pairing = true\n'
    assert finding(lan).summary.endswith("PIN pairing on; 0 paired device(s)")
    p = pairing.Pairing(tmp_path)
    for i, name in enumerate(("Office PC", "Kitchen laptop")):
        p.request_pin(f"192.0.2.{30 + i}", name)
        p.try_pin(f"192.0.2.{30 + i}", str(p.pin_view()["pin"]))
    two = finding(lan)
    assert two.status == "ok"
    assert "console on 0.0.0.0:8080 with PIN pairing on; 2 paired device(s)" in two.summary
    assert [d.split(" (")[0] for d in two.detail] == ["Office PC", "Kitchen laptop"]
    # With the agent running, what it counted since it started.
    runtime_json.publish(tmp_path, {"pid": os.getpid(), "counters": {
        "console_paired": 2, "console_wrong_pins": 3, "console_unpaired_refused": 7}})
    assert finding(lan).detail[-1] == ("since the agent started: 2 paired, 3 wrong PIN(s), "
                                       "7 unpaired request(s) refused")
    (tmp_path / pairing.DEVICES_FILE).chmod(0o644)
    assert finding(lan).status == "warn"
    # A running agent publishes where its console really listens (runtime.json's
    # "console"): the port the kernel picked, an address a technician can type.
    runtime_json.publish(tmp_path, {"pid": os.getpid(), "console": {
        "url": "http://127.0.0.1:41234/", "port": 41234, "listen": "127.0.0.1:41234"}})
    assert finding('enabled = true\nlisten = "127.0.0.1:0"\n').summary.startswith(
        "console on http://127.0.0.1:41234/ (listening on 127.0.0.1:41234)")
