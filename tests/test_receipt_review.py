"""The office checks a receipt the till could not read for certain: the page
shows how many wait and since when, the paper as printed beside what the till
read, the flag in words; one press records what the person found in the
journal (append-only, once per sale, never sent to the hub). Over real HTTP
(httpx) and in a real browser (Playwright driving Debian's Chromium) against
a running agent; receipts printed as real ESC/POS bytes by python-escpos to
the agent's printer tap. Screenshots go to tests/screenshots/."""

from __future__ import annotations

import html
import re
import sqlite3
from zoneinfo import ZoneInfo

import httpx
import pytest
from escpos.printer import Dummy
from playwright.sync_api import expect

from agent.cli import main
from agent.clock import parse_rfc3339
from agent.config.schema import site_zone
from agent.console.review_view import (
    SPOT_CHECK,
    WAITING_SHOWN,
    review_page_context,
    spot_waiting,
    to_check_words,
    waiting_summary,
)
from agent.journal.store import Journal
from agent.journal.types import Capture
from agent.sale import flag_words
from hwsim.till import send_tcp
from tests.console_support import TABLET, TILL, console_agent, console_config, shot
from tests.support import wait_for
from tests.test_flag_words_browser import receipt


def split_unread(number: str) -> bytes:
    """Free meal and cash, the cash part's amount not printed: a person must check it."""
    return receipt(number, "Free meal                     2.73", "Cash")


def printed_to(cfg, *receipts: bytes) -> None:
    host, port = cfg.printer.listen.rsplit(":", 1)
    for r in receipts:
        send_tcp(host, int(port), r)


def journaled(state, n: int) -> list:
    """The journal's entries once there are ``n``."""
    def entries() -> list:
        with Journal.in_state_dir(state, readonly=True) as j:
            return list(j.entries())
    assert wait_for(lambda: len(entries()) >= n, timeout=10), "the receipts were not journaled"
    return entries()


def csrf_of(client: httpx.Client) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get("/console").text)[1]


def test_a_receipt_checked_over_http_is_journaled_once_and_stops_waiting(tmp_path, printer):
    cfg = console_config(tmp_path, "{}:{}".format(*printer.address))
    with console_agent(cfg) as rt:
        printed_to(cfg, split_unread("000051"),
                   receipt("000052", "Cash                          3.25"),
                   receipt("000053", "Cash                          3.25"))
        first, *clean = journaled(tmp_path, 3)
        assert "split_unreconciled" in first.transaction["flags"]
        assert not any(flag_words.words(f).review for e in clean for f in e.transaction["flags"])
        # Read without doubt, both printed today: one is today's spot check, drawn by its id.
        with Journal.in_state_dir(tmp_path, readonly=True) as j:
            (spot,) = spot_waiting(j, site_zone(cfg))
        (other,) = [e for e in clean if e.seq != spot.seq]
        base = rt.console.url.rstrip("/")
        with httpx.Client(base_url=base, headers={"origin": base}, timeout=5) as c:
            page = c.get("/console/review").text
            assert 'data-count="1"' in page and "1 waiting" in page
            assert "Receipt No: 000051" in page  # the paper, as printed
            assert flag_words.WORDS["split_unreconciled"].sentence in page
            assert "split_unreconciled" not in page.replace('data-flag="split_unreconciled"', "")
            assert html.escape(SPOT_CHECK, quote=False) in page
            assert f'data-seq="{spot.seq}" data-spot' in page
            assert f'data-seq="{other.seq}"' not in page  # one a day
            queue = c.get("/console").text
            assert "2 receipts to check (1 of them a spot check)" in queue
            assert 'href="/console/review"' in queue

            form = {"seq": str(first.seq), "outcome": "as_read"}
            assert c.post("/console/review", data=form).status_code == 403  # no CSRF token
            token = csrf_of(c)
            bad = c.post("/console/review", data={**form, "csrf": token, "outcome": "edit"})
            assert bad.status_code == 400 and "nothing was recorded" in bad.text
            # Read without doubt and not drawn: the page never asked, nothing is recorded.
            not_held = c.post("/console/review",
                              data={**form, "csrf": token, "seq": str(other.seq)})
            assert not_held.status_code == 400
            assert c.get(f"/console/review/correct?seq={other.seq}").status_code == 400
            # The spot check opens the same correction form, saying why it was asked.
            assert html.escape(SPOT_CHECK, quote=False) in c.get(
                f"/console/review/correct?seq={spot.seq}").text
            done = c.post("/console/review", data={**form, "csrf": token})
            assert done.status_code == 303
            assert done.headers["location"] == f"/console/review?checked={first.seq}"
            # A second screen (or a double press): the first stands.
            again = c.post("/console/review", data={**form, "csrf": token})
            assert again.status_code == 303
            # "Different" needs what the paper says (its form): not a bare press.
            bare = c.post("/console/review", data={**form, "csrf": token, "outcome": "differs"})
            assert bare.status_code == 400
            after = c.get(done.headers["location"]).text
            assert 'id="waiting" data-count="0"' in after
            assert "The paper matched what the till read" in after
            # The spot check still waits on the same page: the queue still counts it.
            assert "1 receipt to check (a spot check)" in c.get("/console").text
            spotted = c.post("/console/review",
                             data={**form, "csrf": token, "seq": str(spot.seq)})
            assert spotted.status_code == 303
            after = c.get(spotted.headers["location"]).text
            # Today's spot check is done: none asked again today, the check listed as one.
            assert "data-spot-why" not in after and 'id="spot-checks"' not in after
            assert "receipt to check" not in c.get("/console").text
            assert f'<tr data-seq="{spot.seq}" data-outcome="as_read"><td>' in after
            assert after.count('class="spot-mark" data-spot>Spot check:</span>') == 1
            refused = c.post("/console/review", data={**form, "csrf": token,
                                                      "seq": str(other.seq)})
            assert refused.status_code == 400

    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        reviews = j.reviews()
        assert list(reviews) == sorted([first.seq, spot.seq])
        assert reviews[first.seq]["outcome"] == "as_read"
        assert reviews[first.seq]["txn_id"] == first.id
        assert reviews[first.seq]["by"].startswith("till till-1 console (127.0.0.1)")
        assert j.last_seq() == 3  # a check is not a sale: nothing new to send to the hub
        assert j.pending_count() == 3
    db = sqlite3.connect(tmp_path / "journal.sqlite")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE receipt_reviews SET outcome = 'differs'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM receipt_reviews")


