"""The console's security rules and its event stream, over real sockets to
a running agent (httpx as the client; no browser needed to forge headers)."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from agent.config import ConfigError, parse_config
from agent.journal.store import Journal
from agent.runtime import runtime_json
from agent.runtime.loop_items import DeviceEvent
from drivers.events import CardRead
from tests.console_support import FAST, console_agent, console_config, school_roster
from tests.support import running_runtime, wait_for


@pytest.fixture
def agent(tmp_path):
    with console_agent(console_config(tmp_path)) as rt:
        yield rt


def client(rt, **headers) -> httpx.Client:
    return httpx.Client(base_url=rt.console.url.rstrip("/"), headers=headers, timeout=5)


def csrf_of(rt) -> str:
    with client(rt) as c:
        return re.search(r'name="csrf-token" content="([^"]+)"', c.get("/display").text)[1]


def tap(rt, uid: str) -> None:
    rt.q.put(DeviceEvent(CardRead("till-reader", uid, time.time()), time.time()))


def test_pages_carry_a_strict_content_security_policy(agent):
    with client(agent) as c:
        r = c.get("/display")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "<script>" not in r.text  # the page's script is a file
    assert r.headers["x-frame-options"] == "DENY"


def test_a_foreign_host_is_refused_dns_rebinding(agent):
    with client(agent, Host=f"evil.example:{agent.console.url.rsplit(':', 1)[1]}") as c:
        r = c.get("/console")
    assert r.status_code == 400
    assert "Till queue" not in r.text


def test_a_forged_origin_is_refused_even_with_the_token(agent):
    token = csrf_of(agent)
    with client(agent, Origin="http://evil.example") as c:
        r = c.post("/display/search", data={"csrf": token, "q": "ava"})
        assert r.status_code == 403
        assert c.get("/display/events").status_code == 403
    assert "Ava" not in r.text


def test_a_post_without_the_csrf_token_is_refused(agent, tmp_path):
    origin = agent.console.url.rstrip("/")
    with client(agent, Origin=origin) as c:
        assert c.post("/display/search", data={"q": "ava"}).status_code == 403
        assert c.post("/display/search", data={"q": "ava", "csrf": "guess"}).status_code == 403
        before = agent.console.ctx.feed.last_id
        tap(agent, "04A1B2C3")
        assert wait_for(lambda: agent.console.ctx.feed.last_id > before)  # an event to ack
        event = agent.console.ctx.feed.last_id
        assert c.post("/display/ack", data={"event": str(event)}).status_code == 403
        ok = c.post("/display/search", data={"q": "ava", "csrf": csrf_of(agent)})
    assert ok.status_code == 200 and ok.json()["pupils"][0]["name"] == "Ava Thompson"
    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        assert j.acknowledgements() == []


def test_a_state_change_without_an_origin_is_refused(agent):
    with client(agent) as c:
        r = c.post("/display/search", data={"q": "ava", "csrf": csrf_of(agent)})
    assert r.status_code == 403


def read_events(rt, n: int, last_event_id: str | None = None) -> list[tuple[str, dict]]:
    headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
    out: list[tuple[str, dict]] = []
    with client(rt, **headers) as c, c.stream("GET", "/display/events") as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        ev_id = kind = ""
        for line in r.iter_lines():
            if line.startswith("id: "):
                ev_id = line[4:]
            elif line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                out.append((kind, {**json.loads(line[6:]), "_id": ev_id}))
                if len(out) == n:
                    return out
    return out


def test_a_reconnecting_screen_resumes_after_its_last_event_id(agent):
    for uid in ("0B0B0B0B", "0C0C0C0C", "FFFFFFFF"):
        tap(agent, uid)
    feed = agent.console.ctx.feed
    deadline = time.monotonic() + 5
    while feed.last_id < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    first = read_events(agent, 1)
    assert first[0][0] == "state" and first[0][1]["person"]["kind"] == "unknown_card"
    run = feed.run_id
    assert first[0][1]["_id"] == f"{run}-3"
    resumed = read_events(agent, 2, last_event_id=f"{run}-1")
    assert [k for k, _ in resumed] == ["identified", "unknown_card"]
    assert resumed[0][1]["pupil"]["name"] == "Cara Lindqvist"
    assert [d["_id"] for _, d in resumed] == [f"{run}-2", f"{run}-3"]
    # An id from an earlier run of the agent (numbers restart): the whole state.
    for stale in ("0123456789ab-1", "1", "nonsense"):
        assert read_events(agent, 1, last_event_id=stale)[0][0] == "state"


def test_listening_beyond_loopback_without_pairing_is_a_config_error():
    with pytest.raises(ConfigError, match="console.listen: '0.0.0.0' is not a loopback"):
        parse_config('[console]\nenabled = true\nlisten = "0.0.0.0:8080"\n')
    with pytest.raises(ConfigError, match="console.listen: .*must look like"):
        parse_config('[console]\nlisten = "8080"\n')
    assert parse_config('[console]\nenabled = true\nlisten = "[::1]:8081"\n').console.enabled


def test_agent_run_logs_the_console_url_when_ready_and_serves_it(tmp_path):
    repo = Path(__file__).resolve().parents[1]
    conf = tmp_path / "agent.toml"
    conf.write_text(f'till_id = "till-1"\nstate_dir = "{tmp_path / "state"}"\n'
                    '[sync]\nenabled = false\n[console]\nenabled = true\n'
                    'listen = "127.0.0.1:0"\n')
    proc = subprocess.Popen([sys.executable, "-m", "agent", "run", "--config", str(conf)],
                            cwd=repo, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TILL_AGENT_LOG_LEVEL": "INFO"})
    try:
        url = ""
        for line in proc.stderr:
            m = re.search(r"console ready: operator display (http://\S+)display", line)
            if m:
                url = m[1]
                break
        assert url.startswith("http://127.0.0.1:")
        r = httpx.get(url + "display", timeout=5)
        assert r.status_code == 200 and "Till till-1" in r.text
        # runtime.json says where it really listens (a technician's tools and
        # the doctor read it), not the config's port 0.
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        assert wait_for(lambda: (runtime_json.read(tmp_path / "state") or {}).get("console")
                        == {"url": url, "port": port, "listen": f"127.0.0.1:{port}"})
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=8) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()


def test_a_console_that_cannot_listen_is_logged_and_the_till_sells_without_it(tmp_path, caplog):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    cfg = console_config(tmp_path)
    cfg.console.listen = f"127.0.0.1:{taken.getsockname()[1]}"
    school_roster(tmp_path)
    try:
        with running_runtime(cfg, FAST) as rt:
            assert rt.console is None and rt.pipeline.display is None
            tap(rt, "0B0B0B0B")
            deadline = time.monotonic() + 5
            while rt.pipeline.counters["identifications"] < 1 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert rt.pipeline.counters["identifications"] == 1
    finally:
        taken.close()
    assert any("console not started" in r.message for r in caplog.records)


def server_side_of(conn: socket.socket) -> socket.socket:
    """The console's own end of ``conn`` (it runs in this process): the
    socket among our open files whose peer is ``conn``'s local address."""
    for fd in map(int, os.listdir("/proc/self/fd")):
        try:
            if not os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                continue
            s = socket.socket(fileno=os.dup(fd))
        except OSError:
            continue
        try:
            if s.type == socket.SOCK_STREAM and s.getpeername() == conn.getsockname():
                return s
        except OSError:
            pass
        s.close()
    raise AssertionError("the console holds no end of this connection")


