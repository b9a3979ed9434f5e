"""The whole receipt path without mocks: the simulated till's own ESC/POS
encoder -> the real decoder -> the real interpreter -> the correlator ->
a real journal. Time is injected."""

from __future__ import annotations

from agent.clock import FakeClock
from agent.journal.store import Journal
from agent.sale.correlation import Correlator, Identification
from drivers.escpos import EscposDecoder
from drivers.events import ReceiptEnded
from drivers.receipt import interpret
from hwsim.till import SaleSpec, compose
from tests.support import judged

T0 = 1_795_000_000.0


class Till:
    """A printer tap feeding the correlator, journaling every sale."""

    def __init__(self, tmp_path, layout, idle_gap_s=3.0):
        self.layout = layout
        self.decoder = EscposDecoder(idle_gap_s=idle_gap_s)
        self.corr = Correlator("till-1", 90.0)
        self.journal = Journal.in_state_dir(tmp_path, FakeClock())
        self.decisions = []

    def _receipts(self, events, now):
        for ev in events:
            if isinstance(ev, ReceiptEnded):
                r = ev.receipt
                self._handle(self.corr.receipt(interpret(r), r, now))

    def _handle(self, decisions):
        for d in decisions:
            self.decisions.append(d)
            if d.sale is not None:
                self.journal.append(d.txn_id, d.sale.kind, judged(d.sale))

    def tap(self, pupil, now):
        self._handle(self.corr.identify(Identification(pupil, "card", "door", now), now))

    def prints(self, spec, now, *, job_end=True, duration=0.5):
        data = compose(spec, self.layout)
        half = len(data) // 2
        self._receipts(self.decoder.feed(data[:half], now), now)
        self._receipts(self.decoder.feed(data[half:], now + duration), now + duration)
        if job_end:
            self._receipts(self.decoder.end_of_job(now + duration), now + duration)

    def idle(self, now):
        self._receipts(self.decoder.tick(now), now)
        self._handle(self.corr.tick(now))

    def sales(self):
        return [e.transaction for e in self.journal.entries()]


def test_a_queue_a_reprint_and_a_resend_on_an_epson_till(tmp_path):
    till = Till(tmp_path, "epson")
    t = T0
    for i, pupil in enumerate(["P0001", "P0002", "P0003"]):
        till.tap(pupil, t)
        till.prints(SaleSpec([("Pasta bake", 1, 230), ("Cookie", 2, 100)],
                             receipt_no=f"{100 + i:06d}"), t + 10)
        t += 30
    # The operator reprints the last receipt; the till also re-sends it.
    last = SaleSpec([("Pasta bake", 1, 230), ("Cookie", 2, 100)], receipt_no="000102")
    till.prints(SaleSpec(last.lines, receipt_no="000102", reprint=True), t)
    till.prints(last, t + 5)
    sales = till.sales()
    assert [s["pupil_id"] for s in sales] == ["P0001", "P0002", "P0003"]
    assert all(s["total_pence"] == 330 and s["receipt_no"] for s in sales)
    assert [d.action for d in till.decisions].count("duplicate") == 2


def test_two_identical_cash_sales_on_a_till_without_numbers_or_a_cutter(tmp_path):
    till = Till(tmp_path, "nocut")
    cash = SaleSpec([("Pasta bake", 1, 230)], tender="Cash", when="28/11/2026 12:01")
    till.prints(cash, T0)  # one TCP job; no cutter: the job's end ends the receipt
    # The link dropped before the till saw the job complete: it sends it again.
    till.prints(cash, T0 + 2)
    # The next customer buys the same pasta bake in the same minute, printed
    # over a link that stays open: the idle gap ends the receipt.
    till.prints(cash, T0 + 40, job_end=False)
    till.idle(T0 + 45)
    sales = till.sales()
    assert len(sales) == 2
    assert sales[0]["id"] != sales[1]["id"]
    assert all(s["pupil_id"] is None and s["total_pence"] == 230 for s in sales)
