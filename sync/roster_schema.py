"""How the roster cache (``sync.roster_store``) holds pupils: its tables as
numbered migrations (``sync.migrations``), the fields a cached pupil keeps,
and the keyed hashes its cards are kept as (HMAC-SHA256 with this till's
secret of each card's canonical match keys, ``sync.card_ids``): no raw card
number is ever a row.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable, Iterable

from sqlite_utils import Database

from sync.card_ids import CardIdError, classify
from sync.contract import PhotoRef, Pupil
from sync.migrations import MigrationSet, Step

log = logging.getLogger("sync.roster")

# cards: one row per match key of each reading of each card (sync.card_ids):
# ``key`` = HMAC(key, "<level>:<hex>"), ``entry_bits`` = how many bits the
# roster's reading gives, ``card`` = HMAC of the whole entry (its identity:
# a card given to another pupil moves), ``form`` set on one row per entry.
_CARDS = {"key": str, "entry_bits": int, "card": str, "pupil_id": str, "form": str}
_CARDS_NOT_NULL = {"key", "entry_bits", "card", "pupil_id"}


def _schema_1(db: Database) -> None:
    """Schema 1, as the first roster cache made it: raw card numbers."""
    db["pupils"].create({"id": str, "data": str}, pk="id", not_null={"data"})
    db["cards"].create({"uid": str, "pupil_id": str}, pk="uid", not_null={"pupil_id"})
    db["biometrics"].create({"match_id": str, "pupil_id": str}, pk="match_id",
                            not_null={"pupil_id"})
    db["cards"].create_index(["pupil_id"], index_name="cards_pupil")
    db["biometrics"].create_index(["pupil_id"], index_name="biometrics_pupil")
    db["meta"].create({"key": str, "value": str}, pk="key")


def _schema_2(db: Database, key: Callable[[], bytes]) -> None:
    """Schema 2: cards kept as keyed hashes (the raw numbers of schema 1 are
    hashed and dropped), pupils keep only the kept fields, and the tables of
    a pull in progress. ``key``: the card key, asked for only if there are
    pupils to convert (a new cache makes no key until it is used)."""
    rows = [r[0] for r in db.execute("SELECT data FROM pupils").fetchall()]
    db["cards"].drop()  # and its index
    for table in ("cards", "staged_cards"):
        db[table].create(_CARDS, not_null=_CARDS_NOT_NULL)
    db["cards"].create_index(["key"], index_name="cards_key")
    db["cards"].create_index(["card"], index_name="cards_card")
    db["cards"].create_index(["pupil_id"], index_name="cards_pupil")
    # The pages of the pull in progress (data NULL: deleted), so a pull of any
    # size costs one page of memory; applied whole by ``apply_staged``. Cards
    # are staged hashed, like the cache keeps them.
    db["staged"].create({"id": str, "data": str}, pk="id")
    db["staged_cards"].create_index(["pupil_id"], index_name="staged_cards_pupil")
    if not rows:
        return
    secret = key()
    skipped = 0
    for data in rows:
        d = json.loads(data)
        cards, bad = card_rows(secret, d["id"], d.get("card_uids") or ())
        skipped += bad
        db.conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?)", cards)
        db["pupils"].update(d["id"], {"data": json.dumps({k: d[k] for k in _KEPT},
                                                         sort_keys=True)})
    forms = db.execute("SELECT form, COUNT(*) FROM cards WHERE form IS NOT NULL "
                       "GROUP BY form ORDER BY form").fetchall()
    db["meta"].upsert_all([{"key": "key_id", "value": key_id(secret)},
                           {"key": "card_forms", "value": json.dumps(dict(forms))}], pk="key")
    log.info("roster cache migrated to schema 2: cards kept as keyed hashes (%d pupil(s), "
             "%d card number(s) not understood and dropped)", len(rows), skipped)


def roster_migrations(key: Callable[[], bytes]) -> MigrationSet:
    """The roster cache's schema steps; ``key`` gives this till's card key."""
    return MigrationSet("roster", [
        Step(1, "cards_by_number", _schema_1),
        Step(2, "cards_as_keyed_hashes", lambda db: _schema_2(db, key)),
    ])


SCHEMA_VERSION = roster_migrations(bytes).version

# What a cached pupil keeps: the contract's Pupil without its card numbers
# (hashed in ``cards``) and match ids (in ``biometrics``).
_KEPT = ("id", "display_name", "year_group", "balance_pence", "fsm", "daily_limit_pence",
         "debt_limit_pence", "allergens", "biometric_consent")
# The contract's optional fields (added): kept when the hub sends them.
_KEPT_OPTIONAL = ("photo", "spent_today_pence", "spent_today_date")


def pupil_json(p: Pupil, **extra: object) -> str:
    d = p.to_json()
    kept = {k: d[k] for k in _KEPT} | {k: d[k] for k in _KEPT_OPTIONAL if k in d}
    return json.dumps({**kept, **extra}, sort_keys=True)


def pupil_from_json(text: str) -> Pupil:
    d = json.loads(text)
    # card_uids/biometric_ids: empty from the cache (schema 1 kept them).
    return Pupil(id=d["id"], display_name=d["display_name"], year_group=d["year_group"],
                 card_uids=(), biometric_ids=(),
                 balance_pence=d["balance_pence"], fsm=d["fsm"],
                 daily_limit_pence=d["daily_limit_pence"],
                 debt_limit_pence=d["debt_limit_pence"], allergens=tuple(d["allergens"]),
                 biometric_consent=d["biometric_consent"],
                 photo=PhotoRef(**d["photo"]) if d.get("photo") else None,
                 spent_today_pence=d.get("spent_today_pence"),
                 spent_today_date=d.get("spent_today_date"))


def card_hash(secret: bytes, text: str) -> str:
    return hmac.digest(secret, text.encode("ascii"), "sha256").hex()


def key_id(secret: bytes) -> str:
    """Names the key without revealing it (a replaced key is noticed)."""
    return card_hash(secret, "roster-key-id")[:16]


def card_rows(secret: bytes, pupil_id: str, uids: Iterable[str]
               ) -> tuple[list[tuple[str, int, str, str, str | None]], int]:
    """The ``cards`` rows of one pupil's card numbers, and how many numbers
    were in no known form."""
    rows: list[tuple[str, int, str, str, str | None]] = []
    bad = 0
    for uid in uids:
        try:
            form, reads = classify(uid)
        except CardIdError:
            bad += 1
            continue
        card = card_hash(secret, "card:" + ";".join(r.key(r.bits) for r in reads))
        first = True
        for r in reads:
            for level in r.levels():
                rows.append((card_hash(secret, r.key(level)), r.bits, card, pupil_id,
                             form if first else None))
                first = False
    return rows, bad
