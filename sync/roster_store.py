"""The cached roster: ``roster.sqlite`` in the state directory.

What the till knows about pupils while the hub is away: cards, biometric
match ids, balances, limits, allergens, consent. The sync thread replaces it
with ``apply`` (one transaction: a pull is applied whole or not at all) while
the main loop looks pupils up; WAL and one connection per thread let a
lookup read the last committed roster while an update is being written.

Biometric templates never come here: only the match ids a scanner reports.
Card numbers never come here either: each card is kept as keyed hashes
(HMAC-SHA256 with this till's secret, ``roster.key`` beside the cache, 0600,
made on first use: ``sync.roster_key``) of its canonical match keys (``sync.card_ids``), and a
reader's id is hashed the same way to be looked up. A stolen cache names no
card that could be cloned; the key is only useful on this till. Pupils keep
only what the till uses (name, year group, balance, limits, FSM, allergens,
consent, and when the hub sends them a photo reference and today's spend);
the hub's other fields are dropped when parsed. Photos themselves live beside
the cache, named by hash (``sync.photos``).

The schema is numbered migrations run by ``sync.migrations`` (the journal's
runner too), in ``sync.roster_schema`` with the fields kept and the card
hashes. Schema 1 (raw card numbers) is migrated in place at open by the
agent's user (hashing the cards it held, then VACUUM so no raw number stays in
a free page): the till keeps its roster through an upgrade made during an
outage. Tables are made and small upserts done with sqlite-utils; the lookups
and the pull's bulk moves (``sync.roster_writes``: a pull staged page by
page, then applied whole) stay plain SQL.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sync import roster_writes as writes
from sync.card_ids import CardIdError, classify
from sync.contract import PhotoRef, Pupil
from sync.migrations import SchemaTooNew, user_version
from sync.roster_key import KEY_FILE, RosterKeyError, load_or_make_key
from sync.roster_schema import card_hash, key_id, pupil_from_json, roster_migrations
from sync.sqlite_db import NotWal, atomic, create_private, open_db

log = logging.getLogger("sync.roster")

ROSTER_FILE = "roster.sqlite"

class RosterError(Exception):
    """The roster cache cannot be opened or used; the message says what to do."""


class RosterTooLarge(RosterError):
    """An update would make the roster larger than allowed; nothing was applied."""


@dataclass(frozen=True, slots=True)
class RosterInfo:
    """What is cached: the hub's cursor, up to which seq of this till the
    balances include our sales, when it was pulled, how many pupils, and the
    last pull's error ("" once a pull succeeds again)."""

    cursor: str | None
    till_seq_applied: int
    pulled_at: float | None
    count: int
    last_error: str = ""
    last_error_at: float | None = None
    refused: int = 0  # pulls refused since the cache was created
    # Cards in the roster by form (sync.card_ids.FORMS), e.g. {"hex8": 1180}.
    card_forms: dict[str, int] = field(default_factory=dict)


