"""The cached roster: ``roster.sqlite`` in the state directory.

What the till knows about pupils while the hub is away: cards, biometric
match ids, balances, limits, allergens, consent. The sync thread replaces it
with ``apply`` (one transaction: a pull is applied whole or not at all) while
the main loop looks pupils up; WAL and one connection per thread let a
lookup read the last committed roster while an update is being written.

Biometric templates never come here: only the match ids a scanner reports.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sync.contract import Pupil, normalise_uid

ROSTER_FILE = "roster.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS pupils (id TEXT PRIMARY KEY, data TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cards (uid TEXT PRIMARY KEY, pupil_id TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS biometrics (match_id TEXT PRIMARY KEY, pupil_id TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS cards_pupil ON cards (pupil_id)",
    "CREATE INDEX IF NOT EXISTS biometrics_pupil ON biometrics (pupil_id)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    # The pages of the pull in progress (data NULL: deleted), so a pull of any
    # size costs one page of memory; applied whole by ``apply_staged``.
    "CREATE TABLE IF NOT EXISTS staged (id TEXT PRIMARY KEY, data TEXT)",
)


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


def _pupil_from_json(text: str) -> Pupil:
    d = json.loads(text)
    return Pupil(id=d["id"], display_name=d["display_name"], year_group=d["year_group"],
                 card_uids=tuple(d["card_uids"]), biometric_ids=tuple(d["biometric_ids"]),
                 balance_pence=d["balance_pence"], fsm=d["fsm"],
                 daily_limit_pence=d["daily_limit_pence"],
                 debt_limit_pence=d["debt_limit_pence"], allergens=tuple(d["allergens"]),
                 biometric_consent=d["biometric_consent"])


class RosterStore:
    """The roster cache of one till. Thread-safe: one SQLite connection per
    thread (readers never wait for the writer in WAL); writes serialised."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)  # pupil names: 0600
            os.close(fd)
            db = self._db()
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RosterError(
                    f"{self.path}: roster cache schema {version} is newer than this agent "
                    f"knows ({SCHEMA_VERSION}); install the newer agent, or delete the file "
                    "(the next pull rebuilds it).")
            if version < SCHEMA_VERSION:
                self._create(db)
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

    @classmethod
    def in_state_dir(cls, state_dir: Path | str) -> RosterStore:
        return cls(Path(state_dir) / ROSTER_FILE)

    # --- connections ---------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._closed:
            raise RosterError(f"{self.path}: the roster cache is closed")
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                 timeout=10)
            try:
                db.execute("PRAGMA busy_timeout = 10000")
                mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode.lower() != "wal":
                    raise RosterError(f"{self.path}: could not switch to WAL (got {mode})")
                # A cache: losing the last pull to a power cut costs one pull.
                db.execute("PRAGMA synchronous = NORMAL")
            except BaseException:
                db.close()
                raise
            self._local.db = db
            with self._conns_lock:
                self._conns.append(db)
        return db

    def _create(self, db: sqlite3.Connection) -> None:
        with self._write_lock:
            db.execute("BEGIN IMMEDIATE")
            try:
                for stmt in _SCHEMA:
                    db.execute(stmt)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

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

    # --- writing -------------------------------------------------------------

    def apply(self, pupils: Iterable[Pupil], deleted_ids: Iterable[str], cursor: str,
              till_seq_applied: int, pulled_at: float, snapshot: bool, *,
              max_pupils: int | None = None) -> None:
        """Apply one complete pull in one transaction. ``snapshot=True``
        replaces the whole roster; otherwise the pupils given replace their
        previous entries and ``deleted_ids`` are removed. A card or match id
        now given to another pupil moves to that pupil."""
        db = self._db()
        with self._write_lock:
            db.execute("BEGIN IMMEDIATE")
            try:
                if snapshot:
                    for table in ("pupils", "cards", "biometrics"):
                        db.execute(f"DELETE FROM {table}")
                for pid in deleted_ids:
                    self._remove(db, pid)
                for p in pupils:
                    self._remove(db, p.id)
                    db.execute("INSERT INTO pupils (id, data) VALUES (?, ?)",
                               (p.id, json.dumps(p.to_json(), sort_keys=True)))
                    db.executemany("INSERT OR REPLACE INTO cards (uid, pupil_id) VALUES (?, ?)",
                                   [(normalise_uid(u), p.id) for u in p.card_uids])
                    db.executemany(
                        "INSERT OR REPLACE INTO biometrics (match_id, pupil_id) VALUES (?, ?)",
                        [(m, p.id) for m in p.biometric_ids])
                count = db.execute("SELECT COUNT(*) FROM pupils").fetchone()[0]
                if max_pupils is not None and count > max_pupils:
                    raise RosterTooLarge(f"the roster would hold {count:,} pupils, more than "
                                         f"sync.roster_max_pupils ({max_pupils:,})")
                meta = {"cursor": cursor, "till_seq_applied": str(int(till_seq_applied)),
                        "pulled_at": repr(float(pulled_at)), "count": str(count),
                        "last_error": "", "last_error_at": ""}
                db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                               list(meta.items()))
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def stage_reset(self) -> None:
        """Forget any staged pages (a new pull starts)."""
        db = self._db()
        with self._write_lock:
            db.execute("DELETE FROM staged")

    def stage(self, pupils: Iterable[Pupil], deleted_ids: Iterable[str]) -> int:
        """Stage one page (later pages override earlier ones); returns how many
        pupils (changed or deleted) the pull has staged so far."""
        db = self._db()
        rows = [(p.id, json.dumps(p.to_json(), sort_keys=True)) for p in pupils]
        rows += [(pid, None) for pid in deleted_ids]
        with self._write_lock:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany("INSERT OR REPLACE INTO staged (id, data) VALUES (?, ?)", rows)
                n = db.execute("SELECT COUNT(*) FROM staged").fetchone()[0]
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        return n

    def staged(self) -> Iterator[Pupil]:
        """The staged pupils (not the deleted ones), by id."""
        # A generator: the query starts when the caller iterates (inside its
        # transaction), and rows are read one at a time.
        db = self._db()
        for (data,) in db.execute("SELECT data FROM staged WHERE data IS NOT NULL ORDER BY id"):
            yield _pupil_from_json(data)

    def staged_deleted(self) -> list[str]:
        """The staged deletions, by id."""
        return [r[0] for r in self._db().execute(
            "SELECT id FROM staged WHERE data IS NULL ORDER BY id")]

    def apply_staged(self, cursor: str, till_seq_applied: int, pulled_at: float,
                     snapshot: bool, max_pupils: int | None = None) -> int:
        """``apply`` the staged pull, then empty the stage. Returns the cached
        count; over ``max_pupils`` the whole pull is rolled back
        (``RosterTooLarge``)."""
        deleted = [] if snapshot else self.staged_deleted()
        self.apply(self.staged(), deleted, cursor, till_seq_applied, pulled_at, snapshot,
                   max_pupils=max_pupils)
        self.stage_reset()
        return self.info().count

    @staticmethod
    def _remove(db: sqlite3.Connection, pid: str) -> None:
        db.execute("DELETE FROM pupils WHERE id = ?", (pid,))
        db.execute("DELETE FROM cards WHERE pupil_id = ?", (pid,))
        db.execute("DELETE FROM biometrics WHERE pupil_id = ?", (pid,))

    def record_error(self, msg: str, at: float | None = None) -> None:
        """Remember why the last pull failed (the roster itself is unchanged)
        and count it (``RosterInfo.refused``)."""
        db = self._db()
        with self._write_lock:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                               [("last_error", msg[:500]),
                                ("last_error_at", "" if at is None else repr(float(at)))])
                db.execute("INSERT INTO meta (key, value) VALUES ('refused', '1') ON CONFLICT "
                           "(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    # --- reading -------------------------------------------------------------

    def _pupil_where(self, sql: str, key: str) -> Pupil | None:
        row = self._db().execute(sql, (key,)).fetchone()
        return _pupil_from_json(row[0]) if row else None

    def get(self, pupil_id: str) -> Pupil | None:
        """The pupil with this hub id, or None."""
        if not isinstance(pupil_id, str):
            return None
        return self._pupil_where("SELECT data FROM pupils WHERE id = ?", pupil_id)

    def by_card(self, uid: str) -> Pupil | None:
        """The pupil holding this card (any case, with or without separators)."""
        return self._pupil_where(
            "SELECT p.data FROM cards c JOIN pupils p ON p.id = c.pupil_id WHERE c.uid = ?",
            normalise_uid(uid))

    def by_biometric(self, match_id: str) -> Pupil | None:
        """The pupil a scanner's match id belongs to, whatever their consent:
        the caller refuses pupils with ``biometric_consent`` false (and says so)."""
        return self._pupil_where(
            "SELECT p.data FROM biometrics b JOIN pupils p ON p.id = b.pupil_id "
            "WHERE b.match_id = ?", match_id)

    def all(self) -> list[Pupil]:
        """Every cached pupil, by id."""
        rows = self._db().execute("SELECT data FROM pupils ORDER BY id").fetchall()
        return [_pupil_from_json(r[0]) for r in rows]

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
        )
