"""Push pending journal entries to the hub, exactly once in effect.

The journal fixed each transaction's id and content before anything left the
till; the pusher sends those bytes verbatim, in ``seq`` order, in batches of
at most ``batch_size`` (<= 500) items and 1 MiB. It believes only what a 200
answer says, id by id:

* ``accepted`` / ``duplicate``: done (recorded, never sent again);
* ``rejected``: recorded with its reason, shown to people, never resent;
* no result for an id: not acknowledged, sent again on a later round;
* any other answer (an error status, a timeout, a reset, nonsense): nothing
  acknowledged; the same transactions, same ids, go again later;
* ``413``: the batch is halved and sent again at once.

A hub that committed a batch but whose answer was lost sees the same ids
again and answers ``duplicate``: no second effect.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields

from sync.client import HubClient, HubError, HubRejectedBatch
from sync.contract import MAX_BATCH_BYTES, MAX_BATCH_ITEMS, ContractError
from sync.contract_parsers import validate_transaction
from sync.journal_port import PendingTransaction, PushOutcome, SyncJournal

log = logging.getLogger("sync.pusher")

# '{"transactions":[' + ']}' around the comma-joined bodies.
_ENVELOPE = len('{"transactions":[]}')


@dataclass
class PushCounts:
    """What became of the transactions of some pushes: one drain, the sync
    loop's run, or one ``agent sync``; all three count in this one shape."""

    sent: int = 0  # transactions put on the wire (a resend counts again)
    requests: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0  # by the hub
    unanswered: int = 0  # missing from a 200 answer: still pending
    local_rejected: int = 0  # could never be sent (not the contract's shape)

    def add(self, other: PushCounts) -> None:
        """Count ``other``'s pushes in these."""
        for f in fields(PushCounts):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def acknowledged(self) -> int:
        """What the hub answered for (the figure people are told)."""
        return self.accepted + self.duplicate + self.rejected

    @property
    def all_rejected(self) -> int:
        """Rejected for good: by the hub, or here before sending."""
        return self.rejected + self.local_rejected


@dataclass
class PushReport(PushCounts):
    """What one drain did: its counts, and which seqs were rejected."""

    rejected_seqs: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _size(p: PendingTransaction) -> int:
    return len(p.body.encode("utf-8"))


