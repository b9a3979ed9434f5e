"""Correlation: identifications + receipts -> sales (a pure core).

The runtime feeds three things, in the order its queue delivers them, each
with ``now`` (wall-clock seconds, the same clock the printer decoder was fed,
so ``CapturedReceipt.started_at/ended_at`` compare with ``Identification.at``):

* ``identify(ident, now)``: a card, fingerprint, PIN or a pupil chosen by name
  on the operator display, resolved to a pupil by
  the runtime (``pupil_id`` None plus ``unknown_card`` for a card the roster
  does not know);
* ``receipt(parsed, captured, now, clock_synced=, offline=)``: a receipt the
  printer tap captured and ``drivers.receipt.interpret`` parsed;
* ``tick(now)``: about once a second, so waiting identifications expire and
  held receipts are released; ``flush(now)`` at shutdown.

Each returns ``Decision`` objects. A decision with ``action == "journal"``
carries an ``agent.sale.transaction.Sale`` (who and what, before the roster and the
policy; made from the receipt by ``agent.sale.sale_from_receipt``) for
``agent.sale.transaction.transaction`` to make the journal's Transaction;
``"duplicate"`` (a reprint or a re-sent receipt) carries the original sale and
id, so an append is a harmless no-op; the others are things to log or show.
Which pupil a printed account names is looked up after correlation, once
(``agent.sale.pipeline``), not here.

The rules (issue 6):

* identification, then a receipt within ``window_s`` -> that pupil's sale;
* a receipt with nobody waiting -> an unidentified (cash) sale, unless the
  receipt prints an account (``identified_by = "receipt"``);
* a printed account naming another pupil than the waiting identification ->
  the printed account's sale, flagged ``account_mismatch`` (held for review);
* an identification with no receipt within ``window_s`` -> ``no_sale``;
* a different pupil identifying before the receipt replaces the waiting one
  (``replaced``); the same pupil again (a double tap) just refreshes it;
* a reprint -> the original sale's id (nothing new), and the waiting
  identification is left for the real next sale;
* refunds consume the identification (the credit goes to that pupil); voids
  do not (the pupil is still at the till while the operator re-rings);
* a biometric match for a pupil without biometric consent -> ``refused``; the
  waiting identification is untouched and no sale is attached to it.

Re-sends and the ids are explained in ``agent.sale.txn_ids``; what makes two
copies "the same receipt" in ``agent.sale.receipt_identity``; what the correlator
remembers of the sales it decided (and relearns at start) in
``agent.sale.journaled_receipts``. A receipt that was
cut off (no cut, and no total or ended by the agent stopping: ``is_cut_off``)
is held for
``resend_window_s``: if the till re-sends it in full, the complete copy
replaces it; a copy of a receipt already journaled is a duplicate, never held;
otherwise ``tick`` releases it as a sale of its own (flagged
``cut_off_receipt``), and a full copy of that receipt arriving later still is
a duplicate of it. A cut-off copy replayed from the tap spool at start is
held again from the start (``rearm_held``): the till can only re-send it once
the agent is back. At shutdown held copies are not released (``flush(keep_held=
True)``): the spool keeps them for the next start.

Privacy: ``Identification`` and ``Decision`` reprs hide pupil ids;
``Decision.reason`` is safe to log at INFO.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from agent.sale.journaled_receipts import JournaledReceipts, RecentSale
from agent.sale.receipt_identity import (
    CUT_OFF_FLAG,
    ReceiptIdentity,
    identity_of,
    same_receipt,
)

# normalise_tender is re-exported: agent.sale.receipt_learn imports it from here.
from agent.sale.sale_from_receipt import normalise_tender as normalise_tender
from agent.sale.sale_from_receipt import sale_from_receipt
from agent.sale.transaction import Sale
from agent.sale.txn_ids import (
    content_digest,
    day_of,
    numbered_sale_id,
    parse_unnumbered,
    unnumbered_sale_id,
)

Method = Literal["card", "biometric", "pin", "name"]  # name: chosen on the display
Action = Literal["identified", "journal", "duplicate", "no_sale", "replaced", "refused",
                 "held", "superseded"]


@dataclass(frozen=True, slots=True)
class Identification:
    """Somebody identified at the till. ``token_ref`` is a redacted tag of the
    card uid / match id (``agent.logs.redact``), safe to log."""

    pupil_id: str | None
    method: Method
    reader: str
    at: float
    token_ref: str = ""
    unknown_card: bool = False
    biometric_consent: bool = True

    def __repr__(self) -> str:
        who = "unknown" if self.pupil_id is None else "<pupil>"
        return (f"Identification({who}, method={self.method!r}, reader={self.reader!r}, "
                f"at={self.at!r}, token_ref={self.token_ref!r})")


@dataclass(frozen=True, slots=True)
class Decision:
    """What the correlator decided. ``sale`` is set for ``journal`` and
    ``duplicate``; ``identification`` for identification-related actions."""

    action: Action
    at: float
    reason: str
    txn_id: str | None = None
    sale: Sale | None = field(default=None, repr=False)
    identification: Identification | None = None
    # The capture a ``journal`` decision came from: the runtime stores its raw
    # bytes beside the entry (journal.Capture), also for receipts released later.
    captured: Any = field(default=None, repr=False)

    @property
    def kind(self) -> str | None:
        return self.sale.kind if self.sale else None


@dataclass
class _Held:
    parsed: Any
    captured: Any
    ident: Identification | None
    clock_synced: bool
    offline: bool
    identity: ReceiptIdentity
    # The re-send window runs from here: the copy's end, or the start of the
    # run that could first receive the re-send (``rearm_held``).
    since: float


class Correlator:
    """The correlation state machine of one till. Not thread-safe: the
    runtime's main loop owns it."""

    def __init__(self, till_id: str, window_s: float = 90.0, *,
                 resend_window_s: float = 15.0, quick_resend_s: float = 3.0,
                 memory: int = 5000):
        self.till_id = till_id
        self.window_s = window_s
        self.resend_window_s = resend_window_s
        self.quick_resend_s = quick_resend_s
        self.waiting: Identification | None = None
        self.held: list[_Held] = []
        self.journaled = JournaledReceipts(memory)

    # --- inputs -------------------------------------------------------------

    def identify(self, ident: Identification, now: float) -> list[Decision]:
        """Somebody identified. Returns ``refused``, or ``identified`` preceded
        by ``no_sale``/``replaced`` for the identification it displaces."""
        out = self.tick(now)
        if ident.method == "biometric" and not ident.biometric_consent:
            return out + [Decision("refused", now, "biometric match for a pupil without "
                                   "biometric consent: ignored")]
        old = self.waiting
        if old is not None:
            if old.pupil_id == ident.pupil_id and old.pupil_id is not None:
                self.waiting = ident  # a double tap: same pupil, fresh clock
                return out
            out.append(Decision("replaced", now, "a second identification arrived before "
                                "the receipt; the first was dropped", identification=old))
        self.waiting = ident
        out.append(Decision("identified", now, f"{ident.method} identification on "
                            f"{ident.reader}", identification=ident))
        return out

    def receipt(self, parsed: Any, captured: Any, now: float, *, clock_synced: bool = True,
                offline: bool = False) -> list[Decision]:
        """A captured receipt. ``parsed``: ``drivers.receipt.ParsedReceipt``;
        ``captured``: ``drivers.events.CapturedReceipt`` (uses ``text``,
        ``ended_by``, ``started_at``, ``ended_at``, ``raster_only``)."""
        # Judge by when the receipt ended, not when the queue delivered it.
        out = self._expire_ident(captured.ended_at) if self.waiting is not None else []
        this = identity_of(parsed, captured)
        # Only while receipts are held (cut-off jobs, rare).
        if self.held:
            # Held receipts whose re-send window closed before this one began
            # go first, as sales of their own (keeps the journal in till order).
            out += self._release_held(captured.started_at)
            if self._supersede(parsed, captured, this, clock_synced, offline, now, out):
                return out
        # Worked out once: the sale path needs them up to three times.
        ids = self._ids(parsed, captured)
        if parsed.reprint:
            return out + [self._reprint(parsed, captured, clock_synced, offline, ids)]
        dup = self._resend(captured, ids, this)
        if dup is not None:
            return out + [dup]
        ident = self._take_ident(parsed, captured)
        if this.cut_off:
            self.held.append(_Held(parsed, captured, ident, clock_synced, offline, this,
                                   captured.ended_at))
            return out + [Decision("held", now, "receipt cut off: held "
                                   f"{self.resend_window_s:g} s for a re-send")]
        out.append(self._sale(parsed, captured, ident, clock_synced, offline, ids=ids,
                              identity=this))
        return out

    def journaled_earlier(self, parsed: Any, captured: Any, txn_id: str,
                          now: float) -> list[Decision]:
        """A receipt a previous run journaled as ``txn_id`` (the spool replay
        skips it): held cut-off copies of it are settled, and it is
        remembered for cut-off copies still to come."""
        this = identity_of(parsed, captured)
        out = []
        for h in list(self.held):
            if (captured.started_at - h.since <= self.resend_window_s
                    and same_receipt(h.identity, this)):
                self.held.remove(h)
                out.append(Decision("superseded", now, "a cut-off receipt's other copy was "
                                    "journaled before the last stop"))
        if txn_id in self.journaled.sales:
            self.journaled.note(this, txn_id)
        return out

    def rearm_held(self, at: float) -> None:
        """The agent is back (at ``at``) after a stop: held cut-off copies get
        their whole re-send window from now, as the till could not re-send
        them while the agent was down."""
        for h in self.held:
            h.since = max(h.since, at)

    def tick(self, now: float) -> list[Decision]:
        """Expire a waiting identification; release held receipts whose
        re-send window has passed."""
        return self._expire_ident(now) + self._release_held(now)

    def flush(self, now: float, *, keep_held: bool = False) -> list[Decision]:
        """At shutdown: every held receipt becomes a sale now, unless
        ``keep_held`` (the tap spool keeps them for the next start, where the
        till's re-send can still replace them)."""
        if keep_held:
            return []
        out = [self._release(h, now) for h in self.held]
        self.held.clear()
        return out

    def prime(self, transactions: Iterable[Mapping[str, Any]],
              texts: Mapping[str, list[str]] | None = None) -> None:
        """Relearn recent sales (e.g. today's journal entries, in seq order)
        after a restart, so reprints, re-sends and ordinals carry on.
        ``texts``: the printed lines of the last few, by id (for cut-off
        copies without a number)."""
        self.journaled.prime(transactions, texts)

    # --- internals ----------------------------------------------------------

    def _supersede(self, parsed: Any, captured: Any, this: ReceiptIdentity,
                   clock_synced: bool, offline: bool, now: float,
                   out: list[Decision]) -> bool:
        """Another copy of a held cut-off receipt: a complete one replaces
        every held copy and is journaled; a cut-off one leaves one copy held
        (the longest). True (decisions added to ``out``) when ``captured``
        is such a copy."""
        same = [h for h in self.held
                if captured.started_at - h.since <= self.resend_window_s
                and same_receipt(h.identity, this)]
        if not same:
            return False
        for h in same:
            self.held.remove(h)
        ident = next((h.ident for h in same if h.ident is not None), None)
        first = same[0]
        if this.cut_off:
            keep = max(same, key=lambda h: len(h.identity.text))
            if len(this.text) > len(keep.identity.text):
                keep = _Held(parsed, captured, None, clock_synced, offline, this, 0.0)
            keep.ident = ident
            # The till is still trying: the window runs from its latest attempt.
            keep.since = max([h.since for h in same] + [captured.ended_at])
            self.held.append(keep)
            # k held copies and this one become one held copy: k go.
            out.extend(Decision("superseded", now, "a held cut-off receipt was cut off "
                                "again; one copy stays held") for _ in same)
            out.append(Decision("held", now, "receipt cut off again: one copy held "
                                f"{self.resend_window_s:g} s for a re-send"))
            return True
        out.extend(Decision("superseded", now, "a cut-off receipt was re-sent in "
                            "full; the complete copy is journaled") for _ in same)
        out.append(self._sale(parsed, captured, ident, first.clock_synced, first.offline,
                              identity=this))
        return True

    def _release(self, h: _Held, now: float) -> Decision:
        """A held cut-off copy whose re-send never came: a sale of its own,
        unless the receipt was journaled meanwhile."""
        prior = self.journaled.copy_of(h.identity, h.captured.started_at,
                                       self.resend_window_s)
        if prior is not None:
            return Decision("superseded", now, "a cut-off receipt's other copy is journaled")
        return self._sale(h.parsed, h.captured, h.ident, h.clock_synced, h.offline,
                          extra_flags=(CUT_OFF_FLAG,), identity=h.identity)

    def _expire_ident(self, now: float) -> list[Decision]:
        w = self.waiting
        # abs(): a wall clock stepped backwards must not keep a tap alive forever.
        if w is not None and abs(now - w.at) > self.window_s:
            self.waiting = None
            return [Decision("no_sale", now, f"identification on {w.reader} expired after "
                             f"{self.window_s:g} s without a receipt", identification=w)]
        return []

    def _release_held(self, now: float) -> list[Decision]:
        out = []
        for h in list(self.held):
            age = now - h.since
            # abs(): a clock stepped far backwards releases it too.
            if abs(age) > self.resend_window_s:
                self.held.remove(h)
                out.append(self._release(h, now))
        return out

    def _take_ident(self, parsed: Any, captured: Any) -> Identification | None:
        w = self.waiting
        if w is None or parsed.kind == "void":
            return None
        end = captured.ended_at
        # A tap after the receipt finished belongs to the next customer.
        if w.at > end or end - w.at > self.window_s:
            return None
        self.waiting = None
        return w

    def _ids(self, parsed: Any, captured: Any) -> tuple[str, str, str]:
        """(day, digest, numbered id or "")."""
        day = day_of(parsed.occurred, captured.ended_at)
        digest = content_digest(parsed.kind, parsed.lines, parsed.total_pence,
                                parsed.occurred, parsed.account)
        if parsed.receipt_no:
            return day, digest, numbered_sale_id(self.till_id, day, parsed.receipt_no, digest)
        return day, digest, ""

    def _reprint(self, parsed: Any, captured: Any, clock_synced: bool,
                 offline: bool, ids: tuple[str, str, str]) -> Decision:
        day, digest, tid = ids
        if not tid:
            recent = self.journaled.unnumbered.get((day, digest))
            tid = recent[-1].txn_id if recent else unnumbered_sale_id(self.till_id, day,
                                                                      digest, 1)
        if tid in self.journaled.sales:
            return Decision("duplicate", captured.ended_at, "reprint of an earlier sale",
                            tid, self.journaled.sales[tid])
        # The original was never seen (agent down?): the reprint is the only
        # evidence of the sale, so journal it under the original's id.
        return self._sale(parsed, captured, None, clock_synced, offline, txn_id=tid,
                          extra_flags=("from_reprint",), ids=ids)

    def _resend(self, captured: Any, ids: tuple[str, str, str],
                this: ReceiptIdentity) -> Decision | None:
        day, digest, tid = ids
        if tid and tid in self.journaled.sales:
            return Decision("duplicate", captured.ended_at, "the till sent an already "
                            "journaled receipt again", tid, self.journaled.sales[tid])
        prior = self.journaled.copy_of(this, captured.started_at, self.resend_window_s)
        if prior is not None and (this.cut_off or prior[1]):
            why = ("a cut-off copy of an already journaled receipt" if this.cut_off else
                   "the full copy of a receipt journaled cut off (its re-send came late)")
            return Decision("duplicate", captured.ended_at, why, prior[0],
                            self.journaled.sales[prior[0]])
        if tid:
            return None
        recent = self.journaled.unnumbered.get((day, digest))
        # abs(): a clock stepped backwards must not turn a new sale into a re-send.
        if recent and abs(captured.started_at - recent[-1].ended_at) <= self.quick_resend_s:
            r = recent[-1]
            return Decision("duplicate", captured.ended_at, "identical receipt within "
                            f"{self.quick_resend_s:g} s: a re-send", r.txn_id, r.sale)
        return None

    def _sale(self, parsed: Any, captured: Any, ident: Identification | None,
              clock_synced: bool, offline: bool, *, txn_id: str | None = None,
              extra_flags: tuple[str, ...] = (),
              ids: tuple[str, str, str] | None = None,
              identity: ReceiptIdentity | None = None) -> Decision:
        day, digest, tid = ids or self._ids(parsed, captured)
        recent_key = None
        if txn_id:
            tid = txn_id
        elif not tid:
            recent_key = (day, digest)
            prev = self.journaled.unnumbered.get(recent_key)
            last = parse_unnumbered(prev[-1].txn_id) if prev else None
            k = (last[2] if last else 0) + 1
            tid = unnumbered_sale_id(self.till_id, day, digest, k)
        if tid in self.journaled.sales:
            # e.g. two cut-off copies of one numbered receipt, both released.
            return Decision("duplicate", captured.ended_at, "the same receipt again", tid,
                            self.journaled.sales[tid])
        sale = sale_from_receipt(tid, self.till_id, parsed, captured, ident, clock_synced,
                                 offline, extra_flags)
        self.journaled.remember(tid, sale)
        self.journaled.note(identity or identity_of(parsed, captured), tid)
        if recent_key is not None:
            self.journaled.add_unnumbered(day, digest, RecentSale(tid, sale, captured.ended_at))
        who = (f"{ident.method} identification" if ident else
               "receipt identification" if parsed.account else "nobody identified")
        return Decision("journal", captured.ended_at, f"{sale.kind} ({who})", tid, sale,
                        ident, captured)
