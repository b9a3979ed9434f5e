"""A flagged sale says its flags in plain words on the operator display and
the till queue page, in a real browser (Playwright driving Debian's
Chromium) against a running agent: receipts printed as real ESC/POS bytes by
python-escpos to the agent's printer tap, a card handed to the runtime's
queue as a reader's supervisor does. Screenshots go to tests/screenshots/."""

from __future__ import annotations

import time

from escpos.printer import Dummy
from playwright.sync_api import expect

from agent.runtime.loop_items import DeviceEvent
from agent.sale import flag_words
from drivers.events import CardRead
from hwsim.till import send_tcp
from tests.console_support import TABLET, TILL, console_agent, console_config, shot


def receipt(number: str, *paid: str) -> bytes:
    """A school till's receipt for a jacket potato (£3.25), paid as ``paid``
    says (lines printed after the total)."""
    p = Dummy()
    p.set(align="center", bold=True)
    p.text("OAKFIELD PRIMARY\n")
    p.set(align="left", bold=False)
    p.text(f"Receipt No: {number}\nDate: 04/12/2026 12:02\n")
    p.text("Jacket potato                 3.25\n")
    p.text("TOTAL                         3.25\n")
    for line in paid:
        p.text(line + "\n")
    p.cut()
    return p.output


def ben_at_the_till(rt, browser):
    """The till's display, live, with Ben's card just read: the cook sees his name."""
    page = browser.new_page(viewport=TILL)
    page.goto(rt.console.url + "display")
    expect(page.locator("#link")).to_have_text("Live")
    rt.q.put(DeviceEvent(CardRead("till-reader", "0B0B0B0B", time.time()), time.time()))
    expect(page.locator("#name")).to_have_text("Ben Okafor")
    return page


def test_a_flagged_split_sale_shows_its_parts_and_flags_in_words(tmp_path, browser, printer):
    cfg = console_config(tmp_path, "{}:{}".format(*printer.address))
    host, port = cfg.printer.listen.rsplit(":", 1)
    with console_agent(cfg) as rt:
        page = ben_at_the_till(rt, browser)
        send_tcp(host, int(port), receipt("000043", "Free meal                     2.73",
                                          "Cash                          0.52"))
        expect(page.locator("#sale-tender")).to_have_text("£2.73 meal allowance + £0.52 cash")
        split = page.locator("#sale-flags li[data-flag=split_tender]")
        expect(split).to_contain_text(flag_words.WORDS["split_tender"].sentence)
        expect(split).to_contain_text(flag_words.WORDS["split_tender"].action)
        shot(page, "display-split-sale-1024x600")
        # Paid in parts whose amounts were not all printed: said, with what to do.
        send_tcp(host, int(port), receipt("000044", "Free meal                     2.73",
                                          "Cash"))
        unsure = page.locator("#sale-flags li[data-flag=split_unreconciled]")
        expect(unsure).to_contain_text("Paid in parts that could not be told apart")
        expect(unsure).to_contain_text("Check the paper receipt against the screen")
        assert "split_unreconciled" not in page.inner_text("#sale")
        assert "split unreconciled" not in page.inner_text("#sale")
        unsure.scroll_into_view_if_needed()  # the sale's panel scrolls when flags are many
        shot(page, "display-unreconciled-split-1024x600")

        queue = browser.new_page(viewport=TABLET)
        queue.goto(rt.console.url + "console")
        rows = queue.locator("#flagged tr[data-seq]")
        expect(rows).to_have_count(2)
        newest, first = rows.nth(0), rows.nth(1)  # newest first
        expect(first.locator("[data-paid]")).to_have_text("£2.73 meal allowance + £0.52 cash")
        expect(first.locator("[data-flag=split_tender]")).to_have_text(
            flag_words.WORDS["split_tender"].stated)
        # Each note is followed by what to do about it, in the same place.
        expect(first.locator("p", has=queue.locator("[data-flag=split_tender]"))).to_have_text(
            f"{flag_words.WORDS['split_tender'].stated} "
            f"{flag_words.WORDS['split_tender'].action}")
        expect(newest.locator("[data-flag=split_unreconciled]")).to_be_visible()
        expect(newest).to_contain_text("the office settles it with the payment provider")
        expect(newest).to_contain_text("Sale of £3.25")
        body = queue.inner_text("#flagged")
        assert "_" not in body and "Ben Okafor" not in body  # codes and names stay off it
        queue.locator("#flagged").scroll_into_view_if_needed()
        shot(queue, "console-queue-flagged-sales-1280x800")
        queue.set_viewport_size(TILL)
        shot(queue, "console-queue-flagged-sales-1024x600")
        page.close()
        queue.close()


def test_a_till_printing_amounts_without_pence_is_shown_to_the_cook_to_check(
        tmp_path, browser, printer):
    cfg = console_config(tmp_path, "{}:{}".format(*printer.address))
    host, port = cfg.printer.listen.rsplit(":", 1)
    with console_agent(cfg) as rt:
        page = ben_at_the_till(rt, browser)
        p = Dummy()  # a till set to print pence without the point: 325 for £3.25?
        p.text("OAKFIELD PRIMARY\nReceipt No: 000045\nDate: 04/12/2026 12:04\n")
        p.text("Jacket potato        325\nTOTAL:               325\nCash:                325\n")
        p.cut()
        send_tcp(host, int(port), p.output)
        whole = page.locator("#sale-flags li[data-flag=whole_amounts]")
        expect(whole).to_contain_text(flag_words.WORDS["whole_amounts"].sentence)
        expect(whole).to_contain_text("100 times too big")
        whole.scroll_into_view_if_needed()
        shot(page, "display-whole-amounts-1024x600")
        page.close()