class Pusher:
    """Drains one journal through one client. ``clock`` gives the epoch
    seconds recorded with outcomes and attempts."""

    def __init__(self, client: HubClient, journal: SyncJournal, batch_size: int,
                 clock: Callable[[], float]):
        self.client = client
        self.journal = journal
        self.batch_size = max(1, min(int(batch_size), MAX_BATCH_ITEMS))
        # Lowered by a 413, for the rest of this pusher's life (the hub's
        # limit does not change from one request to the next).
        self.limit = self.batch_size
        self.clock = clock
        # Seqs whose body passed the local checks: journal rows never change,
        # so a batch retried through an outage is checked once, not on every
        # attempt (200 tills retrying together each re-parsed 200 bodies).
        self._checked: set[int] = set()

    def next_batch(self, after_seq: int,
                   report: PushReport | None = None) -> list[PendingTransaction]:
        """The next pending transactions after ``after_seq``, cut to the item
        limit and to 1 MiB of request body; items that can never be sent are
        recorded as rejected here (and left out)."""
        while True:
            items = self.journal.pending(after_seq, self.limit)
            if not items:
                return []
            batch: list[PendingTransaction] = []
            size = _ENVELOPE
            bad: list[PushOutcome] = []
            if len(self._checked) > 20_000:
                self._checked.clear()  # bounded; a re-check costs only time
            for p in items:
                reason = "" if p.seq in self._checked else self._unsendable(p)
                if not reason:
                    self._checked.add(p.seq)
                if reason:
                    bad.append(PushOutcome(p.seq, p.id, "rejected", reason))
                    continue
                add = _size(p) + (1 if batch else 0)
                if batch and size + add > MAX_BATCH_BYTES:
                    break
                batch.append(p)
                size += add
            if bad:
                self.journal.record_outcomes(bad, self.clock())
                if report is not None:
                    report.local_rejected += len(bad)
                    report.rejected_seqs += [o.seq for o in bad]
                for o in bad:
                    log.warning("transaction seq %d cannot be sent: %s (kept in the journal, "
                                "shown by agent status)", o.seq, o.reason)
            if batch:
                return batch
            after_seq = items[-1].seq

    @staticmethod
    def _unsendable(p: PendingTransaction) -> str:
        # The journal built these bodies; one that breaks the contract is a
        # bug to show people, not something to send forever.
        if _size(p) + _ENVELOPE > MAX_BATCH_BYTES:
            return "local: larger than the contract's 1 MiB request limit (not sent)"
        try:
            body = json.loads(p.body)
            validate_transaction(body)
        except (ValueError, ContractError) as exc:
            return f"local: not a valid contract transaction ({exc}) (not sent)"
        if body.get("id") != p.id or body.get("seq") != p.seq:
            return "local: body id/seq differ from the journal row (not sent)"
        return ""

    def send(self, batch: Sequence[PendingTransaction], report: PushReport) -> None:
        """One request for ``batch`` (halving on 413 until it fits). Records
        outcomes and attempts; raises HubError when nothing was acknowledged."""
        pending = list(batch)
        while pending:
            part = pending[: self.limit]
            seqs = [p.seq for p in part]
            report.requests += 1
            report.sent += len(part)
            try:
                results = self.client.push([p.body for p in part], [p.id for p in part])
            except HubRejectedBatch as exc:
                self.journal.record_attempt(seqs, self.clock(), str(exc))
                if len(part) == 1:
                    raise  # one transaction too big for this hub: retried later
                self.limit = max(1, len(part) // 2)
                log.info("hub said the batch was too large: sending %d at a time", self.limit)
                continue
            except HubError as exc:
                self.journal.record_attempt(seqs, self.clock(), str(exc))
                raise
            now = self.clock()
            by_id = {p.id: p for p in part}
            outcomes = [PushOutcome(by_id[i].seq, i, status, reason)  # type: ignore[arg-type]
                        for i, status, reason in results]
            self.journal.record_attempt(seqs, now, "")
            self.journal.record_outcomes(outcomes, now)
            for o in outcomes:
                if o.status == "accepted":
                    report.accepted += 1
                elif o.status == "duplicate":
                    report.duplicate += 1
                else:
                    report.rejected += 1
                    report.rejected_seqs.append(o.seq)
                    # The hub's words may name anything: kept for DEBUG and
                    # for `agent status`, not for the INFO+ log.
                    log.warning("hub rejected transaction seq %d (reason shown by agent "
                                "status)", o.seq)
                    log.debug("hub rejected seq %d: %s", o.seq, o.reason)
            missing = len(part) - len(outcomes)
            if missing:
                report.unanswered += missing
                log.info("hub answered %d of %d transactions; the rest go again later",
                         len(outcomes), len(part))
            pending = pending[len(part):]

    def drain(self, report: PushReport | None = None,
              should_stop: Callable[[], bool] = lambda: False,
              on_progress: Callable[[PushReport], None] | None = None) -> PushReport:
        """Send everything pending once, in seq order, batch after batch.
        Raises the first HubError (what was acknowledged before stays
        recorded, and counted in ``report`` when the caller passed one);
        unanswered transactions are left for the next drain."""
        report = report if report is not None else PushReport()
        after = 0
        while not should_stop():
            batch = self.next_batch(after, report)
            if not batch:
                break
            try:
                self.send(batch, report)
            except HubError as exc:
                report.errors.append(str(exc))
                raise
            after = batch[-1].seq
            if on_progress is not None:
                on_progress(report)
        return report
