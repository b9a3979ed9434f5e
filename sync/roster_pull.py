"""Pull the roster: the full snapshot first, then the changes since the
hub's cursor, following ``more`` to the last page.

Every page of one pull is collected and checked before anything is stored,
then the whole pull is applied in one transaction: a malformed or
inconsistent page (anywhere in a cursor walk) rejects the whole update, the
previous roster stays as it was, and the error is recorded where
``agent status`` and ``agent doctor`` show it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sync.client import HubClient, HubProtocolError
from sync.contract import ContractError, Pupil, check_roster_consistency
from sync.roster_store import RosterStore

log = logging.getLogger("sync.roster")

MAX_PAGES = 10_000  # a hub saying "more" forever is answering nonsense


@dataclass
class PullReport:
    snapshot: bool
    pages: int
    changed: int
    deleted: int
    count: int
    till_seq_applied: int


class RosterRejected(HubProtocolError):
    """The hub's roster update was refused whole; the previous roster is kept."""


def pull_roster(client: HubClient, store: RosterStore, now: float, *,
                force_snapshot: bool = False) -> PullReport:
    """One complete pull applied atomically. Raises ``RosterRejected`` for a
    malformed or inconsistent update (recorded in the store) and the
    client's ``HubError`` when the hub cannot be asked."""
    cursor = None if force_snapshot else store.info().cursor
    snapshot = cursor is None
    merged: dict[str, Pupil] = {}
    deleted: set[str] = set()
    pages = 0
    applied = 0
    try:
        while True:
            page = client.roster(cursor)
            pages += 1
            for p in page.pupils:
                merged[p.id] = p
                deleted.discard(p.id)
            for pid in page.deleted_ids:
                merged.pop(pid, None)
                deleted.add(pid)
            applied = page.till_seq_applied
            if not page.more:
                cursor = page.cursor
                break
            if page.cursor == cursor:
                raise ContractError(f"page {pages} says more but its cursor did not advance")
            if pages >= MAX_PAGES:
                raise ContractError(f"more than {MAX_PAGES} pages in one pull")
            cursor = page.cursor
        # A card or finger naming two pupils would charge the wrong child.
        check_roster_consistency(merged.values())
    except (ContractError, HubProtocolError) as exc:
        msg = (f"roster update refused ({'snapshot' if snapshot else 'changes'}, page "
               f"{pages + 1 if isinstance(exc, HubProtocolError) else pages}): {exc}; "
               "the previous roster is kept")
        store.record_error(msg, now)
        log.warning("%s", msg)
        raise RosterRejected(msg) from None
    store.apply(merged.values(), [] if snapshot else sorted(deleted), cursor, applied, now,
                snapshot)
    info = store.info()
    log.info("roster %s applied: %d page(s), %d pupil(s) changed, %d removed, %d cached",
             "snapshot" if snapshot else "changes", pages, len(merged), len(deleted),
             info.count)
    return PullReport(snapshot, pages, len(merged), len(deleted), info.count, applied)
