"""Properties of the correlator over random lunch services: every receipt is
accounted for exactly once, every id fits the contract, nothing raises."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.sale.correlation import Correlator, Identification
from drivers.events import CapturedReceipt, TokenStats
from drivers.receipt import ParsedReceipt, ReceiptLine
from tests.support import judged

T0 = 1_795_000_000.0
ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
MENU = [("Pasta bake", 230), ("Cookie", 50), ("Jacket potato", 210)]

tap = st.builds(lambda pupil, method, consent: ("tap", pupil, method, consent),
                st.sampled_from([None, "P1", "P2", "P3"]),
                st.sampled_from(["card", "biometric", "pin"]), st.booleans())
rcpt = st.builds(lambda item, no, kind, reprint, cut, total: ("receipt", item, no, kind, reprint,
                                                              cut, total),
                 st.integers(0, 2), st.one_of(st.none(), st.sampled_from(["1", "2", "3"])),
                 st.sampled_from(["sale", "sale", "refund", "void"]), st.booleans(),
                 st.sampled_from(["cut", "cut", "idle", "job_end", "flush"]), st.booleans())
step = st.tuples(st.one_of(tap, rcpt, st.just(("tick",))), st.floats(0.0, 120.0))


@settings(max_examples=150, deadline=None)
@given(st.lists(step, max_size=40))
def test_every_receipt_is_accounted_for_exactly_once(steps):
    till = Correlator("till-1", 90.0, resend_window_s=15.0, quick_resend_s=3.0)
    t = T0
    receipts = 0
    decisions = []
    for what, gap in steps:
        t += gap
        if what[0] == "tap":
            _, pupil, method, consent = what
            decisions += till.identify(Identification(pupil, method, "r", t,
                                                      biometric_consent=consent), t)
        elif what[0] == "receipt":
            _, item, no, kind, reprint, ended_by, has_total = what
            desc, price = MENU[item]
            parsed = ParsedReceipt(kind=kind, lines=[ReceiptLine(desc, 1, price)],
                                   total_pence=price if has_total else None, tender=None,
                                   receipt_no=no, occurred=None, account=None, reprint=reprint,
                                   flags=[])
            cap = CapturedReceipt(raw=b"", text=[desc], barcodes=[], images=[],
                                  raster_only=False, ended_by=ended_by, started_at=t - 1,
                                  ended_at=t, stats=TokenStats(0, 0, 0, 0, 0))
            receipts += 1
            out = till.receipt(parsed, cap, t)
            assert sum(d.action in ("journal", "duplicate", "held") for d in out) >= 1
            decisions += out
        else:
            decisions += till.tick(t)
    decisions += till.flush(t)
    assert till.held == []
    journaled = [d for d in decisions if d.action == "journal"]
    duplicates = [d for d in decisions if d.action == "duplicate"]
    superseded = [d for d in decisions if d.action == "superseded"]
    # Each receipt is journaled at once, a duplicate, or held; each held one
    # is later released (journaled) or superseded by its complete re-send.
    assert len(journaled) + len(duplicates) + len(superseded) == receipts
    ids = [d.txn_id for d in journaled]
    assert all(ID.fullmatch(i) for i in ids)
    assert len(ids) == len(set(ids)), "two different decisions journaled under one id"
    for d in duplicates:
        assert d.txn_id in ids
    for d in journaled:
        txn = judged(d.sale)
        assert txn["flags"] == sorted(set(txn["flags"]))
        if txn["kind"] == "refund":
            assert txn["total_pence"] <= 0