class RosterStore:
    """The roster cache of one till. Thread-safe: one SQLite connection per
    thread (readers never wait for the writer in WAL); writes serialised.
    ``key_path``: the card-hashing key (default ``roster.key`` beside it)."""

    def __init__(self, path: Path | str, key_path: Path | str | None = None):
        self.path = Path(path)
        self.key_path = Path(key_path) if key_path else self.path.parent / KEY_FILE
        self._secret: bytes | None = None
        self._key_lock = threading.Lock()
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._closed = False
        self._old_schema = False
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            create_private(self.path)  # pupil names: 0600
            db = self._db()
            self._migrate(db)
            ok = db.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise sqlite3.DatabaseError(ok)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise RosterError(
                f"{self.path}: the roster cache is damaged ({exc}). Delete the file "
                "(it is only a cache) and run `agent sync --pull-only` to rebuild it."
            ) from None
        except PermissionError as exc:
            self.close()
            raise RosterError(f"{self.path}: permission denied ({exc.strerror}); the state "
                              "directory must be writable by the agent's user.") from None
        except BaseException:
            self.close()
            raise

    @classmethod
    def in_state_dir(cls, state_dir: Path | str) -> RosterStore:
        return cls(Path(state_dir) / ROSTER_FILE)

    # --- connections ---------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._closed:
            raise RosterError(f"{self.path}: the roster cache is closed")
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                # A cache: losing the last pull to a power cut costs one pull.
                db = open_db(self.path, synchronous="NORMAL")
            except NotWal as exc:
                raise RosterError(str(exc)) from None
            self._local.db = db
            with self._conns_lock:
                self._conns.append(db)
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        """Bring the file to the current schema (a new file is made here). An
        older file is migrated by the agent's own user only: another user
        (status, doctor as root) only reads ``info``, and the card key must be
        made by the agent's user."""
        migrations = roster_migrations(self._key)
        try:
            if not migrations.pending(db):
                return
            before = user_version(db)
            if before and os.geteuid() != self.path.parent.stat().st_uid:
                self._old_schema = True
                return
            migrations.migrate(db)
        except SchemaTooNew as exc:
            raise RosterError(f"{self.path}: roster cache {exc}; install the newer agent, or "
                              "delete the file (the next pull rebuilds it).") from None
        if before == 1:
            # No raw card number of schema 1 may stay in the WAL or a free page.
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Close every connection (any thread's)."""
        self._closed = True
        with self._conns_lock:
            conns, self._conns = self._conns, []
        for db in conns:
            try:
                db.close()
            except sqlite3.Error:
                pass

    def __enter__(self) -> RosterStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the card key ---------------------------------------------------------

    def _key(self) -> bytes:
        """This till's card-hashing key, made on first use (0600). A key that
        changed (file replaced or lost) makes the cached hashes useless: the
        cache is emptied and the next pull (a snapshot) rebuilds it."""
        if self._secret is not None:
            return self._secret
        with self._key_lock:  # two threads' first lookups: one makes the key
            if self._secret is None:
                self._secret = self._load_key()
            return self._secret

    def _load_key(self) -> bytes:
        if self._old_schema:
            raise RosterError(f"{self.path}: the roster cache was written by an older agent; "
                              "the agent's own user converts it at its next start (run "
                              "this command as that user)")
        try:
            secret = load_or_make_key(self.key_path)
        except RosterKeyError as exc:
            raise RosterError(str(exc)) from None
        db = self._db()
        known = dict(db.execute("SELECT key, value FROM meta WHERE key = 'key_id'").fetchall())
        if known.get("key_id") and known["key_id"] != key_id(secret):
            log.warning("the roster key %s is not the one the cache was hashed with: the "
                        "cache is emptied and the next pull rebuilds it", self.key_path)
            self._forget_all(db)
        return secret

    @contextlib.contextmanager
    def _writing(self, db: sqlite3.Connection) -> Iterator[None]:
        """One write transaction under the store's write lock: committed when
        the block ends, rolled back on any error (the cache is whole or old)."""
        with self._write_lock, atomic(db):
            yield

    def _forget_all(self, db: sqlite3.Connection) -> None:
        with self._writing(db):
            writes.forget_all(db)

    # --- writing a pull (sync.roster_writes) -----------------------------------

    def apply(self, pupils: Iterable[Pupil], deleted_ids: Iterable[str], cursor: str,
              till_seq_applied: int, pulled_at: float, snapshot: bool, *,
              max_pupils: int | None = None) -> None:
        """Apply one complete pull (staged, then applied in one transaction:
        lookups see the old roster or the new one). ``snapshot=True``
        replaces the whole roster; otherwise the pupils given replace their
        previous entries and ``deleted_ids`` are removed. A card or match id
        now given to another pupil moves to that pupil."""
        self.stage_reset()
        self.stage(pupils, deleted_ids)
        self.apply_staged(cursor, till_seq_applied, pulled_at, snapshot, max_pupils=max_pupils)

    def stage_reset(self) -> None:
        """Forget any staged pages (a new pull starts)."""
        db = self._db()
        with self._writing(db):
            writes.unstage(db)

    def stage(self, pupils: Iterable[Pupil], deleted_ids: Iterable[str]) -> int:
        """Stage one page (a pupil in a later page replaces its earlier entry);
        returns how many pupils (changed or deleted) the pull has staged so far.
        A card number in no known form is refused (``ContractError``)."""
        rows, cards = writes.page_rows(self._key(), pupils, deleted_ids)
        db = self._db()
        with self._writing(db):
            return writes.stage_page(db, rows, cards)

    def staged(self) -> Iterator[Pupil]:
        """The staged pupils (not the deleted ones), by id, without card numbers."""
        yield from writes.staged(self._db())

    def staged_deleted(self) -> list[str]:
        """The staged deletions, by id."""
        return writes.staged_deleted(self._db())

    def check_staged_cards(self) -> None:
        """A card listed for two pupils of one pull would charge the wrong
        child: ``ContractError`` (the value is never named)."""
        writes.check_staged_cards(self._db())

    def apply_staged(self, cursor: str, till_seq_applied: int, pulled_at: float,
                     snapshot: bool, max_pupils: int | None = None) -> int:
        """Apply the staged pull in one transaction, then empty the stage.
        Returns the cached count; over ``max_pupils`` the whole pull is rolled
        back (``RosterTooLarge``); a card listed for two pupils of the pull
        refuses it (``ContractError``)."""
        self.check_staged_cards()
        secret = self._key()
        db = self._db()
        with self._writing(db):
            count = writes.apply_staged(db, secret, cursor, till_seq_applied, pulled_at,
                                        snapshot)
            if max_pupils is not None and count > max_pupils:
                raise RosterTooLarge(f"the roster would hold {count:,} pupils, more than "
                                     f"sync.roster_max_pupils ({max_pupils:,})")
        return count

    def record_error(self, msg: str, at: float | None = None) -> None:
        """Remember why the last pull failed (the roster itself is unchanged)
        and count it (``RosterInfo.refused``)."""
        db = self._db()
        with self._writing(db):
            db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           [("last_error", msg[:500]),
                            ("last_error_at", "" if at is None else repr(float(at)))])
            db.execute("INSERT INTO meta (key, value) VALUES ('refused', '1') ON CONFLICT "
                       "(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    # --- reading -------------------------------------------------------------

    def _pupil_where(self, sql: str, key: str) -> Pupil | None:
        row = self._db().execute(sql, (key,)).fetchone()
        return pupil_from_json(row[0]) if row else None

    def get(self, pupil_id: str) -> Pupil | None:
        """The pupil with this hub id, or None."""
        if not isinstance(pupil_id, str):
            return None
        return self._pupil_where("SELECT data FROM pupils WHERE id = ?", pupil_id)

    def by_card(self, uid: str) -> Pupil | None:
        """The pupil holding this card, whatever form the reader and the
        roster write it in (``sync.card_ids``); None for a card in no known
        form, an unknown card, or one that two pupils' entries both match."""
        try:
            _, reads = classify(uid)
        except CardIdError:
            return None
        secret = self._key()
        db = self._db()
        found: set[str] = set()
        for r in reads:
            for level in r.levels():
                # Compared on the most bits both know: a row whose entry has
                # more bits than this level counts only if the read has no more.
                got = {row[0] for row in db.execute(
                    "SELECT pupil_id FROM cards WHERE key = ? AND (entry_bits = ? OR ? = ?)",
                    (card_hash(secret, r.key(level)), level, r.bits, level))}
                if got:
                    found |= got
                    break
        if len(found) != 1:
            return None
        return self.get(found.pop())

    def by_biometric(self, match_id: str) -> Pupil | None:
        """The pupil a scanner's match id belongs to, whatever their consent:
        the caller refuses pupils with ``biometric_consent`` false (and says so)."""
        return self._pupil_where(
            "SELECT p.data FROM biometrics b JOIN pupils p ON p.id = b.pupil_id "
            "WHERE b.match_id = ?", match_id)

    def all(self) -> list[Pupil]:
        """Every cached pupil, by id."""
        rows = self._db().execute("SELECT data FROM pupils ORDER BY id").fetchall()
        return [pupil_from_json(r[0]) for r in rows]

    def info(self) -> RosterInfo:
        meta = dict(self._db().execute("SELECT key, value FROM meta").fetchall())
        pulled = meta.get("pulled_at") or ""
        err_at = meta.get("last_error_at") or ""
        return RosterInfo(
            cursor=meta.get("cursor") or None,
            till_seq_applied=int(meta.get("till_seq_applied") or 0),
            pulled_at=float(pulled) if pulled else None,
            count=int(meta.get("count") or 0),
            last_error=meta.get("last_error") or "",
            last_error_at=float(err_at) if err_at else None,
            refused=int(meta.get("refused") or 0),
            card_forms=json.loads(meta.get("card_forms") or "{}"),
        )

    # --- photos and counters (added) ------------------------------------------

    def photo_refs(self) -> list[PhotoRef]:
        """The photo references of the cached pupils, one per hash."""
        rows = self._db().execute(
            "SELECT DISTINCT json_extract(data, '$.photo') FROM pupils "
            "WHERE json_extract(data, '$.photo') IS NOT NULL").fetchall()
        refs = {r.sha256: r for r in (PhotoRef(**json.loads(row[0])) for row in rows)}
        return [refs[k] for k in sorted(refs)]

    def bump(self, key: str, n: int = 1) -> None:
        """Add ``n`` to the counter ``key`` (kept in ``meta``)."""
        if n <= 0:
            return
        db = self._db()
        with self._writing(db):
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                       "DO UPDATE SET value = CAST(value AS INTEGER) + ?", (key, str(n), n))

    def set_counter(self, key: str, n: int) -> None:
        """Set the counter ``key`` to ``n`` (a figure of the last pull, say)."""
        db = self._db()
        with self._writing(db):
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                       "DO UPDATE SET value = excluded.value", (key, str(n)))

    def counter(self, key: str) -> int:
        """The counter ``key`` (0 when never bumped)."""
        row = self._db().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return int(row[0] or 0) if row else 0


