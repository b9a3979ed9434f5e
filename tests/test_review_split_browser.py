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

import re

from playwright.sync_api import expect

from agent.console.review_form import HELD_AT_PROVIDER
from agent.console.review_view import APPROVE_FIRST
from agent.journal.store import Journal
from sync.contract import Pupil
from tests.console_support import TABLET, TILL, console_agent, shot
from tests.receipts_holdout25 import corpus
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


def _pupil(pid: str, name: str, year: str) -> Pupil:
    return Pupil(id=pid, display_name=name, year_group=year, card_uids=(), biometric_ids=(),
                 balance_pence=2000, fsm=False, daily_limit_pence=None, debt_limit_pence=500,
                 allergens=(), biometric_consent=False)


# The pupils the hard days' slips print (tests/receipts_holdout25, seed 11).
CIARA, AISLING = _pupil("004765", "Ciara Byrne", "Y10"), _pupil("004875", "Aisling Ryan", "Y12")
OSIAN, LEWIS = _pupil("121187", "Osian Price", "Y11"), _pupil("6016403", "Lewis Grant", "S5")


def test_the_office_settles_the_hard_days_slips(tmp_path, browser, printer):
    """Two pupils served on one slip, a sale voided to £0.00 and a refund to a
    pupil's card, printed as the school tills print them (holdout25's
    renderers), put through the agent and settled on Receipts to check (the
    void, read whole since rules28, asks nothing of the office)."""
    slips = {layout: corpus(layout, 200, 11)[n][0]
             for layout, n in (("sac-ie", 11), ("pembs-cy", 172), ("fuelzone-gla", 167))}
    with running_hub([p.to_json() for p in (*SCHOOL, CIARA, AISLING, OSIAN, LEWIS)]) as hub:
        cfg = synced_config(tmp_path, printer, hub)
        with console_agent(cfg) as rt:
            assert wait_for(lambda: rt.roster.get(LEWIS.id) is not None, timeout=10)
            for slip in slips.values():  # nobody taps a card: the slips name the pupils
                sale_at_the_till(rt, cfg, None, slip)
            two, void, refund = journaled(tmp_path, 3)
            # Held for review (hold26), whoever tapped: here nobody did.
            assert {"unread_account", "several_accounts"} <= set(two.transaction["flags"])
            assert two.transaction["pupil_id"] is None  # nobody identified: nothing moved
            assert void.transaction["total_pence"] == 0
            assert "review_refund_by_account" in refund.transaction["flags"]
            assert wait_for(lambda: j_synced(tmp_path, 3), timeout=10), "the sales did not sync"
            sent = [dict(t) for t in hub.ledger(TILL_ID)]

            page = browser.new_page(viewport=TILL)
            page.goto(rt.console.url + "console/review")
            # The paper as printed: a 48-column slip's rows never wrap at 1024 wide
            # (a wrapped row put "EUR" beside TOTAL and its amount under it).
            paper_text = page.locator(f"article[data-seq='{two.seq}'] pre[data-printed]")
            assert paper_text.evaluate("el => el.scrollWidth <= el.clientWidth")
            article = page.locator(f"article[data-seq='{two.seq}']")
            expect(article.locator("[data-flag=several_accounts]")).to_contain_text(
                "two pupils' numbers (two pupils served on one slip)")
            expect(article.locator("[data-flag=unread_account]")).to_have_count(0)  # said once
            # An Irish school's slip (EUR) at this pound till: said beside the paper.
            expect(article.locator("[data-currency-note]")).to_contain_text(
                "The paper prints its amounts in €, but this till is set up for pounds (£)")
            article.scroll_into_view_if_needed()
            shot(page, "console-review-two-pupils-1024x600")

            # 1. Two pupils: each one's own part, found by name.
            article.get_by_role("link", name="The paper is different").click()
            expect(page.locator("#two-pupils-hint")).to_contain_text("two pupils")
            expect(page.locator("#moved")).to_contain_text(
                "As the till sent it, the provider holds it: it moves no money until someone "
                "there approves it. Approved, it takes nothing from any pupil's account (sent "
                "as ")
            shot(page, "console-review-two-pupils-form-1024x600")
            page.fill("#q", "ciara")
            page.get_by_role("button", name="Find").click()
            page.get_by_label("Ciara Byrne (Year 10, account 004765)").check()
            page.fill("#q", "aisling")  # the second pupil, found the same way
            page.get_by_role("button", name="Find").click()
            # Found (the page reloaded): typed before that, the parts were lost under load.
            expect(page.get_by_label("Aisling Ryan (Year 12, account 004875)")).to_be_visible()
            page.fill("#part1", "6.10")
            page.select_option("#part1_how", label="From the pupil's account")
            page.fill("#part2", "4.50")
            page.select_option("#part2_how", label="From the pupil's account")
            page.select_option("#pupil2", label="Aisling Ryan (Year 12, account 004875)")
            expect(page.get_by_label(re.compile("Two pupils on one slip, each"))).to_be_checked()
            page.get_by_role("button", name=SHOW).click()
            expect(page.locator("#adjustment p.do")).to_have_text([
                "At ParentPay (or your provider): Other Adjustment > Debit £6.10 from "
                "Ciara Byrne (Year 10, account 004765).",
                "At ParentPay (or your provider): Other Adjustment > Debit £4.50 from "
                "Aisling Ryan (Year 12, account 004875)."])
            # Held at the provider: approved there as sent first, then these.
            expect(page.locator("#adjustment p.hint")).to_have_text([HELD_AT_PROVIDER])
            page.locator("#how").scroll_into_view_if_needed()
            shot(page, "console-review-two-pupils-parts-1024x600")
            assert page.evaluate("document.documentElement.scrollWidth") <= TILL["width"]
            page.set_viewport_size(TABLET)
            page.locator("#adjustment").scroll_into_view_if_needed()
            shot(page, "console-review-two-pupils-adjust-1280x800")
            page.get_by_role("button", name="I have made this adjustment").click()
            expect(page.locator(f"#checked tr[data-seq='{two.seq}']")).to_contain_text(
                "two pupils on one slip: Ciara Byrne (Year 10, account 004765) £6.10 from the "
                "pupil's account, Aisling Ryan (Year 12, account 004875) £4.50")
            expect(page.locator(f"#checked tr[data-seq='{two.seq}']")).to_contain_text(
                APPROVE_FIRST)

            # 2. Voided to £0.00 ("DILEU/VOID Pizza slice -£1.60" / "Cyfrif/Account
            # £0.00"): since rules28 the one way printed at £0.00 is how it was
            # paid, so nothing is held and the office is not asked (the words for
            # a £0.00 sale held for its way: test_site_currency's paid_words).
            assert void.transaction["tender"] == "account"
            assert "unread_tender" not in void.transaction["flags"]
            # (not held: at most the day's spot check, asked as one)
            expect(page.locator(f"article[data-seq='{void.seq}']:not([data-spot])")).to_have_count(0)

            # 3. A refund to the card printed, with no card read: the provider holds
            # it until approved there, and the page says so once it is checked.
            page.locator(f"article[data-seq='{refund.seq}']").get_by_role(
                "button", name="The paper matches").click()
            expect(page.locator("#notice [data-approve]")).to_have_text(
                "Now approve it at the payment provider: it moves no money until someone "
                "there does.")
            expect(page.locator(f"#checked tr[data-seq='{refund.seq}']")).to_contain_text(
                "Now approve it at the payment provider")
            shot(page, "console-review-refund-approve-1024x600")
            expect(page.locator("#waiting")).to_contain_text("Nothing waiting")
            page.close()
            assert [dict(t) for t in hub.ledger(TILL_ID)] == sent  # nothing sent to the hub

    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        reviews = j.reviews()
        assert reviews[two.seq]["correction"]["parts"] == [
            {"pupil_id": "004765", "tender": "account", "pence": 610},
            {"pupil_id": "004875", "tender": "account", "pence": 450}]
        assert reviews[refund.seq]["outcome"] == "as_read" and void.seq not in reviews
