"""The sale path's side of the display: turns identifications and journaled
sales into display events. Runs on the runtime's main loop (called by
``ReceiptPipeline``), after the sale is durable; any error here is logged
and counted, never raised into the sale path."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from agent.clock import rfc3339
from agent.config import PolicyConfig
from agent.console.feed import DisplayFeed
from agent.console.views import pupil_view, roster_caveat, sale_view
from agent.sale.balances import Ledger

log = logging.getLogger("agent.console")


class DisplayPublisher:
    """``identified`` and ``sold`` for ``ReceiptPipeline.display``."""

    def __init__(self, feed: DisplayFeed, ledger: Ledger, policy: PolicyConfig,
                 roster_info: Callable[[], Any]):
        self.feed = feed
        self.ledger = ledger
        self.policy = policy
        # () -> RosterInfo (till_seq_applied, pulled_at), cached by the caller.
        self.roster_info = roster_info
        self.photos: Any = None  # sync.photos.PhotoStore, set by console.start
        self.errors = 0
        # The names of the last pupils identified, for their receipt's view
        # (no second roster query on the sale path).
        self._names: OrderedDict[str, str] = OrderedDict()
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
        if refused:
            self.feed.publish("refused", {"method": method,
                                          "message": "Fingerprint not used: use card or "
                                                     "name search"})
            return
        if pupil is None:
            what = "Card not recognised" if method == "card" else "Fingerprint not recognised"
            self.feed.publish("unknown_card" if method == "card" else "no_match",
                              {"method": method, "message": f"{what}: use name search"})
            return
        self.show_pupil(pupil, method, now)

    def show_pupil(self, pupil: Any, method: str, now: float) -> int:
        """Publish ``pupil``'s view (also used by the name search)."""
        info = self.roster_info()
        view = pupil_view(pupil, self.ledger, fsm_value_pence=self.policy.fsm_value_pence,
                          default_debt_limit_pence=self.policy.default_debt_limit_pence,
                          till_seq_applied=info.till_seq_applied, day=rfc3339(now)[:10])
        view["caveat"] = roster_caveat(info.pulled_at, now, self.policy.roster_stale_after_h)
        view["photo"] = self._photo_url(pupil)
        with self._names_lock:
            self._names[pupil.id] = pupil.display_name
            while len(self._names) > 50:
                self._names.popitem(last=False)
        return self.feed.publish("identified", {"method": method, "pupil": view,
                                                "name": view["name"],
                                                "allergens": view["allergens"]},
                                 ack_for=pupil.id if pupil.allergens else None)

    def _photo_url(self, pupil: Any) -> str | None:
        """The console's URL of the pupil's photo when this till holds it
        (one stat), keyed by its hash: no pupil id in the URL."""
        ref = getattr(pupil, "photo", None)
        if ref is None or self.photos is None or not self.photos.has(ref.sha256):
            return None
        return f"/display/photo/{ref.sha256}"

    def sold(self, transaction: dict[str, Any]) -> None:
        """A sale was journaled: show it as read, with its flags."""
        try:
            if transaction.get("kind") not in ("sale", "refund", "void"):
                return
            pid = transaction.get("pupil_id")
            with self._names_lock:
                name = self._names.get(pid) if pid else None
            self.feed.publish("sale", {"sale": sale_view(transaction, name)})
        except Exception:
            self.errors += 1
            log.exception("display: a sale could not be shown")
