"""Who is at the till: the sale path's reads of the roster, and a card, a
finger or a name chosen on the display turned into an ``Identification``.

A broken roster cache never stops a sale: a failed lookup is counted
(``roster_errors``) and reads as nobody found. Privacy: card uids, match ids
and pupil ids are never logged here; an ``Identification`` carries only a
redacted tag of the token.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from agent.logs import redact
from agent.sale.correlation import Identification
from drivers.events import BiometricMatch, CardRead

# A query per sale cost ~0.2 ms on the sale path; the roster's age and
# till_seq_applied move every few minutes, so a second's staleness changes
# nothing.
ROSTER_INFO_TTL_S = 1.0

log = logging.getLogger("agent.receipts")


@dataclass(frozen=True, slots=True)
class NameChosen:
    """Staff chose a pupil found by name on the operator display: an
    identification like a card tap (``method`` "name"), put on the runtime's
    queue by the console. ``by``: who chose, as the console knows it."""

    pupil_id: str
    by: str
    at: float

    def __repr__(self) -> str:
        return f"NameChosen(<pupil>, by={self.by!r}, at={self.at!r})"


@dataclass
class NoRoster:
    """The roster's ``info()`` when there is no roster or it cannot say."""

    cursor: str | None = None
    till_seq_applied: int = 0
    pulled_at: float | None = None
    count: int = 0
    last_error: str = "no roster"


class PupilLookup:
    """The sale path's reads of ``roster`` (a ``sync.roster_store.RosterStore``,
    or None: no roster). Failures count into ``counters`` (the pipeline's)."""

    def __init__(self, roster: Any, counters: Counter[str]):
        self.roster = roster
        self.counters = counters
        self._info_cache: tuple[float, Any] | None = None

    def find(self, how: str, key: str) -> Any:
        """The pupil ``roster.<how>(key)`` names (``get``, ``by_card``,
        ``by_biometric``), or None: not found, no roster, or the roster failed."""
        if self.roster is None:
            return None
        try:
            return getattr(self.roster, how)(key)
        except Exception as exc:  # a broken cache must not stop a sale
            self.counters["roster_errors"] += 1
            log.warning("roster lookup failed: %s", type(exc).__name__)
            return None

    def info(self) -> Any:
        """The roster's ``info()`` (its age, ``till_seq_applied``), at most
        ``ROSTER_INFO_TTL_S`` old; ``NoRoster`` when it cannot say."""
        now = time.monotonic()
        cached = self._info_cache
        if cached is not None and now - cached[0] < ROSTER_INFO_TTL_S:
            return cached[1]
        info: Any = NoRoster()
        try:
            if self.roster is not None:
                info = self.roster.info()
        except Exception as exc:
            log.warning("roster info unavailable: %s", type(exc).__name__)
        self._info_cache = (now, info)
        return info

    def identify(self, event: CardRead | BiometricMatch | NameChosen) -> tuple[
            Identification, Any]:
        """``event`` resolved with the roster: the ``Identification`` for the
        correlator and the pupil it found (None: unknown). Counts
        ``name_choices`` and ``unknown_cards``."""
        if isinstance(event, NameChosen):
            self.counters["name_choices"] += 1
            pupil = self.find("get", event.pupil_id)
            return Identification(pupil.id if pupil else None, "name", "display", event.at,
                                  unknown_card=pupil is None), pupil
        if isinstance(event, CardRead):
            pupil = self.find("by_card", event.uid)
            if pupil is None:
                self.counters["unknown_cards"] += 1
            return Identification(pupil.id if pupil else None, "card", event.reader,
                                  event.at, token_ref=redact(event.uid),
                                  unknown_card=pupil is None), pupil
        pupil = self.find("by_biometric", event.match_id)
        return Identification(pupil.id if pupil else None, "biometric", event.reader,
                              event.at, token_ref=redact(event.match_id),
                              unknown_card=pupil is None,
                              biometric_consent=bool(pupil.biometric_consent)
                              if pupil else True), pupil
