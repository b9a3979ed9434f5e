"""What a pull writes to the roster cache (``sync.roster_store``): its pages
staged (``staged``, ``staged_cards``), then applied to the roster in one
transaction, and the cache emptied when its card key changed.

Each function takes the store's connection; the store holds its write lock
and the transaction around each call (``RosterStore._writing``), so a pull is
applied whole or not at all. Cards are only ever keyed hashes
(``sync.roster_schema.card_rows``).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator

from sync.contract import ContractError, Pupil
from sync.migrations import database
from sync.roster_schema import card_rows, key_id, pupil_from_json, pupil_json

CACHE_TABLES = ("pupils", "cards", "biometrics", "staged", "staged_cards")
PULL_META = ("cursor", "pulled_at", "count", "key_id", "card_forms", "till_seq_applied")


def page_rows(secret: bytes, pupils: Iterable[Pupil], deleted_ids: Iterable[str]) -> tuple[
        list[dict[str, str | None]], list[tuple]]:
    """One page as staged rows (a pupil's data with its match ids; None for
    a deletion) and card rows. A card number in no known form is refused
    (``ContractError``)."""
    pupils = list(pupils)
    # Staged with its match ids (moved to ``biometrics`` at apply).
    rows: list[dict[str, str | None]] = [
        {"id": p.id, "data": pupil_json(p, biometric_ids=list(p.biometric_ids))}
        for p in pupils]
    rows += [{"id": pid, "data": None} for pid in deleted_ids]
    cards = []
    for p in pupils:
        got, bad = card_rows(secret, p.id, p.card_uids)
        if bad:
            raise ContractError(f"pupil {p.id}: a card number is in no known form")
        cards += got
    return rows, cards


def stage_page(db: sqlite3.Connection, rows: list[dict[str, str | None]],
               cards: list[tuple]) -> int:
    """Stage ``page_rows`` (a pupil in a later page replaces its earlier
    entry); how many pupils (changed or deleted) the pull has staged so far."""
    db.executemany("DELETE FROM staged_cards WHERE pupil_id = ?", [(r["id"],) for r in rows])
    database(db)["staged"].upsert_all(rows, pk="id")
    db.executemany("INSERT INTO staged_cards VALUES (?, ?, ?, ?, ?)", cards)
    return db.execute("SELECT COUNT(*) FROM staged").fetchone()[0]


def unstage(db: sqlite3.Connection) -> None:
    """Forget the staged pages."""
    db.execute("DELETE FROM staged")
    db.execute("DELETE FROM staged_cards")


def staged(db: sqlite3.Connection) -> Iterator[Pupil]:
    """The staged pupils (not the deleted ones), by id, without card numbers."""
    # A generator: the query starts when the caller iterates (inside its
    # transaction), and rows are read one at a time.
    for (data,) in db.execute("SELECT data FROM staged WHERE data IS NOT NULL ORDER BY id"):
        p = pupil_from_json(data)
        yield dataclasses.replace(p, biometric_ids=tuple(json.loads(data)["biometric_ids"]))


def staged_deleted(db: sqlite3.Connection) -> list[str]:
    """The staged deletions, by id."""
    return [r[0] for r in db.execute("SELECT id FROM staged WHERE data IS NULL ORDER BY id")]


def check_staged_cards(db: sqlite3.Connection) -> None:
    """A card listed for two pupils of one pull would charge the wrong
    child: ``ContractError`` (the value is never named)."""
    row = db.execute(
        "SELECT card FROM staged_cards WHERE form IS NOT NULL GROUP BY card "
        "HAVING COUNT(DISTINCT pupil_id) > 1 LIMIT 1").fetchone()
    if row is not None:
        raise ContractError("roster: one card is listed for two pupils")


def apply_staged(db: sqlite3.Connection, secret: bytes, cursor: str, till_seq_applied: int,
                 pulled_at: float, snapshot: bool) -> int:
    """Apply the staged pull to the roster, note it in ``meta`` and empty
    the stage; the roster's count after it. ``snapshot`` replaces the whole
    roster; otherwise the staged pupils replace their entries and the staged
    deletions are removed. A card or match id now given to another pupil
    moves to that pupil."""
    if snapshot:
        for table in ("pupils", "cards", "biometrics"):
            db.execute(f"DELETE FROM {table}")
    else:
        for (pid,) in db.execute("SELECT id FROM staged WHERE data IS NULL").fetchall():
            _remove(db, pid)
    for (data,) in db.execute("SELECT data FROM staged WHERE data IS NOT NULL").fetchall():
        d = json.loads(data)
        bios = d.pop("biometric_ids")
        _remove(db, d["id"])
        db.execute("INSERT INTO pupils (id, data) VALUES (?, ?)",
                   (d["id"], json.dumps(d, sort_keys=True)))
        db.executemany("INSERT OR REPLACE INTO biometrics (match_id, pupil_id) "
                       "VALUES (?, ?)", [(m, d["id"]) for m in bios])
    # A card now listed for another pupil moves to that pupil.
    db.execute("DELETE FROM cards WHERE card IN (SELECT card FROM staged_cards)")
    db.execute("INSERT INTO cards SELECT * FROM staged_cards")
    count = db.execute("SELECT COUNT(*) FROM pupils").fetchone()[0]
    _set_meta(db, {
        "cursor": cursor, "till_seq_applied": str(int(till_seq_applied)),
        "pulled_at": repr(float(pulled_at)), "count": str(count),
        "last_error": "", "last_error_at": "", "key_id": key_id(secret),
        "card_forms": _forms(db)})
    unstage(db)
    return count


def forget_all(db: sqlite3.Connection) -> None:
    """Empty the cache and what it says of the last pull (the next pull, a
    snapshot, rebuilds it)."""
    for table in CACHE_TABLES:
        db.execute(f"DELETE FROM {table}")
    db.execute(f"DELETE FROM meta WHERE key IN ({', '.join('?' * len(PULL_META))})",
               PULL_META)


def _set_meta(db: sqlite3.Connection, meta: dict[str, str]) -> None:
    """Upsert ``meta``'s keys."""
    database(db)["meta"].upsert_all([{"key": k, "value": v} for k, v in meta.items()], pk="key")


def _forms(db: sqlite3.Connection) -> str:
    rows = db.execute("SELECT form, COUNT(*) FROM cards WHERE form IS NOT NULL "
                      "GROUP BY form ORDER BY form").fetchall()
    return json.dumps(dict(rows))


def _remove(db: sqlite3.Connection, pid: str) -> None:
    db.execute("DELETE FROM pupils WHERE id = ?", (pid,))
    db.execute("DELETE FROM cards WHERE pupil_id = ?", (pid,))
    db.execute("DELETE FROM biometrics WHERE pupil_id = ?", (pid,))
