"""Pupils' photos for the operator display: fetched after a roster pull,
kept in the state directory, named by their SHA-256.

A photo is personal data. It is kept in ``photos/`` beside the roster cache
(0700), one 0600 file per image named by its hash (never by pupil id or
name), fetched through the hub client (same connection pool, same token) from
the path the roster's Photo reference gives, and deleted as soon as no cached
pupil refers to it (the pupil left the roster, or has a new photo). Nothing
here logs a path, a hash or a name: a failure is counted
(``photos_failed`` in the roster cache's counters, and the last round's
``photos_failed_last_pull``: ``agent status``, the doctor) and the photo is
asked for again at the next pull. A photo never fails the roster pull.

Checks before a photo is kept: at most ``MAX_PHOTO_BYTES`` (256 KiB, read no
further), the size the reference gave, the SHA-256 it gave, and the first
bytes of a JPEG, PNG or WebP image (the hub's ``Content-Type`` is not trusted).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.client import HubError, HubUnavailable
from sync.contract import MAX_PHOTO_BYTES, PhotoRef
from sync.roster_counters import PHOTO_DIR, PHOTOS_FAILED, PHOTOS_FAILED_LAST

log = logging.getLogger("sync.photos")

FAILED_COUNTER, LAST_FAILED_COUNTER = PHOTOS_FAILED, PHOTOS_FAILED_LAST
ROUND_BUDGET_S = 10.0
_SHA256 = re.compile(r"[0-9a-f]{64}")


class PhotoError(ValueError):
    """A fetched photo failed a check; the message says which (never a value)."""


def image_type(data: bytes) -> str | None:
    """The media type of a JPEG, PNG or WebP image by its first bytes, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_photo(ref: PhotoRef, data: bytes) -> str:
    """``data`` is the photo ``ref`` names: its media type, or PhotoError."""
    if len(data) != ref.bytes:
        raise PhotoError(f"{len(data):,} bytes, not the {ref.bytes:,} the roster gave")
    kind = image_type(data)
    if kind is None:
        raise PhotoError("not a JPEG, PNG or WebP image")
    if hashlib.sha256(data).hexdigest() != ref.sha256:
        raise PhotoError("its SHA-256 is not the roster's")
    return kind


class PhotoStore:
    """The ``photos/`` directory: one file per photo, named by its hash."""

    def __init__(self, directory: Path | str):
        self.dir = Path(directory)

    @classmethod
    def beside(cls, roster_path: Path | str) -> PhotoStore:
        """The photo store in the roster cache's directory (the state dir)."""
        return cls(Path(roster_path).parent / PHOTO_DIR)

    def _path(self, sha256: str) -> Path | None:
        # Only a well-formed hash names a file: nothing else reaches the disk.
        return self.dir / sha256 if _SHA256.fullmatch(sha256 or "") else None

    def has(self, sha256: str) -> bool:
        """Whether the photo with this hash is kept (one stat)."""
        path = self._path(sha256)
        return path is not None and path.is_file()

    def read(self, sha256: str) -> tuple[bytes, str] | None:
        """(bytes, media type) of a kept photo, or None."""
        path = self._path(sha256)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        kind = image_type(data)
        return (data, kind) if kind else None

    def put(self, sha256: str, data: bytes) -> None:
        """Keep a checked photo (written whole, then renamed into place)."""
        path = self._path(sha256)
        if path is None:
            raise PhotoError("not a photo hash")
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{sha256}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, path)

    def hashes(self) -> set[str]:
        """The hashes of the kept photos."""
        if not self.dir.is_dir():
            return set()
        return {p.name for p in self.dir.iterdir() if _SHA256.fullmatch(p.name)}

    def remove(self, sha256: str) -> None:
        path = self._path(sha256)
        if path is not None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


@dataclass
class PhotoReport:
    """What one photo round did."""

    wanted: int = 0
    fetched: int = 0
    failed: int = 0
    removed: int = 0
    deferred: int = 0  # left for the next pull (the round's time was up)


def sync_photos(client: Any, roster: Any, photos: PhotoStore,
                max_bytes: int = MAX_PHOTO_BYTES,
                budget_s: float = ROUND_BUDGET_S) -> PhotoReport:
    """After a roster pull: fetch the photos the cached pupils refer to and
    this till lacks, and delete those no pupil refers to any more. Never
    raises for a photo: failures are counted (``roster.bump``) and logged
    without the photo's path or hash; the hub unreachable stops the round
    (the rest are asked for at the next pull). The round fetches for at most
    ``budget_s``: the sync thread also pushes sales, and a school's first
    pull of a thousand photos must not hold a sale's push back; the rest
    come with the next pulls."""
    rep = PhotoReport()
    refs = roster.photo_refs()
    rep.wanted = len(refs)
    wanted = {r.sha256 for r in refs}
    first_error = ""
    until = time.monotonic() + budget_s
    for ref in refs:
        if photos.has(ref.sha256):
            continue
        if time.monotonic() >= until:
            rep.deferred += 1
            continue
        try:
            data = client.photo(ref.path, max_bytes=min(max_bytes, ref.bytes))
            check_photo(ref, data)
            photos.put(ref.sha256, data)
            rep.fetched += 1
        except (HubError, PhotoError, OSError) as exc:
            rep.failed += 1
            first_error = first_error or f"{type(exc).__name__}: {exc}"
            if isinstance(exc, HubUnavailable):
                break  # one timeout, not one per photo
    for sha in photos.hashes() - wanted:
        photos.remove(sha)
        rep.removed += 1
    roster.set_counter(LAST_FAILED_COUNTER, rep.failed)
    if rep.failed:
        roster.bump(FAILED_COUNTER, rep.failed)
        log.warning("photos: %d of %d not fetched (first: %s); asked for again at the next "
                    "roster pull", rep.failed, rep.wanted, first_error)
    if rep.fetched or rep.removed:
        log.info("photos: %d fetched, %d removed, %d left for the next pull", rep.fetched,
                 rep.removed, rep.deferred)
    return rep
