"""Pairing an office PC in the real browser (Playwright, Debian's Chromium).

The console listens on [::] (both IPv4 and IPv6); the till's own screen is
the kiosk context at 127.0.0.1 (``kiosk_from``), and the office PC is a
second browser context at [::1]: its connections come from ::1, another
address, so the gate treats it as a LAN computer. Screenshots of the
pairing page, the PIN on the till's display and the paired-devices list go
to tests/screenshots/."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from agent.runtime.loop_items import DeviceEvent
from drivers.events import CardRead
from tests.console_support import TABLET, TILL, console_agent, console_config, shot


def test_an_office_pc_pairs_with_the_pin_on_the_tills_display_and_is_revoked(tmp_path,
                                                                               browser):
    cfg = console_config(tmp_path)
    cfg.console.listen = "[::]:0"
    cfg.console.lan_pairing = True
    cfg.console.kiosk_from = ["127.0.0.1"]
    with console_agent(cfg) as rt:
        port = rt.console.url.rstrip("/").rsplit(":", 1)[1]
        till_ctx = browser.new_context(viewport=TILL)
        office_ctx = browser.new_context(viewport=TABLET)
        till = till_ctx.new_page()
        till.goto(f"http://127.0.0.1:{port}/display")
        expect(till.locator("#link")).to_have_text("Live")
        office = office_ctx.new_page()
        lan = f"http://[::1]:{port}"

        # Unpaired, the office PC is sent to the pairing page and sees no data.
        office.goto(lan + "/console")
        assert office.url == lan + "/pair"
        expect(office.locator("h1")).to_have_text("Pair this device")
        assert "Till queue" not in office.content()
        office.fill("#name", "Office PC")
        shot(office, "pair-this-device-1280x800")
        office.click("#ask-pin")
        expect(office.locator("#pair-message")).to_contain_text("showing on the till")

        # The PIN shows on the till's own display, for that device, counting down.
        panel = till.locator("#pairing")
        expect(panel).to_be_visible()
        expect(till.locator("#pairing-device")).to_have_text("Office PC")
        expect(till.locator("#pairing-address")).to_have_text("(this computer)")
        expect(till.locator("#pairing-left")).to_have_text(re.compile(r"^[12]:\d\d$"))
        shown = till.locator("#pairing-pin").text_content()
        assert re.fullmatch(r"\d{3} \d{3}", shown)
        shot(till, "display-pairing-pin-1024x600")
        assert shown.replace(" ", "") not in office.content()

        office.fill("#pin", shown.replace(" ", ""))
        office.click("#pair")
        expect(office.locator("h1")).to_contain_text("Till queue")
        assert office.url == lan + "/console"
        expect(panel).to_be_hidden()
        expect(till.locator("#pairing-said")).to_have_text("Office PC is paired")
        cookie = next(c for c in office_ctx.cookies() if c["name"] == "till_console")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and not cookie["secure"]
        assert "till_console" not in office.evaluate("document.cookie")  # HttpOnly

        # Paired: the office PC's display follows the till, and never gets a PIN.
        office.goto(lan + "/display")
        expect(office.locator("#link")).to_have_text("Live")
        rt.q.put(DeviceEvent(CardRead("till-reader", "0B0B0B0B", time.time()), time.time()))
        expect(office.locator("#name")).to_have_text("Ben Okafor")
        expect(till.locator("#name")).to_have_text("Ben Okafor")
        expect(office.locator("#pairing")).to_be_hidden()

        # The till lists it and removes it: the office PC is out at once.
        till.goto(f"http://127.0.0.1:{port}/console/devices")
        row = till.locator("#devices tr", has_text="Office PC")
        # The till itself (a loopback address) is "this computer"; the address
        # only as the technician's small print.
        expect(row.locator("[data-address]")).to_contain_text(re.compile(r"^this computer"))
        expect(row.locator("[data-address] .tech")).to_have_text("::1")
        # Paired and last used at a time of today, as every page says one ("16:12").
        expect(row.locator("td").nth(1)).to_have_text(re.compile(r"^\d\d:\d\d$"))
        # How to add the next one, and what the button does, in words.
        expect(till.locator("main p").first).to_contain_text("/pair")
        # Each address in bold on its own, the "or" between them in plain type.
        urls = till.locator("#pair-url strong").all_inner_texts()
        assert urls and all(u.startswith("http://") and u.endswith("/pair") and " " not in u
                            for u in urls), urls
        expect(row.locator("button.revoke")).to_have_text("Remove: lock it out")
        shot(till, "console-paired-devices-1024x600")
        row.locator("button.revoke").click()
        expect(till.locator("#no-devices")).to_be_visible()
        expect(office.locator("#link")).to_have_text("Reconnecting…")
        office.goto(lan + "/console")
        assert office.url == lan + "/pair"
        expect(office.locator("h1")).to_have_text("Pair this device")
        till_ctx.close()
        office_ctx.close()