def test_responses_on_a_kept_alive_connection_do_not_wait_for_delayed_acks(agent):
    # asyncio sets TCP_NODELAY on accepted connections only when the listening
    # socket says IPPROTO_TCP; without it every response on a kept-alive
    # connection waited for the client's delayed ACK (~40 ms more). Checked on
    # the accepted socket itself: a timing would fail on a loaded machine.
    listening = agent.console._server.servers[0].sockets[0]
    assert listening.proto == socket.IPPROTO_TCP
    host, port = agent.console.url.split("//")[1].rstrip("/").rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        for _ in range(2):  # the second response is the one Nagle held back
            conn.request("GET", "/static/display.css")
            r = conn.getresponse()
            assert r.status == 200 and r.read() and not r.will_close
        with server_side_of(conn.sock) as accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        conn.close()


def test_the_name_search_sees_a_new_roster_pull(agent, tmp_path):
    import dataclasses

    from sync.roster_store import RosterStore
    from tests.console_support import SCHOOL

    base = agent.console.url.rstrip("/")
    with client(agent, Origin=base) as c:
        token = csrf_of(agent)
        assert c.post("/display/search", data={"csrf": token, "q": "patel"}).json()[
            "pupils"] == []
        dev = dataclasses.replace(SCHOOL[0], id="P-0004", display_name="Dev Patel",
                                  card_uids=("0D0D0D0D",), biometric_ids=())
        with RosterStore.in_state_dir(tmp_path) as store:
            store.apply([dev], [], "c2", 0, time.time(), False)
        found = c.post("/display/search", data={"csrf": token, "q": "patel"}).json()
    assert [p["name"] for p in found["pupils"]] == ["Dev Patel"]


def test_an_irish_schools_till_says_euro_on_every_page_and_on_the_display(tmp_path):
    """``currency = "EUR"``: no page, no display figure says £."""
    cfg = console_config(tmp_path)
    cfg.currency = "EUR"
    day = time.strftime("%Y-%m-%d", time.gmtime())
    with console_agent(cfg) as rt:
        j = rt.console.ctx.journal
        # An offline meal into debt, and a sale held for a person to check.
        for n, (pupil, total, flags) in enumerate([("P-0002", 900, ["offline_debt"]),
                                                   ("P-0001", 230, ["account_mismatch"])]):
            j.append(f"eur-{n}", "sale", {
                "id": f"eur-{n}", "till_id": "till-1", "kind": "sale",
                "occurred_at": f"{day}T12:0{n}:00.000Z", "clock_synced": True,
                "pupil_id": pupil, "identified_by": "card", "receipt_no": f"00000{n}",
                "lines": [{"description": "Roast dinner", "quantity": 1,
                           "amount_pence": total}],
                "total_pence": total, "tender": "account", "offline": n == 0,
                "flags": flags})
        tap(rt, "04A1B2C3")  # Ava: balance, allowance, daily limit, debt limit
        assert wait_for(lambda: rt.console.ctx.feed.last_id >= 1, timeout=5)
        pages = {}
        with client(rt) as c:
            for path in ("/console", "/console/review", "/console/review/correct?seq=2",
                         "/console/debt", "/console/register", "/console/doctor", "/display"):
                r = c.get(path)
                assert r.status_code == 200, path
                pages[path] = r.text
        state = read_events(rt, 1)[0][1]
    said = json.dumps(state, ensure_ascii=False)
    assert "£" not in said and "€12.50" in said and "€4.00" in said, said
    for path, text in pages.items():
        assert "£" not in text, (path, re.findall(r".{40}£.{20}", text))
        # ParentPay is a UK school's provider: an Irish office is not sent there.
        assert "ParentPay" not in text, (path, re.findall(r".{40}ParentPay.{20}", text))
    assert "Sale of €2.30" in pages["/console/review"]
    assert "€9.00" in pages["/console/debt"] and "€12.50" in pages["/console/register"]
    assert "part €" in pages["/console/review/correct?seq=2"]
