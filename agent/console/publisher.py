"""The sale path's side of the display: turns identifications and journaled
sales into display events. Runs on the runtime's main loop (called by
``ReceiptPipeline``), after the sale is durable; any error here is logged
and counted, never raised into the sale path."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.clock import rfc3339
from agent.config import PolicyConfig
from agent.config.currency import GBP, Currency
from agent.console.feed import DisplayFeed
from agent.console.paid_on_paper import COOK_LABEL, cook_words
from agent.console.views import pupil_view, roster_caveat, sale_view
from agent.sale.balances import Ledger

log = logging.getLogger("agent.console")


@dataclass(frozen=True)
class Shown:
    """A pupil the display showed: what their figures after a sale are
    worked from."""

    pupil: Any
    till_seq_applied: int
    view: dict[str, Any]


class DisplayPublisher:
    """``identified`` and ``sold`` for ``ReceiptPipeline.display``."""

    def __init__(self, feed: DisplayFeed, ledger: Ledger, policy: PolicyConfig,
                 roster_info: Callable[[], Any], behind_after_s: float | None = None,
                 cur: Currency = GBP):
        """``behind_after_s``: a roster older than this was not pulled when
        it should have been (``views.roster_caveat``); None: no hub.
        ``cur``: the site's currency, as the display says amounts."""
        self.feed = feed
        self.cur = cur
        self.behind_after_s = behind_after_s
        self.ledger = ledger
        self.policy = policy
        # () -> RosterInfo (till_seq_applied, pulled_at), cached by the caller.
        self.roster_info = roster_info
        self.photos: Any = None  # sync.photos.PhotoStore, set by console.start
        self.errors = 0
        # The last pupils identified, for their receipt's view (no second
        # roster query on the sale path): the pupil as the roster had them,
        # the hub's applied seq their balance goes with, and the tap's view.
        self._shown: OrderedDict[str, Shown] = OrderedDict()
        # show_pupil also runs on the console's thread (a name-search choice).
        self._names_lock = threading.Lock()

    def identified(self, method: str, pupil: Any, now: float, *, refused: bool = False) -> None:
        """Somebody at the till: ``pupil`` None for an unknown card or an
        unrecognised finger; ``refused`` for a finger without consent."""
        try:
            self._identified(method, pupil, now, refused)
        except Exception:
            self.errors += 1
            log.exception("display: an identification could not be shown")

    def _identified(self, method: str, pupil: Any, now: float, refused: bool) -> None:
        # A message stays until the next person: its time says whose it was. The
        # name search is "Find a pupil" on the screen: said as it is labelled.
        if refused:
            self.feed.publish("refused", {"method": method, "at": rfc3339(now),
                                          "message": "Fingerprint not used: use their card, "
                                                     "or Find a pupil"})
            return
        if pupil is None:
            what = "Card not recognised" if method == "card" else "Fingerprint not recognised"
            self.feed.publish("unknown_card" if method == "card" else "no_match",
                              {"method": method, "at": rfc3339(now),
                               "message": f"{what}: use Find a pupil"})
            return
        self.show_pupil(pupil, method, now)

    def show_pupil(self, pupil: Any, method: str, now: float) -> int:
        """Publish ``pupil``'s view (also used by the name search)."""
        info = self.roster_info()
        view = pupil_view(pupil, self.ledger, fsm_value_pence=self.policy.fsm_value_pence,
                          default_debt_limit_pence=self.policy.default_debt_limit_pence,
                          till_seq_applied=info.till_seq_applied, day=rfc3339(now)[:10],
                          cur=self.cur)
        view["caveat"] = roster_caveat(info.pulled_at, now, self.policy.roster_stale_after_h,
                                       self.behind_after_s)
        view["photo"] = self._photo_url(pupil)
        with self._names_lock:
            self._shown[pupil.id] = Shown(pupil, info.till_seq_applied, view)
            self._shown.move_to_end(pupil.id)
            while len(self._shown) > 50:
                self._shown.popitem(last=False)
        return self.feed.publish("identified", {"method": method, "pupil": view,
                                                "name": view["name"],
                                                "allergens": view["allergens"]},
                                 ack_for=pupil.id if pupil.allergens else None)

    def _after(self, shown: Shown, transaction: dict[str, Any]) -> dict[str, Any]:
        """The pupil's figures with this sale in them (the ledger has it: the
        sale is journaled before it is shown), worked from the same roster
        row and applied seq as the tap's, so no sale counts twice or not at
        all whatever the roster pulled since."""
        view = pupil_view(shown.pupil, self.ledger, fsm_value_pence=self.policy.fsm_value_pence,
                          default_debt_limit_pence=self.policy.default_debt_limit_pence,
                          till_seq_applied=shown.till_seq_applied,
                          day=str(transaction.get("occurred_at") or "")[:10], cur=self.cur)
        return {**view, "caveat": shown.view["caveat"], "photo": shown.view["photo"]}

    def _photo_url(self, pupil: Any) -> str | None:
        """The console's URL of the pupil's photo when this till holds it
        (one stat), keyed by its hash: no pupil id in the URL."""
        ref = getattr(pupil, "photo", None)
        if ref is None or self.photos is None or not self.photos.has(ref.sha256):
            return None
        return f"/display/photo/{ref.sha256}"

    def sold(self, transaction: dict[str, Any], *, tender_printed: bool = True) -> None:
        """A sale was journaled: show it as read, with its flags;
        ``tender_printed`` False: its receipt printed no way of paying (the
        reading's own result, from the sale path), said so, never "Cash"."""
        try:
            if transaction.get("kind") not in ("sale", "refund", "void"):
                return
            pid = transaction.get("pupil_id")
            with self._names_lock:
                shown = self._shown.get(pid) if pid else None
            view = sale_view(transaction, shown.pupil.display_name if shown else None, self.cur)
            said = "" if tender_printed else cook_words(transaction)
            if said:
                heading, total, _ = view["words"]
                view["words"] = (heading, total, COOK_LABEL)
                view["tender"] = said
            if shown is not None:
                view["pupil_after"] = self._after(shown, transaction)
            self.feed.publish("sale", {"sale": view})
        except Exception:
            self.errors += 1
            log.exception("display: a sale could not be shown")
