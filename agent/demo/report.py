"""What ``agent demo`` (``agent.demo.lunch``) reports: a progress line while
the service runs, the one-to-one check at its end (every printed
non-reprint receipt journaled exactly once, the hub holding exactly the
journal, the chain verifying) and the summary table.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from agent.config import Config, site_currency
from agent.config.currency import GBP, Currency
from agent.demo.world import SimWorld


@dataclass
class DemoReport:
    pupils: int
    printed: int = 0
    printed_sales: int = 0
    reprints: int = 0
    journaled: int = 0
    synced: int = 0
    hub_rows: int = 0
    hub_duplicates: int = 0
    lost: int = 0
    not_at_hub: int = 0
    offline_sales: int = 0
    offline_debt_pence: int = 0  # owed, as agent report debt reckons it
    currency: Currency = GBP  # the site's, as the summary says amounts
    held_for_review: int = 0
    refused: int = 0
    display_url: str = ""
    display_shown: int = 0  # identifications the operator display showed
    display_photos: int = 0  # of them, with the pupil's photo
    banners: int = 0  # allergen banners raised
    acknowledged: int = 0  # of them acknowledged on a screen
    methods: dict[str, int] = field(default_factory=dict)
    chain_ok: bool = False
    queue: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


class Progress:
    """One updating line on a TTY, plain lines (every 10%) otherwise."""

    def __init__(self, total: int, out=None):
        self.total = total
        self.out = out or sys.stdout
        self.tty = self.out.isatty()
        self._last_decile = -1

    def show(self, done: int, note: str) -> None:
        if self.tty:
            width = 30
            fill = int(width * done / max(1, self.total))
            self.out.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {done}/{self.total} "
                           f"{note}\x1b[K")
            self.out.flush()
        else:
            decile = done * 10 // max(1, self.total)
            if decile != self._last_decile:
                self._last_decile = decile
                print(f"  {done}/{self.total} customers  {note}", file=self.out, flush=True)

    def say(self, text: str) -> None:
        if self.tty:
            self.out.write("\r\x1b[K")
        print(f"  {text}", file=self.out, flush=True)

    def done(self) -> None:
        if self.tty:
            self.out.write("\n")
            self.out.flush()


def check_service(world: SimWorld, cfg: Config, sent: list[tuple[Any, bool]], refused: int,
                  report: DemoReport) -> None:
    """The invariants, one to one: printer <-> journal <-> hub, into
    ``report``. ``sent``: what the till sent, as (spec, is_reprint); ``refused``:
    the agent's count of biometric refusals."""
    from agent.journal.store import Journal
    from agent.journal.sync_summary import read_till_queue

    problems = report.problems
    printed = world.printer.core.receipts
    report.printed = len(printed)
    report.reprints = sum(1 for _, rp in sent if rp)
    report.printed_sales = len(printed) - report.reprints
    if len(printed) != len(sent):
        problems.append(f"the till sent {len(sent)} receipts but the printer printed "
                        f"{len(printed)}")
    with Journal.in_state_dir(cfg.state_dir, readonly=True) as j:
        entries = list(j.entries())
        report.journaled = len(entries)
        report.chain_ok = j.verify().ok
        if not report.chain_ok:
            problems.append("the journal's hash chain does not verify")
        raw_by_entry = Counter()
        for e in entries:
            cap = j.capture(e.seq)
            if cap is not None:
                raw_by_entry[cap.data] += 1
        counts = j.sync_status_counts()
    report.synced = counts.get("accepted", 0) + counts.get("duplicate", 0)
    # Every printed non-reprint receipt journaled exactly once (by its bytes).
    for (spec, rp), raw in zip(sent, printed, strict=False):
        if rp:
            continue
        seen = raw_by_entry.get(raw, 0)
        if seen != 1:
            report.lost += seen == 0
            problems.append(f"receipt {spec.receipt_no} printed once, journaled {seen} times")
    by_no = Counter((e.transaction.get("kind"), e.transaction.get("receipt_no"))
                    for e in entries)
    dup = [k for k, c in by_no.items() if c > 1]
    if dup:
        problems.append(f"{len(dup)} receipt number(s) journaled more than once")
    report.offline_sales = sum(1 for e in entries if e.transaction.get("offline"))
    # The debt report's own definition (``agent report debt`` says the same).
    from agent.reports.debt import debt_report
    from sync.roster_store import RosterStore

    with RosterStore.in_state_dir(cfg.state_dir) as roster:
        debt = debt_report(entries, roster, roster.info().till_seq_applied,
                           cfg.policy.fsm_value_pence)
    report.offline_debt_pence = debt.total_owed_pence
    report.currency = site_currency(cfg)
    report.held_for_review = len(debt.needs_review)
    held_at_hub = {t["id"] for t in world.hub.held_for_review()}
    if held_at_hub != {r.txn_id for r in debt.needs_review}:
        problems.append(f"the hub holds {len(held_at_hub)} transaction(s) for review, the "
                        f"journal flags {len(debt.needs_review)}")
    report.refused = refused
    # The hub holds exactly the journal.
    ledger = world.hub.ledger(cfg.till_id)
    report.hub_rows = len(ledger)
    ids = Counter(r["id"] for r in ledger)
    report.hub_duplicates = sum(c - 1 for c in ids.values() if c > 1)
    journal_ids = {e.id: e for e in entries}
    missing = [i for i in journal_ids if i not in ids]
    extra = [i for i in ids if i not in journal_ids]
    report.not_at_hub = len(missing)
    if report.hub_duplicates:
        problems.append(f"{report.hub_duplicates} duplicate(s) at the hub")
    if missing or extra:
        problems.append(f"hub ledger != journal: {len(missing)} journaled but not at the hub, "
                        f"{len(extra)} at the hub but not journaled")
    for r in ledger:
        e = journal_ids.get(r["id"])
        if e is not None and r.get("seq") not in (None, e.seq):
            problems.append(f"hub seq {r.get('seq')} != journal seq {e.seq} for one sale")
            break
    report.queue = read_till_queue(cfg.state_dir).to_dict()