def test_the_office_checks_a_receipt_in_the_browser_with_one_press(tmp_path, browser, printer):
    cfg = console_config(tmp_path, "{}:{}".format(*printer.address))
    with console_agent(cfg) as rt:
        printed_to(cfg, split_unread("000061"), split_unread("000062"),
                   receipt("000063", "Cash                          3.25"))
        journaled(tmp_path, 3)
        # The cook's screen: a sale with nobody at the till says so in those words.
        cook = browser.new_page(viewport=TILL)
        cook.goto(rt.console.url + "display")
        expect(cook.locator("#sale-name")).to_have_text("· no pupil identified")
        cook.close()
        page = browser.new_page(viewport=TABLET)
        page.goto(rt.console.url + "console")
        expect(page.locator("#to-check")).to_contain_text(
            "3 receipts to check (1 of them a spot check)")
        page.set_viewport_size(TILL)
        shot(page, "console-queue-receipts-to-check-1024x600")
        page.set_viewport_size(TABLET)
        page.get_by_role("link", name="Check them").click()
        expect(page.locator("#waiting")).to_contain_text("2 waiting, the oldest from ")
        # The queue counted three: the page says where the third is.
        expect(page.locator("#spot-below")).to_have_text("And a spot check below.")
        cards = page.locator("article.check:not([data-spot])")
        expect(cards).to_have_count(2)
        oldest = cards.nth(0)  # oldest first: the order they are dealt with
        expect(oldest.locator("[data-printed]")).to_contain_text("Receipt No: 000061")
        expect(oldest.locator("[data-printed]")).to_contain_text("Jacket potato")
        expect(oldest.locator("[data-total]")).to_have_text("£3.25")
        expect(oldest.locator("[data-flag=split_unreconciled]")).to_contain_text(
            flag_words.WORDS["split_unreconciled"].sentence)
        body = page.inner_text("main")
        assert "_" not in body and "Ben Okafor" not in body  # no codes, no pupil named
        shot(page, "console-receipts-to-check-1280x800")
        page.set_viewport_size(TILL)
        shot(page, "console-receipts-to-check-1024x600")
        # The two answers are equal choices: the same size, side by side, in few words.
        matches = oldest.get_by_role("button", name="The paper matches")
        differs = oldest.get_by_role("link", name="The paper is different")
        a, b = matches.bounding_box(), differs.bounding_box()
        assert (round(a["width"]), round(a["height"])) == (round(b["width"]), round(b["height"]))
        assert a["y"] == b["y"] and a["x"] < b["x"]
        assert differs.inner_text() == "The paper is different"
        oldest.scroll_into_view_if_needed()
        matches.scroll_into_view_if_needed()
        shot(page, "console-receipts-to-check-buttons-1024x600")

        oldest.get_by_role("link", name="The paper is different").click()
        page.get_by_label("Cash", exact=True).check()
        page.get_by_role("button", name="Show what to do at the payment provider").click()
        expect(page.locator("#adjustment")).to_contain_text(
            "Nothing to adjust at the provider: it was paid in cash.")
        page.get_by_role("button", name="Record it: nothing to adjust").click()
        expect(page.locator("#notice")).to_contain_text("The paper was different.")
        expect(page.locator("#waiting")).to_contain_text("1 waiting")
        expect(page.locator("#checked tr[data-outcome=differs]")).to_have_count(1)
        cards.get_by_role("button", name="The paper matches").click()
        expect(page.locator("#waiting")).to_contain_text("Nothing waiting")
        expect(page.locator("#checked tr[data-seq]")).to_have_count(2)
        expect(page.locator("#waiting")).to_contain_text("And a spot check below.")
        # Today's spot check, below the held ones: a receipt read without doubt, asked why.
        spot = page.locator("article.check[data-spot]")
        expect(spot).to_have_count(1)
        expect(spot.locator("[data-printed]")).to_contain_text("Receipt No: 000063")
        expect(spot.locator("[data-spot-why]")).to_contain_text(SPOT_CHECK)
        spot.scroll_into_view_if_needed()
        shot(page, "console-receipts-spot-check-1024x600")
        spot.get_by_role("button", name="The paper matches").click()
        expect(page.locator("article.check")).to_have_count(0)
        expect(page.locator("#checked tr[data-seq]")).to_have_count(3)
        expect(page.locator("#checked [data-spot]")).to_have_text("Spot check:")
        expect(page.locator("#checked [data-checked]").first).to_contain_text(" at the till")
        assert "from till till-1" not in page.inner_text("#checked")
        shot(page, "console-receipts-checked-1024x600")
        page.close()


