"""The hub contract's messages, parsed strictly (sync/protocol.md): a roster
page and its pupils, a push answer, a health answer from what the hub sends,
and the check of each transaction before it is sent. Pure functions on
already-decoded JSON returning the types of ``sync.contract``, or raising
``ContractError`` naming the first problem; nothing else escapes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sync.card_ids import CardIdError, Reading, classify, readings
from sync.contract import (
    AT_TILL_METHODS,
    IDENTIFIED_BY,
    MAX_PENCE,
    MAX_PHOTO_BYTES,
    MAX_SEQ,
    PUSH_STATUSES,
    SPLIT_KINDS,
    TXN_KINDS,
    Health,
    PhotoRef,
    Pupil,
    RosterPage,
)
from sync.contract_checks import (
    ContractError,
    _bool,
    _get,
    _int,
    _kind,
    _obj,
    _opt_int,
    _opt_str,
    _str,
    _str_list,
    is_txn_id,
    parse_time,
)

# A photo's path under the hub's base URL: plain path characters only (no
# query, no scheme or host: the till's token goes to its own hub, nowhere else).
_PHOTO_PATH = re.compile(r"/[A-Za-z0-9._~/-]{1,255}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- roster ----------------------------------------------------------------


def normalise_uid(uid: str) -> str:
    """A card UID as the contract writes it: upper-case hex, no separators
    (readers and people write ``04:a2-ff`` or ``04 A2 FF``)."""
    return re.sub(r"[\s:\-]", "", uid).upper()


def _card_list(v: Any, where: str) -> tuple[str, ...]:
    """Card numbers in any form ``sync.card_ids`` knows (10-hex, 8-hex, the
    10-digit decimal, Wiegand 26 facility,card), upper-cased and trimmed."""
    out = _str_list(v, where, upper=True)
    for i, uid in enumerate(out):
        try:
            classify(uid)
        except CardIdError:
            # The value is not echoed: it may be a card number (never in logs).
            raise ContractError(f"{where}[{i}]: not a card number in a known form") from None
    return tuple(u.strip() for u in out)


def parse_photo(v: Any, where: str = "photo") -> PhotoRef:
    """An optional Pupil ``photo`` reference -> ``PhotoRef``, or ContractError."""
    o = _obj(v, where)
    path = _str(_get(o, "path", where), f"{where}.path", max_len=256)
    if not _PHOTO_PATH.fullmatch(path) or "/../" in path + "/" or "//" in path:
        raise ContractError(f"{where}.path: not a plain path under the hub's base URL")
    sha = _str(_get(o, "sha256", where), f"{where}.sha256", max_len=64)
    if not _SHA256.fullmatch(sha):
        raise ContractError(f"{where}.sha256: not 64 lower-case hex digits")
    size = _int(_get(o, "bytes", where), f"{where}.bytes", 1, MAX_PHOTO_BYTES)
    return PhotoRef(path, sha, size)


def parse_spent_today(o: dict[str, Any], where: str) -> tuple[int, str]:
    """The optional ``spent_today_pence`` with its ``spent_today_date``."""
    pence = _int(o["spent_today_pence"], f"{where}.spent_today_pence", 0, MAX_PENCE)
    day = _str(_get(o, "spent_today_date", where), f"{where}.spent_today_date", max_len=10)
    if not _DATE.fullmatch(day):
        raise ContractError(f"{where}.spent_today_date: not a YYYY-MM-DD date")
    try:
        datetime.strptime(day, "%Y-%m-%d")
    except ValueError:
        raise ContractError(f"{where}.spent_today_date: not a calendar date") from None
    return pence, day


def _optional_fields(o: dict[str, Any], where: str, ignored: list[str] | None
                     ) -> dict[str, Any]:
    """The added optional fields of one Pupil object. A malformed one is left
    out (its message added to ``ignored``): it never costs the pupil."""
    out: dict[str, Any] = {}
    if o.get("photo") is not None:
        try:
            out["photo"] = parse_photo(o["photo"], f"{where}.photo")
        except ContractError as exc:
            if ignored is not None:
                ignored.append(str(exc))
    if o.get("spent_today_pence") is not None:
        try:
            out["spent_today_pence"], out["spent_today_date"] = parse_spent_today(o, where)
        except ContractError as exc:
            if ignored is not None:
                ignored.append(str(exc))
    return out


def parse_pupil(obj: Any, where: str = "pupil", ignored: list[str] | None = None
                ) -> tuple[Pupil | None, str]:
    """One Pupil object -> ``(Pupil, id)``, or ``(None, id)`` when it is marked
    ``deleted``. A malformed optional field (``photo``, ``spent_today_pence``)
    is left out and its message appended to ``ignored``."""
    o = _obj(obj, where)
    pid = _str(_get(o, "id", where), f"{where}.id", max_len=128)
    deleted = o.get("deleted", False)
    if _bool(deleted, f"{where}.deleted"):
        return None, pid

    def g(k: str) -> Any:
        return _get(o, k, where)

    pupil = Pupil(
        id=pid,
        display_name=_str(g("display_name"), f"{where}.display_name", max_len=200),
        year_group=_opt_str(g("year_group"), f"{where}.year_group", max_len=32),
        card_uids=_card_list(g("card_uids"), f"{where}.card_uids"),
        biometric_ids=_str_list(g("biometric_ids"), f"{where}.biometric_ids", max_len=128),
        balance_pence=_int(g("balance_pence"), f"{where}.balance_pence", -MAX_PENCE, MAX_PENCE),
        fsm=_bool(g("fsm"), f"{where}.fsm"),
        daily_limit_pence=_opt_int(g("daily_limit_pence"), f"{where}.daily_limit_pence",
                                   0, MAX_PENCE),
        debt_limit_pence=_int(g("debt_limit_pence"), f"{where}.debt_limit_pence", 0, MAX_PENCE),
        allergens=_str_list(g("allergens"), f"{where}.allergens", max_len=64),
        biometric_consent=_bool(g("biometric_consent"), f"{where}.biometric_consent"),
        **_optional_fields(o, where, ignored),
    )
    return pupil, pid


def parse_roster_page(obj: Any, max_pupils: int | None = None) -> RosterPage:
    """A roster response body (decoded JSON) -> ``RosterPage``. A pupil listed
    twice in one page is an inconsistency, not a choice to make. A page
    listing more than ``max_pupils`` is refused before any pupil is built."""
    o = _obj(obj, "roster")
    raw = _get(o, "pupils", "roster")
    if not isinstance(raw, list):
        raise ContractError(f"roster.pupils: expected a list, got {_kind(raw)}")
    if max_pupils is not None and len(raw) > max_pupils:
        raise ContractError(f"roster.pupils: more than {max_pupils:,} pupils "
                            "(sync.roster_max_pupils)")
    cursor = _str(_get(o, "cursor", "roster"), "roster.cursor", max_len=4096)
    more = _bool(_get(o, "more", "roster"), "roster.more")
    applied = _int(_get(o, "till_seq_applied", "roster"), "roster.till_seq_applied", 0, MAX_SEQ)
    pupils: list[Pupil] = []
    deleted: list[str] = []
    seen: set[str] = set()
    ignored: list[str] = []
    for i, item in enumerate(raw):
        p, pid = parse_pupil(item, f"roster.pupils[{i}]", ignored)
        if pid in seen:
            raise ContractError(f"roster.pupils[{i}].id: pupil listed twice in one page")
        seen.add(pid)
        if p is None:
            deleted.append(pid)
        else:
            pupils.append(p)
    return RosterPage(tuple(pupils), tuple(deleted), cursor, more, applied, tuple(ignored))


def check_roster_consistency(pupils: Iterable[Pupil]) -> None:
    """A card or match id that names two pupils would charge the wrong child:
    the roster that says so is inconsistent and is refused whole."""
    cards: dict[tuple[Reading, ...], str] = {}
    bios: dict[str, str] = {}
    for p in pupils:
        for uid in p.card_uids:
            # One card whatever form each entry writes it in.
            other = cards.setdefault(readings(uid), p.id)
            if other != p.id:
                raise ContractError("roster: one card is listed for two pupils")
        for mid in p.biometric_ids:
            other = bios.setdefault(mid, p.id)
            if other != p.id:
                raise ContractError("roster: one biometric match id is listed for two pupils")


# --- push ------------------------------------------------------------------


def parse_push_response(obj: Any, sent_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """A 200 push response -> ``[(id, status, reason), ...]`` for the ids the
    hub answered. Ids without a result are simply absent (send them again).
    A result for an id that was not sent, or two different answers for one
    id, make the whole response nonsense: ContractError, nothing acknowledged."""
    sent = set(sent_ids)
    o = _obj(obj, "response")
    raw = _get(o, "results", "response")
    if not isinstance(raw, list):
        raise ContractError(f"response.results: expected a list, got {_kind(raw)}")
    out: dict[str, tuple[str, str, str]] = {}
    for i, item in enumerate(raw):
        where = f"response.results[{i}]"
        r = _obj(item, where)
        rid = _get(r, "id", where)
        if not is_txn_id(rid):
            raise ContractError(f"{where}.id: not a transaction id")
        if rid not in sent:
            raise ContractError(f"{where}.id: a result for a transaction that was not sent")
        status = _get(r, "status", where)
        if status not in PUSH_STATUSES:
            raise ContractError(f"{where}.status: {_short(status)} is not one of "
                                f"{', '.join(PUSH_STATUSES)}")
        reason = r.get("reason", "")
        reason = "" if reason is None else _str(reason, f"{where}.reason", max_len=1000,
                                                 allow_empty=True)
        if status == "rejected" and not reason:
            reason = "(no reason given)"
        prev = out.get(rid)
        if prev is not None and prev[1] != status:
            raise ContractError(f"{where}.id: two different results for one transaction")
        out[rid] = (rid, status, reason)
    return list(out.values())


def _short(v: Any) -> str:
    r = repr(v)
    return r if len(r) <= 40 else r[:37] + "..."


def parse_health(obj: Any) -> Health:
    """``GET /v1/health`` body -> ``Health`` (the hub's time for clock skew)."""
    o = _obj(obj, "health")
    status = _str(_get(o, "status", "health"), "health.status", max_len=64)
    t = parse_time(_get(o, "time", "health"), "health.time")
    return Health(status, t)


# --- outgoing transactions -------------------------------------------------


def validate_transaction(txn: Any) -> None:
    """Check an outgoing Transaction body against the contract; ContractError
    names the first bad field (``invalid: <field>`` in the hub's words)."""
    w = "transaction"
    o = _obj(txn, w)
    tid = _get(o, "id", w)
    if not is_txn_id(tid):
        raise ContractError("invalid: id (1-64 characters of A-Za-z0-9._:-)")
    _str(_get(o, "till_id", w), f"{w}.till_id", max_len=64)
    _int(_get(o, "seq", w), f"{w}.seq", 1, MAX_SEQ)
    if _get(o, "kind", w) not in TXN_KINDS:
        raise ContractError(f"invalid: kind (one of {', '.join(TXN_KINDS)})")
    parse_time(_get(o, "occurred_at", w), f"{w}.occurred_at")
    _bool(_get(o, "clock_synced", w), f"{w}.clock_synced")
    _opt_str(_get(o, "pupil_id", w), f"{w}.pupil_id", max_len=128)
    by = _get(o, "identified_by", w)
    if by is not None and by not in IDENTIFIED_BY:
        raise ContractError(f"invalid: identified_by (null or one of {', '.join(IDENTIFIED_BY)})")
    _opt_str(_get(o, "receipt_no", w), f"{w}.receipt_no", max_len=64)
    lines = _get(o, "lines", w)
    if not isinstance(lines, list):
        raise ContractError(f"{w}.lines: expected a list, got {_kind(lines)}")
    for i, line in enumerate(lines):
        lw = f"{w}.lines[{i}]"
        lo = _obj(line, lw)
        if not isinstance(_get(lo, "description", lw), str):
            raise ContractError(f"{lw}.description: expected a string")
        _int(_get(lo, "quantity", lw), f"{lw}.quantity", -MAX_PENCE, MAX_PENCE)
        _int(_get(lo, "amount_pence", lw), f"{lw}.amount_pence", -MAX_PENCE, MAX_PENCE)
    _int(_get(o, "total_pence", w), f"{w}.total_pence", -MAX_PENCE, MAX_PENCE)
    _str(_get(o, "tender", w), f"{w}.tender", max_len=64, allow_empty=True)
    _bool(_get(o, "offline", w), f"{w}.offline")
    _str_list(_get(o, "flags", w), f"{w}.flags", max_items=64, max_len=64)
    if (at := o.get("identified_at_till")) is not None:
        aw = f"{w}.identified_at_till"
        ao = _obj(at, aw)
        _str(_get(ao, "pupil_id", aw), f"{aw}.pupil_id", max_len=128)
        if _get(ao, "identified_by", aw) not in AT_TILL_METHODS:
            raise ContractError(f"invalid: identified_at_till.identified_by (one of "
                                f"{', '.join(AT_TILL_METHODS)})")
    if (parts := o.get("tenders")) is not None:
        _check_parts(parts, o)


def _check_parts(parts: Any, o: dict[str, Any]) -> None:
    """A split payment's ``tenders``: at least two parts, on a sale or a
    refund, each a tender and its pence, adding up to ``total_pence``."""
    w = "transaction.tenders"
    if not isinstance(parts, list):
        raise ContractError(f"{w}: expected a list, got {_kind(parts)}")
    if not 2 <= len(parts) <= 64:
        raise ContractError(f"invalid: tenders (2 to 64 parts of a split payment, "
                            f"got {len(parts)})")
    if o.get("kind") not in SPLIT_KINDS:
        raise ContractError(f"invalid: tenders (only on a {' or '.join(SPLIT_KINDS)})")
    paid = 0
    for i, part in enumerate(parts):
        pw = f"{w}[{i}]"
        po = _obj(part, pw)
        _str(_get(po, "tender", pw), f"{pw}.tender", max_len=64)
        paid += _int(_get(po, "amount_pence", pw), f"{pw}.amount_pence", -MAX_PENCE, MAX_PENCE)
    if paid != o.get("total_pence"):
        raise ContractError("invalid: tenders (the parts do not add up to total_pence)")
