"""Pull the roster: the full snapshot first, then the changes since the
hub's cursor, following ``more`` to the last page.

Each page is read with a byte cap, checked, and staged in the roster cache's
SQLite file (``RosterStore.stage``), so a pull of any length costs about one
page of memory. At the end the whole pull is applied in one transaction: a
malformed or inconsistent page (anywhere in a cursor walk), or a pull over
its caps (``sync.roster_max_pupils``, ``sync.roster_max_mb``), rejects the
whole update, the previous roster stays as it was, and the error is recorded
and counted in the cache (``RosterInfo.last_error``/``refused``), which
``agent doctor`` shows (``queue.roster``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sync.client import MAX_ROSTER_PAGE_BYTES, HubClient, HubProtocolError, HubTooLarge
from sync.contract import ContractError
from sync.contract_parsers import check_roster_consistency
from sync.photos import PhotoStore, sync_photos
from sync.roster_counters import FIELDS_IGNORED, FIELDS_IGNORED_LAST
from sync.roster_store import RosterStore, RosterTooLarge

log = logging.getLogger("sync.roster")

MAX_PAGES = 10_000  # a hub saying "more" forever is answering nonsense
DEFAULT_MAX_PUPILS = 20_000
DEFAULT_MAX_MB = 50.0
IGNORED_COUNTER, IGNORED_LAST_COUNTER = FIELDS_IGNORED, FIELDS_IGNORED_LAST


@dataclass
class PullReport:
    snapshot: bool
    pages: int
    changed: int
    deleted: int
    count: int
    till_seq_applied: int
    bytes: int = 0
    ignored: int = 0  # malformed optional fields left out (the pupils kept)
    photos_fetched: int = 0
    photos_failed: int = 0


class RosterRejected(HubProtocolError):
    """The hub's roster update was refused whole; the previous roster is kept."""


def pull_roster(client: HubClient, store: RosterStore, now: float, *,
                force_snapshot: bool = False, max_pupils: int | None = None,
                max_mb: float | None = None) -> PullReport:
    """One complete pull applied atomically. Raises ``RosterRejected`` for a
    malformed, inconsistent or oversized update (recorded in the store) and
    the client's ``HubError`` when the hub cannot be asked. The caps default
    to the client's config (``sync.roster_max_pupils``, ``sync.roster_max_mb``)."""
    cfg = getattr(client, "cfg", None)
    if max_pupils is None:
        max_pupils = int(getattr(cfg, "roster_max_pupils", DEFAULT_MAX_PUPILS))
    if max_mb is None:
        max_mb = float(getattr(cfg, "roster_max_mb", DEFAULT_MAX_MB))
    max_bytes = int(max_mb * 1_000_000)
    cursor = None if force_snapshot else store.info().cursor
    snapshot = cursor is None
    pages = received = staged = 0
    applied = 0
    ignored: list[str] = []
    store.stage_reset()
    try:
        while True:
            left = max_bytes - received
            try:
                page = client.roster(cursor, max_bytes=min(MAX_ROSTER_PAGE_BYTES, left),
                                     max_pupils=max_pupils)
            except HubTooLarge as exc:
                pages += 1
                if left < MAX_ROSTER_PAGE_BYTES:
                    raise ContractError(f"the pull passed {max_mb:g} MB (sync.roster_max_mb) "
                                        f"after {received:,} bytes ({exc})") from None
                raise ContractError(f"one page is longer than {MAX_ROSTER_PAGE_BYTES:,} bytes "
                                    f"({exc}); ask the hub for smaller pages") from None
            pages += 1
            received += client.last_bytes
            ignored += page.ignored
            staged = store.stage(page.pupils, page.deleted_ids)
            if staged > max_pupils:
                raise ContractError(f"the pull lists more than {max_pupils:,} pupils "
                                    "(sync.roster_max_pupils)")
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
        check_roster_consistency(store.staged())  # match ids (cards: apply_staged)
        deleted = 0 if snapshot else len(store.staged_deleted())
        count = store.apply_staged(cursor, applied, now, snapshot, max_pupils=max_pupils)
    except (ContractError, HubProtocolError, RosterTooLarge) as exc:
        store.stage_reset()
        msg = (f"roster update refused ({'snapshot' if snapshot else 'changes'}, page "
               f"{pages + 1 if isinstance(exc, HubProtocolError) else pages}): {exc}; "
               "the previous roster is kept")
        store.record_error(msg, now)
        log.warning("%s", msg)
        raise RosterRejected(msg) from None
    except BaseException:
        store.stage_reset()
        raise
    log.info("roster %s applied: %d page(s), %d byte(s), %d pupil(s) changed, %d removed, "
             "%d cached", "snapshot" if snapshot else "changes", pages, received,
             staged - deleted, deleted, count)
    store.set_counter(IGNORED_LAST_COUNTER, len(ignored))
    if ignored:
        store.bump(IGNORED_COUNTER, len(ignored))
        log.warning("roster: %d optional field(s) malformed and left out, the pupils kept "
                    "(first: %s)", len(ignored), ignored[0])
    photos = _photos(client, store)
    return PullReport(snapshot, pages, staged - deleted, deleted, count, applied, received,
                      len(ignored), photos[0], photos[1])


def _photos(client: HubClient, store: RosterStore) -> tuple[int, int]:
    """Fetch and sweep the pupils' photos (``sync.photos``): (fetched,
    failed). Whatever goes wrong, the pull that was applied stands."""
    try:
        rep = sync_photos(client, store, PhotoStore.beside(store.path))
    except Exception as exc:  # a disk error, say: the roster is applied all the same
        log.warning("photos: not updated this pull (%s)", type(exc).__name__)
        return 0, 0
    return rep.fetched, rep.failed