def test_a_long_wait_shows_the_oldest_first_and_says_how_many_more(tmp_path):
    with Journal.in_state_dir(tmp_path) as j:
        for i in range(WAITING_SHOWN + 5):
            txn = {"id": f"t{i}", "till_id": "till-1", "kind": "sale",
                   "occurred_at": f"2026-12-04T12:{i:02d}:00.000Z", "clock_synced": True,
                   "pupil_id": None, "identified_by": None, "receipt_no": f"{i:06d}",
                   "lines": [], "total_pence": 0, "tender": "cash", "offline": False,
                   "flags": ["unparsed_receipt"] if i % 2 == 0 else ["lines_total_mismatch"]}
            j.append(f"t{i}", "sale", txn,
                     capture=Capture(0, "tcp", b"?", [f"Receipt {i:06d}", "TOTAL ??"]))
        j.record_review(1, "t0", "as_read", "test")
        now = parse_rfc3339("2026-12-04T13:00:00.000Z")
        ctx = review_page_context(j, ZoneInfo("Europe/London"), now)
        assert ctx["waiting_count"] == WAITING_SHOWN + 4
        assert [w["receipt_no"] for w in ctx["waiting"][:2]] == ["000001", "000002"]
        assert len(ctx["waiting"]) == WAITING_SHOWN
        assert ctx["waiting_since"] == "12:01" and ctx["waiting_for"] == "59 min ago"
        assert ctx["waiting"][0]["printed"]["lines"] == ["Receipt 000001", "TOTAL ??"]
        assert [c["seq"] for c in ctx["checked"]] == [1]
        assert waiting_summary(j, ZoneInfo("Europe/London"), now) == {
            "count": WAITING_SHOWN + 4, "spot": 0, "since": "12:01"}


