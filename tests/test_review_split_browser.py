"""The office records, in a real browser (Playwright driving Debian's
Chromium), a sale the paper shows was paid in two parts: a free meal topped
up in cash, whose cash amount the till could not read. The sales reached the
payment provider (the simulated hub over loopback HTTP); receipts are real
ESC/POS bytes from python-escpos sent to the agent's printer tap. The page
works out the credit by the contract's split rule, and says so where what
was left of a free-meal allowance would decide it (the office then puts it
right at the provider itself). Screenshots go to
tests/screenshots/."""

from __future__ import annotations

from playwright.sync_api import expect

from agent.journal.store import Journal
from tests.console_support import TABLET, TILL, console_agent, shot
from tests.support import wait_for
from tests.sync_helpers import TILL as TILL_ID
from tests.sync_helpers import running_hub
from tests.test_flag_words_browser import receipt
from tests.test_receipt_review import journaled
from tests.test_review_correct import BEN_CARD, JUICE_MISSED, paper, sale_at_the_till
from tests.test_review_correct_browser import SCHOOL, j_synced, synced_config

SHOW = "Show what to do at the payment provider"


def test_the_office_records_a_free_meal_topped_up_in_cash(tmp_path, browser, printer):
    with running_hub([p.to_json() for p in SCHOOL]) as hub:
        cfg = synced_config(tmp_path, printer, hub)
        with console_agent(cfg) as rt:
            # The cash part's amount is not printed: the till cannot tell the parts apart.
            sale_at_the_till(rt, cfg, BEN_CARD, receipt("000121", "Free meal"
                                                        "                     2.73", "Cash"))
            # Read as from the account; the office's paper shows a free meal and cash.
            sale_at_the_till(rt, cfg, BEN_CARD, paper("000122", *JUICE_MISSED,
                                                       "Account                       3.25"))
            topped_up, misread = journaled(tmp_path, 2)
            assert "split_unreconciled" in topped_up.transaction["flags"]
            assert wait_for(lambda: j_synced(tmp_path, 2), timeout=10), "the sales did not sync"
            sent = [dict(t) for t in hub.ledger(TILL_ID)]

            page = browser.new_page(viewport=TILL)
            page.goto(rt.console.url + f"console/review/correct?seq={topped_up.seq}")
            split = page.get_by_label("In two parts (type each part below)")
            expect(split).not_to_be_checked()
            page.fill("#part1", "2.73")
            expect(split).to_be_checked()  # typing a part chooses the split
            page.select_option("#part1_how", label="Free school meal")
            page.fill("#part2", "52p")
            page.select_option("#part2_how", label="Cash")
            page.locator("#how").scroll_into_view_if_needed()
            shot(page, "console-review-split-typed-1024x600")
            assert page.evaluate("document.documentElement.scrollWidth") <= TILL["width"]
            page.get_by_role("button", name=SHOW).click()
            expect(page.locator("#adjustment p.do")).to_have_text([
                "At ParentPay (or your provider): Other Adjustment > Credit £0.52 to "
                "Ben Okafor (Year 6, account P-0002)."])
            expect(page.locator("#adjustment")).to_be_in_viewport()
            shot(page, "console-review-split-adjust-1024x600")
            page.set_viewport_size(TABLET)
            page.locator("#how").scroll_into_view_if_needed()
            shot(page, "console-review-split-adjust-1280x800")
            page.get_by_role("button", name="I have made this adjustment").click()
            expect(page.locator(f"#checked tr[data-seq='{topped_up.seq}']")).to_contain_text(
                "Paper: £3.25, £2.73 meal allowance + £0.52 cash; paid by Ben Okafor")

            # The free meal part read as nothing: what the account gave depends on
            # what was left of Ben's allowance that day, which the till cannot know.
            page.set_viewport_size(TILL)
            page.goto(rt.console.url + f"console/review/correct?seq={misread.seq}")
            page.fill("#part1", "2.40")
            page.select_option("#part1_how", label="Free school meal")
            page.fill("#part2", "0.85")
            page.select_option("#part2_how", label="Cash")
            page.get_by_role("button", name=SHOW).click()
            said = page.locator("#adjustment .do")
            expect(said).to_contain_text("Not worked out on the till.")
            expect(said).to_contain_text("(up to £2.40)")
            # The reason in plain words, each case on a line of its own.
            expect(said.locator("ul.cases li")).to_have_text([
                "If all £2.40 was left (their only meal that day): Other Adjustment > "
                "Credit £3.25",
                "If the allowance was used up before it: Other Adjustment > Credit £0.85",
                "Anything else: put it right there"])
            expect(page.locator("#adjustment")).to_be_in_viewport()
            shot(page, "console-review-split-not-worked-out-1024x600")
            # The office puts it right at the provider itself, and says so here.
            page.get_by_role("button", name="I have put it right at the provider").click()
            expect(page.locator(f"#checked tr[data-seq='{misread.seq}']")).to_contain_text(
                "Not worked out on the till")
            expect(page.locator("#waiting")).to_contain_text("Nothing waiting")
            page.close()
            assert [dict(t) for t in hub.ledger(TILL_ID)] == sent  # nothing sent to the hub

    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        reviews = j.reviews()
        assert reviews[misread.seq]["correction"]["worked_out"] is False
        assert reviews[misread.seq]["correction"]["adjustments"] == []
        correction = reviews[topped_up.seq]["correction"]
        assert correction["how"] == "split"
        assert correction["parts"] == [{"tender": "fsm", "pence": 273},
                                       {"tender": "cash", "pence": 52}]
        assert correction["adjustments"] == [
            {"action": "credit", "pence": 52, "pupil_id": "P-0002"}]
        assert "Ben" not in str(correction)
