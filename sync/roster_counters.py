"""The roster cache's counters for a technician (``agent status``, the
doctor, the till queue page): pupils' photos kept and failed, optional fields
the hub sent malformed and the pull left out. Kept in the cache's ``meta``
table by the pull (``sync.roster_pull``, ``sync.photos``); read here without
importing the hub client, so ``agent status`` stays light."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PHOTO_DIR = "photos"  # beside the roster cache, one file per photo named by its hash
PHOTOS_FAILED = "photos_failed"  # in all, since the cache was made
PHOTOS_FAILED_LAST = "photos_failed_last_pull"  # the last photo round's, 0 when all came
FIELDS_IGNORED = "roster_fields_ignored"
FIELDS_IGNORED_LAST = "roster_fields_ignored_last_pull"  # the last applied pull's


def roster_figures(store: Any) -> dict[str, int]:
    """Photos the cached pupils refer to and how many this till keeps, photos
    failed at the last pull and in all, fields rejected at the last pull and
    in all (``store``: a ``RosterStore``)."""
    wanted = {ref.sha256 for ref in store.photo_refs()}
    folder = Path(store.path).parent / PHOTO_DIR
    kept = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    return {
        "photos_wanted": len(wanted),
        "photos_cached": len(wanted & kept),
        "photos_failed_last_pull": store.counter(PHOTOS_FAILED_LAST),
        "photos_failed_total": store.counter(PHOTOS_FAILED),
        "fields_rejected_last_pull": store.counter(FIELDS_IGNORED_LAST),
        "fields_rejected_total": store.counter(FIELDS_IGNORED),
    }


def describe(fig: dict[str, int]) -> str:
    """One line for a technician: "photos 18 of 20 kept, 2 failed at the last
    pull (5 in all); fields rejected 0 at the last pull (3 in all)"."""
    if fig["photos_wanted"]:
        photos = f"photos {fig['photos_cached']} of {fig['photos_wanted']} kept"
    else:
        photos = "no photos in the roster"
    return (f"{photos}, {fig['photos_failed_last_pull']} failed at the last pull "
            f"({fig['photos_failed_total']} in all); fields rejected "
            f"{fig['fields_rejected_last_pull']} at the last pull "
            f"({fig['fields_rejected_total']} in all)")