def test_the_till_queue_and_status_count_the_spot_checks_waiting(tmp_path, capsys):
    def printed(j: Journal, txn_id: str, at: str, flags: list[str]) -> None:
        j.append(txn_id, "sale", {
            "id": txn_id, "till_id": "till-1", "kind": "sale", "occurred_at": at,
            "clock_synced": True, "pupil_id": None, "identified_by": None,
            "receipt_no": txn_id, "lines": [], "total_pence": 325, "tender": "cash",
            "offline": False, "flags": flags},
            capture=Capture(0, "tcp", b"?", [f"Receipt {txn_id}", "TOTAL 3.25"]))

    london, now = ZoneInfo("Europe/London"), parse_rfc3339("2026-12-04T13:00:00.000Z")
    with Journal.in_state_dir(tmp_path) as j:
        # Read without doubt at 11:50: the day's spot check, older than the held one.
        printed(j, "clean", "2026-12-04T11:50:00.000Z", [])
        printed(j, "held", "2026-12-04T12:10:00.000Z", ["unparsed_receipt"])
        summary = waiting_summary(j, london, now)
        assert summary == {"count": 2, "spot": 1, "since": "11:50"}
        assert to_check_words(summary) == ("2 receipts to check (1 of them a spot check), "
                                           "the oldest from 11:50")
        j.record_review(2, "held", "as_read", "test")
        assert to_check_words(waiting_summary(j, london, now)) == (
            "1 receipt to check (a spot check), the oldest from 11:50")
    assert main(["status", "--state-dir", str(tmp_path)]) == 0
    assert "office checks     : 1 receipt to check (a spot check)" in capsys.readouterr().out


def test_a_refund_says_its_amounts_are_money_paid_back_whatever_sign_the_paper_prints(
        tmp_path):
    with Journal.in_state_dir(tmp_path) as j:
        for kind, total in (("refund", -210), ("sale", 230)):
            j.append(kind, kind, {
                "id": kind, "till_id": "till-1", "kind": kind,
                "occurred_at": "2026-12-04T12:00:00.000Z", "clock_synced": True,
                "pupil_id": "P-0001", "identified_by": "receipt", "receipt_no": None,
                "lines": [{"description": "Jacket potato", "quantity": 1, "amount_pence": 210}],
                "total_pence": total, "tender": "account", "offline": False,
                "flags": ["lines_total_mismatch"]})
        ctx = review_page_context(j, ZoneInfo("Europe/London"),
                                  parse_rfc3339("2026-12-04T12:30:00.000Z"))
    refund, sale = ctx["waiting"]
    assert refund["total"] == "£2.10" and refund["what"] == "Refund of £2.10"
    assert refund["read_note"] == ("a refund: money paid back, with or without a minus on the "
                                   "paper")
    assert sale["read_note"] == ""
    # Its money went back to the account: not "Paid by" as a sale's.
    assert refund["paid_label"] == "Paid back to" and sale["paid_label"] == "Paid by"


def test_a_picture_receipt_read_by_ocr_waits_only_if_its_reading_needs_a_person(tmp_path):
    def sale(txn_id: str, flags: list[str], total: int) -> dict:
        return {"id": txn_id, "till_id": "till-1", "kind": "sale",
                "occurred_at": "2026-12-04T12:00:00.000Z", "clock_synced": True,
                "pupil_id": None, "identified_by": None, "receipt_no": None, "lines": [],
                "total_pence": total, "tender": "cash", "offline": False, "flags": flags}

    unread = ["raster_only", "unparsed_receipt"]
    with Journal.in_state_dir(tmp_path) as j:
        j.append("a", "sale", sale("a", unread, 0))
        j.append("a.ocr", "sale", sale("a.ocr", ["ocr_reading"], 325))  # read and trusted
        j.append("b", "sale", sale("b", unread, 0))
        j.append("b.ocr", "sale", sale("b.ocr", ["ocr_unreconciled", "unparsed_receipt"], 0))
        j.append("c", "sale", sale("c", unread, 0))  # not read yet
        ctx = review_page_context(j, ZoneInfo("Europe/London"),
                                  parse_rfc3339("2026-12-04T12:30:00.000Z"))
    assert [w["txn_id"] for w in ctx["waiting"]] == ["b.ocr", "c"]
    assert ctx["waiting"][1]["printed"]["why_not"].startswith("The till printed this receipt "
                                                              "as a picture")


def unreadable(number: str) -> bytes:
    """A slip with a heading and a number but no amount anywhere: nothing to read a sale from."""
    p = Dummy()
    p.text(f"OAKFIELD PRIMARY\nReceipt No: {number}\nThank you\n")
    p.cut()
    return p.output


def slip(number: str, *lines: str) -> bytes:
    """A slip printing ``lines`` under the school's name and its number."""
    p = Dummy()
    p.text(f"OAKFIELD PRIMARY\nReceipt No: {number}\n" + "".join(f"{ln}\n" for ln in lines))
    p.cut()
    return p.output


