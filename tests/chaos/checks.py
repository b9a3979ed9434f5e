"""The end-of-run invariants, one to one: every receipt the till got printed,
every journal entry, every row in the hub's ledger."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.journal.store import Journal


@dataclass
class Verdict:
    printed: int = 0
    journaled: int = 0
    hub_rows: int = 0
    recovered: int = 0
    offline: int = 0
    pending: int = 0
    rejected: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        head = (f"printed {self.printed}, journaled {self.journaled}, hub {self.hub_rows}, "
                f"recovered after a kill {self.recovered}, offline {self.offline}, "
                f"pending {self.pending}, rejected {self.rejected}")
        return head + ("" if self.ok else "\n  PROBLEMS:\n  - " + "\n  - ".join(self.problems))


def journal_facts(state_dir: Path) -> tuple[list[Any], dict[int, bytes], bool, str, dict]:
    with Journal.in_state_dir(state_dir, readonly=True) as j:
        entries = list(j.entries())
        captures = {e.seq: c.data for e in entries if (c := j.capture(e.seq)) is not None}
        v = j.verify()
        status = dict(j.sync_status_counts(), pending=j.pending_count())
    return entries, captures, v.ok, "" if v.ok else str(v), status


def check(state_dir: Path, sent: dict[str, bytes], ledger: list[dict] | None,
          *, expect_synced: bool = True, printed: bytes | None = None) -> Verdict:
    """``sent``: receipt number -> the whole job the till got through.
    ``ledger``: the hub's rows for this till (None: no hub check).
    ``printed``: every byte the printer received (None: no printer check)."""
    entries, captures, chain_ok, chain_msg, status = journal_facts(state_dir)
    out = Verdict(printed=len(sent), journaled=len(entries))
    p = out.problems
    if not chain_ok:
        p.append(f"journal chain broken: {chain_msg}")
    seqs = [e.seq for e in entries]
    if seqs != list(range(1, len(seqs) + 1)):
        p.append(f"journal seq has gaps or reuse: {seqs[:5]}...{seqs[-5:]}")
    numbers = Counter(e.transaction.get("receipt_no") for e in entries)
    at = 0  # the till prints one job after another: search on from the last
    for no, job in sent.items():
        if printed is not None:
            found = printed.find(job, at)
            if found < 0:
                p.append(f"receipt {no}: the till took it as printed but the printer "
                         "never got it whole")
            else:
                at = found + len(job)
        if numbers[no] == 0:
            p.append(f"receipt {no} was printed but never journaled (LOST)")
        elif numbers[no] > 1:
            p.append(f"receipt {no} journaled {numbers[no]} times (DUPLICATED)")
    for no, n in numbers.items():
        if no not in sent:
            p.append(f"journal entry for receipt {no!r} ({n}x) that no whole job printed")
    for e in entries:
        no = e.transaction.get("receipt_no")
        if no in sent and captures.get(e.seq) != sent[no]:
            p.append(f"receipt {no}: the journaled bytes differ from the job the till sent")
        flags = e.transaction.get("flags") or []
        out.recovered += "recovered_after_restart" in flags
        out.offline += bool(e.transaction.get("offline"))
    out.pending = status.get("pending", 0)
    out.rejected = status.get("rejected", 0)
    if ledger is not None:
        out.hub_rows = len(ledger)
        at_hub = Counter(r.get("receipt_no") for r in ledger)
        for no in sent:
            if expect_synced and at_hub[no] != 1:
                p.append(f"receipt {no} is {at_hub[no]} sale(s) at the hub")
        ids = Counter(r["id"] for r in ledger)
        dup = [i for i, n in ids.items() if n > 1]
        if dup:
            p.append(f"{len(dup)} id(s) stored twice at the hub")
        journal_ids = {e.id: e for e in entries}
        missing = set(journal_ids) - set(ids)
        extra = set(ids) - set(journal_ids)
        if expect_synced and missing:
            p.append(f"{len(missing)} journaled transaction(s) never reached the hub")
        if extra:
            p.append(f"{len(extra)} hub row(s) with no journal entry")
        for r in ledger:
            e = journal_ids.get(r["id"])
            if e is not None and (r["seq"] != e.seq or dict(r) != e.transaction):
                p.append(f"hub row seq {r['seq']} differs from the journal's entry")
                break
    if expect_synced and out.rejected:
        p.append(f"{out.rejected} transaction(s) rejected by the hub")
    return out