def print_summary(report: DemoReport, out=None) -> None:
    """The service's figures as a table, then OK or the problems found."""
    out = out or sys.stdout
    q = report.queue
    rows = [
        ("customers served", report.pupils),
        ("identified by", ", ".join(f"{k} {v}" for k, v in sorted(report.methods.items()))),
        ("receipts printed (printer)", f"{report.printed} ({report.reprints} reprints)"),
        ("sales journaled", report.journaled),
        ("synced to the hub", report.synced),
        ("hub ledger rows", report.hub_rows),
        ("duplicates at the hub", report.hub_duplicates),
        ("lost", report.lost),
        ("journaled offline", report.offline_sales),
        ("offline debt", report.currency.money(report.offline_debt_pence)),
        ("held for review", report.held_for_review),
        ("biometric refused (no consent)", report.refused),
        ("operator display", f"{report.display_shown} identifications shown "
                             f"({report.display_photos} with a photo), "
                             f"{report.banners} allergen banner(s), {report.acknowledged} "
                             "acknowledged" if report.display_url else "off"),
        ("journal chain", "verifies" if report.chain_ok else "BROKEN"),
        ("till queue", f"{q.get('pending', '?')} pending, {q.get('rejected', '?')} rejected, "
                       f"hub {q.get('hub_state', '?')}"),
        ("time", f"{report.seconds:.1f} s"),
    ]
    print("\nLunch service summary", file=out)
    for k, v in rows:
        print(f"  {k:<32}: {v}", file=out)
    if report.ok:
        print("OK: every printed receipt journaled exactly once; the hub holds exactly the "
              "journal.", file=out)
    else:
        print("FAILED:", file=out)
        for p in report.problems[:20]:
            print(f"  - {p}", file=out)
