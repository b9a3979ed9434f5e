"""A till's own templates' patterns are searched once per printed line (a
till prints the same lines all day): the same lines read the same the
second time, from what was found the first; rules none of whose templates
searches a line (the defaults, a learnt layout alone) skip the templates
at once and remember nothing."""

from __future__ import annotations

from agent.config import ReceiptConfig, ReceiptTemplate
from agent.sale.receipt_rules import rules_from_config
from drivers.events import CapturedReceipt, TokenStats
from drivers.receipt import DEFAULT_RULES, interpret
from drivers.receipt.model import Template
from drivers.receipt.rules import ReceiptRules
from tests.bench.bench_receipt import forget, forget_receipts

TEXT = ["#000991/ till 2", "2 Cookie 1.00", "1 Pasta bake 2.30", "SUM = 3.30",
        "bezahlt: FSM", "Thank you"]


def _captured(text: list[str]) -> CapturedReceipt:
    return CapturedReceipt(raw=b"", text=text, barcodes=[], images=[], raster_only=False,
                           ended_by="cut", started_at=0.0, ended_at=1.0,
                           stats=TokenStats(0, 0, 0, 0, 0))


def _hillside() -> ReceiptRules:
    return rules_from_config(ReceiptConfig(templates=[ReceiptTemplate(
        name="hillside",
        line=r"^(?P<quantity>\d+)\s+(?P<description>.+?)\s+(?P<amount>\d+\.\d\d)$",
        total=r"^SUM\s*=\s*(?P<amount>-?\d+\.\d\d)$",
        receipt_no=r"^#(?P<receipt_no>\d+)/",
        tender=r"^bezahlt: (?P<tender>\w+)",
    )]))


def test_a_line_read_again_reads_as_its_templates_found_it_the_first_time():
    rules = _hillside()
    forget(rules)
    first = interpret(_captured(TEXT), rules)
    assert (first.total_pence, first.receipt_no, first.tender) == (330, "000991", "fsm")
    found = dict(rules._templates_found)
    assert set(found) >= set(TEXT)
    assert found["Thank you"] is None  # no pattern found anything: the defaults read it
    assert found["SUM = 3.30"][0].total is not None
    forget_receipts(rules)  # the lines remembered, the receipt not
    again = interpret(_captured(TEXT), rules)
    assert again == first
    assert rules._templates_found == found  # nothing searched anew


def test_rules_whose_templates_search_no_line_skip_them_and_remember_nothing():
    layout_alone = ReceiptRules(templates=(Template(name="learnt-layout"),))
    for rules in (DEFAULT_RULES, layout_alone):
        forget(rules)
        interpret(_captured(TEXT), rules)
        assert rules.templates_found("SUM = 3.30") is None
        assert rules._templates_found == {}
