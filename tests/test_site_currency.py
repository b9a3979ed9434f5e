"""The site's currency (``currency`` in agent.toml): an Irish school's till
says euro on every page, the paper register and the reports; a config
without the key reads as before (pounds); a receipt printed in another
currency than the site's is said where the office checks it."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent.config import Config, ConfigError, parse_config, site_currency
from agent.config.currency import EUR, GBP
from agent.console import adjustment as adj
from agent.console.debt_view import owed_words
from agent.console.office_view import who_to_call
from agent.console.paper_currency import currency_note, printed_currencies
from agent.console.views import money, paid_words, pupil_view, sale_view, sale_words
from agent.demo.report import DemoReport, print_summary
from agent.reports.debt import DebtLine, DebtReport, render_text
from agent.reports.registers import export_html, export_lines
from agent.sale.balances import Ledger
from tests.console_support import AVA, BEN

DAY = "2026-12-07"


def test_a_config_without_a_currency_is_in_pounds_and_a_wrong_one_is_refused():
    assert site_currency(parse_config('till_id = "t"')) is GBP
    assert site_currency(parse_config('currency = "EUR"')) is EUR
    assert site_currency(parse_config('currency = "eur"')) is EUR  # as typed
    with pytest.raises(ConfigError) as e:
        parse_config('currency = "EURO"')
    assert e.value.problems == [
        "currency: 'EURO' is not a currency this till knows: \"GBP\" (£), \"EUR\" (€)"]


@given(st.integers(-10**7, 10**7))
def test_euro_and_pounds_say_the_same_figures_with_their_own_sign(pence):
    pounds, euro = GBP.money(pence), EUR.money(pence)
    assert euro == pounds.replace("£", "€")
    assert (pounds.startswith("-")) == (pence < 0)


def test_the_display_says_an_irish_pupils_money_in_euro():
    v = pupil_view(BEN, Ledger(), fsm_value_pence=240, default_debt_limit_pence=1000,
                   till_seq_applied=0, day=DAY, cur=EUR)
    assert (v["balance"], v["allowance_left"], v["debt"]) == (
        "-€3.20", "€2.40", "In debt: €6.80 left of the €10.00 limit")
    sale = {"kind": "sale", "total_pence": 325, "tender": "fsm", "flags": [],
            "tenders": [{"tender": "fsm", "amount_pence": 240},
                        {"tender": "cash", "amount_pence": 85}],
            "lines": [{"description": "Dinner", "quantity": 1, "amount_pence": 325}]}
    said = sale_view(sale, "Ben", EUR)
    assert (said["total"], said["lines"][0]["amount"], said["tender"]) == (
        "€3.25", "€3.25", "€2.40 meal allowance + €0.85 cash")
    assert sale_words("refund", -120, [], EUR) == "Refund of €1.20"
    assert money(5, EUR) == "€0.05"


def test_the_office_types_euro_and_cent_and_is_shown_the_adjustment_in_euro():
    assert [adj.parse_total(t, cur=EUR) for t in ("€2.65", "2,65", "265c", "€3")] == [
        265, 265, 265, 300]
    with pytest.raises(adj.TotalError, match=r"Is 265 euro or cent\? .* 265.00 or 265c"):
        adj.parse_total("265", cur=EUR)
    with pytest.raises(adj.TotalError, match="The first part is €0.00"):
        adj.split_parts(300, [("fsm", "0.00"), ("cash", "3.00")], EUR)

    class Roster:
        def get(self, pupil_id):
            return AVA

    debit = [adj.Adjustment("debit", 60, AVA.id)]
    # ParentPay, and its menu, are a UK school's: an Irish office is told the action.
    assert adj.sentences(debit, Roster(), "account", EUR) == [
        "At your payment provider: Debit €0.60 from Ava Thompson (Year 4, account P-0001)."]
    assert adj.sentences(debit, Roster(), "account", GBP) == [
        "At ParentPay (or your provider): Other Adjustment > Debit £0.60 from Ava Thompson "
        "(Year 4, account P-0001)."]
    assert who_to_call(cur=EUR)[1] == "Pupils' accounts, balances and payments: your payment " \
        "provider."
    assert "(e.g. ParentPay)" in who_to_call(cur=GBP)[1]


def test_the_debt_report_and_the_paper_register_are_in_the_sites_currency():
    line = DebtLine(pupil_id=AVA.id, display_name=AVA.display_name, year_group="Y4",
                    owed_pence=85, sales_pence=240, count=1, dates=[DAY])
    report = DebtReport(lines=[line], since=None)
    assert "€0.85" in render_text(report, EUR) and "£" not in render_text(report, EUR)
    assert owed_words(line, EUR) == "€0.85"
    paper = export_lines([AVA], DAY, "t", purse=lambda p: 1250, cur=EUR)
    assert any(isinstance(ln, str) and ln.endswith("€12.50 [  ]") for ln in paper)
    assert "<td>€12.50</td>" in export_html([AVA], DAY, "t", lambda p: 1250, EUR)
    assert Config().currency == "GBP"


def test_the_demos_summary_says_its_offline_debt_in_the_sites_currency():
    out = io.StringIO()
    print_summary(DemoReport(pupils=1, offline_debt_pence=85, currency=EUR), out)
    assert "offline debt                    : €0.85" in out.getvalue()
    assert "£" not in out.getvalue()


PAID_IN_EURO = ["SCOIL NAOMH ANNA", "Sandwich        EUR 3.20", "TOTAL           EUR 3.20",
                "Card            3,20 €"]


def test_a_receipt_printed_in_another_currency_than_the_sites_is_said():
    assert printed_currencies(PAID_IN_EURO) == {"EUR"}
    assert printed_currencies(["Toastie   £2.10", "TOTAL     £2.10"]) == {"GBP"}
    assert printed_currencies(["Toastie    2.10", "TOTAL      2.10", "Ref #12.00"]) == set()
    assert currency_note(PAID_IN_EURO, EUR) == ""
    assert currency_note(["TOTAL 2.10"], GBP) == ""  # bare figures: nothing is known
    assert currency_note(PAID_IN_EURO, GBP) == (
        "The paper prints its amounts in €, but this till is set up for pounds (£): the "
        "figures here are the paper's numbers. If the till's receipts all print this way, "
        "the till's currency setting is wrong: tell the till supplier.")


def test_a_sale_voided_to_nothing_is_not_sent_to_the_payment_provider_for_how_it_was_paid():
    void = {"kind": "void", "total_pence": 0, "tender": "account", "lines": [],
            "pupil_id": "P-0001", "flags": ["unread_tender", "unsure_number"]}
    from agent.console.views import flags_to_say

    assert flags_to_say(void) == ["unsure_number"]
    assert paid_words(void, EUR) == "Nothing: it came to €0.00"
    # A total itself in doubt may not be nothing: every doubt stays.
    doubted = {**void, "flags": ["unread_tender", "total_unsure"]}
    assert flags_to_say(doubted) == ["unread_tender", "total_unsure"]
    assert paid_words(doubted) == "Pupil account"


def test_the_doctor_says_when_the_tills_receipts_print_another_currency(tmp_path):
    from agent.clock import FakeClock
    from agent.doctor import receipts as doctor_receipts
    from agent.doctor.base import Context
    from agent.journal.store import Journal
    from agent.journal.types import Capture

    conf = tmp_path / "agent.toml"
    conf.write_text('till_id = "till-1"\n')
    state = tmp_path / "state"
    state.mkdir(mode=0o700)

    def check(cfg_text: str):
        cfg = parse_config(cfg_text)
        cfg.state_dir = str(state)
        return doctor_receipts.currency(Context(cfg, config_path=conf))

    assert check("").summary == "amounts said in £ (GBP); no receipts yet to compare"
    with Journal.in_state_dir(state, FakeClock()) as j:
        for n, text in enumerate([["TOTAL   3.20"], PAID_IN_EURO, PAID_IN_EURO]):
            text_bytes = "\n".join(text).encode()
            j.append(f"t-{n}", "sale", {"kind": "sale", "total_pence": 320, "flags": []},
                     capture=Capture(0, "tcp", text_bytes, text))
    left_on_pounds = check("")
    assert left_on_pounds.status == "warn"
    assert left_on_pounds.summary == ("2 of the last 2 receipt(s) that print a currency print "
                                      "EUR, but this till says amounts in £ (GBP)")
    assert left_on_pounds.fix == (f'if the school\'s money is EUR, set currency = "EUR" in '
                                  f"{conf} (GBP or EUR) and restart the agent")
    euro = check('currency = "EUR"')
    assert (euro.status, euro.summary) == ("ok", "amounts said in € (EUR), as the last 2 "
                                                  "receipt(s) that print a currency print them")
