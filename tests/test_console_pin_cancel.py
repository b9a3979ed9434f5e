"""PIN spam (issue 14): a computer on the LAN asking for a pairing PIN again
as each one expires would keep the till's PIN panel for itself. The panel's
"Not me: cancel" button (the till's own screen only, a POST with the CSRF
token) voids the PIN and refuses PIN requests from that address for 15
minutes, counted and logged with the address, never the PIN. Over real
loopback HTTP (the office PC at 127.0.0.2/.3) and in Chromium."""

from __future__ import annotations

import logging
import re
import time

import httpx
import pytest
from playwright.sync_api import expect

from agent.console import pairing
from tests.console_support import TABLET, TILL, console_agent, shot
from tests.test_console_pairing import (
    ask_pin,
    events,
    kiosk,
    lan_config,
    office,
    pin_on_the_till,
    port,
    send_pin,
)


@pytest.fixture
def agent(tmp_path):
    with console_agent(lan_config(tmp_path)) as rt:
        yield rt


def till(rt) -> httpx.Client:
    """The till's own screen, posting as its display page does (same Origin)."""
    return kiosk(rt, Origin=f"http://127.0.0.1:{port(rt)}")


def till_csrf(c: httpx.Client) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', c.get("/display").text)[1]


def cancel(c: httpx.Client, address: str, csrf: str | None = None) -> httpx.Response:
    return c.post("/console/devices/pin/cancel",
                  data={"csrf": till_csrf(c) if csrf is None else csrf, "address": address})


def test_not_me_voids_the_pin_and_refuses_that_address_for_15_minutes(agent, caplog):
    p = agent.console.ctx.lan.pairing
    spammer = office(agent)
    assert ask_pin(spammer, "Office PC").status_code == 200
    pin = pin_on_the_till(agent)
    with till(agent) as screen, caplog.at_level(logging.INFO, logger="agent.console"):
        r = cancel(screen, "127.0.0.2")
        assert r.status_code == 200 and r.json() == {"ok": True, "voided": True}
        # The till's display hears of it at once: the panel goes, and says why.
        got = events(screen, lambda k, d: k == "pairing" and not d["pin"])
    # A loopback address (the "office PC" here is on 127.0.0.2) is the till itself.
    assert got[-1][1] == {"pin": None, "said": "PIN cancelled: this computer may not ask for "
                                               "one for 15 minutes"}
    assert send_pin(spammer, pin).status_code == 403  # void
    r = ask_pin(spammer)
    assert r.status_code == 409 and "refused PINs for this computer" in r.text
    assert "15 minute(s)" in r.text
    # Other computers are not held back: the office PC gets its PIN.
    with office(agent, src="127.0.0.3") as office_pc:
        assert ask_pin(office_pc).status_code == 200
        assert send_pin(office_pc, pin_on_the_till(agent)).status_code == 303
    assert p.counters["pins_cancelled"] == 1 and p.counters["pin_requests_blocked"] == 1
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "cancelled at the till" in logged and "127.0.0.2" in logged
    assert pin not in logged
    # Fifteen minutes later the address may ask again.
    p.clock = lambda: time.time() + pairing.CANCEL_BLOCK_S + 1
    assert ask_pin(spammer).status_code == 200
    spammer.close()


def test_cancel_is_the_tills_alone_and_needs_the_csrf_token(agent):
    p = agent.console.ctx.lan.pairing
    with office(agent) as c:
        assert ask_pin(c).status_code == 200
        # From the LAN (even with a token of the pairing page): refused by the gate.
        r = c.post("/console/devices/pin/cancel", data={"address": "127.0.0.3"})
        assert r.status_code == 403
    with till(agent) as screen:
        r = cancel(screen, "127.0.0.2", csrf="forged")
        assert r.status_code == 403
        assert p.pin_view()["pin"] is not None  # still showing
        assert cancel(screen, "not an address").status_code == 400
    assert p.counters["pins_cancelled"] == 0


def test_the_till_presses_not_me_in_the_browser(tmp_path, browser):
    cfg = lan_config(tmp_path)
    cfg.console.listen = "[::]:0"
    with console_agent(cfg) as rt:
        lan_port = port(rt)
        till = browser.new_context(viewport=TILL).new_page()
        till.goto(f"http://127.0.0.1:{lan_port}/display")
        expect(till.locator("#link")).to_have_text("Live")
        stranger = browser.new_context(viewport=TABLET).new_page()
        lan = f"http://[::1]:{lan_port}"
        stranger.goto(lan + "/pair")
        stranger.fill("#name", "Office PC")
        stranger.click("#ask-pin")
        expect(till.locator("#pairing")).to_be_visible()
        expect(till.locator("#pairing-cancel")).to_have_text("Not me: cancel")
        shot(till, "display-pairing-pin-not-me-1024x600")
        till.click("#pairing-cancel")
        expect(till.locator("#pairing")).to_be_hidden()
        expect(till.locator("#pairing-said")).to_have_text(
            "PIN cancelled: this computer may not ask for one for 15 minutes")
        shot(till, "display-pairing-pin-cancelled-1024x600")
        stranger.fill("#name", "Office PC")
        stranger.click("#ask-pin")
        expect(stranger.locator("#pair-message")).to_contain_text(
            "refused PINs for this computer")
        assert rt.console.ctx.lan.pairing.counters["pins_cancelled"] == 1