def test_a_receipt_with_no_total_read_cannot_be_said_to_match_the_paper(tmp_path, printer):
    cfg = console_config(tmp_path, "{}:{}".format(*printer.address))
    with console_agent(cfg) as rt:
        # Read in part, each said with what was read and what not (never "The
        # receipt could not be read." above the items it did read).
        printed_to(cfg, unreadable("000071"),
                   slip("000072", "Jacket potato                 3.25",
                        "Apple juice                   0.80", "Thank you"),
                   slip("000073", "TOTAL                         3.25",
                        "Cash                          3.25"),
                   slip("000074", "Jacket potato                 3.25", "Cookie 0.50",
                        "TOTAL                         4.10", "Cash 4.10"))
        entry, *partial = journaled(tmp_path, 4)
        assert all("unparsed_receipt" in e.transaction["flags"] for e in (entry, *partial))
        base = rt.console.url.rstrip("/")
        with httpx.Client(base_url=base, headers={"origin": base}, timeout=5) as c:
            page = html.unescape(c.get("/console/review").text)
            for said in (
                    "The till read nothing from the receipt: no items, no total, not how it "
                    "was paid.",
                    "The till read 2 items from the receipt, but no total: the total shown is "
                    "what the items add up to.",
                    "Items added up (no total read)",
                    "The till read the receipt's total (£3.25), but no items.",
                    # Items and a total that do not add up: that flag alone says it.
                    flag_words.WORDS["lines_total_mismatch"].stated):
                assert said in page, said
            assert "The receipt could not be read" not in page
            assert page.count('data-flag="unparsed_receipt"') == 3
            # The unchecked clock (as this host's is or not) said once above them,
            # "time unsure" beside each time, never a note on each receipt.
            unsure = sum("clock_unsynced" in e.transaction["flags"] for e in (entry, *partial))
            assert page.count('id="time-unsure"') == (1 if unsure else 0)
            assert page.count("(time unsure)") == unsure
            assert 'data-flag="clock_unsynced"' not in page
            assert "Sale, total not read" in page
            # No "The paper matches" to press for the one with nothing read.
            assert page.count('value="as_read"') == 3
            assert page.count("nothing for the paper to match") == 1
            assert "The paper is different" in page
            # No way of paying printed, nobody at the till: the paper's silence and
            # the till's word for it said apart (never "Paid by: Cash" alone).
            cards = {int(m[1]): m[2] for m in re.finditer(
                r'<article class="check" data-seq="(\d+)">(.*?)</article>', page, re.S)}
            unpaid = cards[partial[0].seq]
            assert partial[0].transaction["tender"] == "cash"
            assert "<strong data-paid>Not printed on the receipt</strong>" in unpaid
            assert ("To be sent to the payment provider as cash, the till's word for a receipt "
                    "that names no way of paying, with nobody identified: it takes nothing "
                    "from any pupil's account.") in unpaid
            # The paper that printed "Cash" says so, with nothing beside it.
            assert "<strong data-paid>Cash</strong>" in cards[partial[1].seq]
            assert "data-sent-as" not in cards[partial[1].seq]
            # The till queue's "Paid by" says the same, shortly.
            queue = html.unescape(c.get("/console").text)
            row = re.search(rf'<tr data-seq="{partial[0].seq}"[^>]*>(.*?)</tr>', queue, re.S)[1]
            assert "<td data-paid>Not printed on the receipt (sent as cash)</td>" in row
            # Its form chooses no way of paying for the office either.
            form = c.get(f"/console/review/correct?seq={partial[0].seq}").text
            assert not re.search(r'name="how" value="\w+" checked', form)
            assert "data-sent-as" in form
            # "The paper is different" for it starts empty: no "0.00" total and no
            # way of paying chosen, which would be the till's filling-in, not a reading.
            form = c.get(f"/console/review/correct?seq={entry.seq}").text
            assert re.search(r'<input name="total" id="total"[^>]* value=""', form)
            assert not re.search(r'name="how" value="\w+" checked', form)
            assert "The till read no total." in form
            form = c.get(f"/console/review/correct?seq={partial[1].seq}").text
            assert re.search(r'<input name="total" id="total"[^>]* value="3.25"', form)
            assert 'name="how" value="cash" checked' in form
            refused = c.post("/console/review", data={"seq": str(entry.seq), "outcome": "as_read",
                                                      "csrf": csrf_of(c)})
            assert refused.status_code == 400 and "read no total" in refused.text
    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        assert j.reviews() == {}
