"""The hub contract's data, checked strictly (sync/protocol.md).

Card numbers (``card_uids``): the contract says upper-case hex without
separators; the agent also takes the forms schools' systems export (hex
with separators, the 10-digit decimal, Wiegand 26 facility,card), see
``sync.card_ids`` and the README's Privacy section.

Pure functions: they take already-decoded JSON (``dict``/``list``/...) and
return typed values, or raise ``ContractError`` naming the first problem.
Nothing else may escape them, whatever the hub sends: a hub answering
nonsense must never crash the agent nor be half-believed. Unknown fields are
ignored (the contract's forward compatibility rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sync.card_ids import CardIdError, Reading, classify, readings

MAX_BATCH_ITEMS = 500
MAX_BATCH_BYTES = 1024 * 1024
TXN_KINDS = ("sale", "refund", "void", "manual")
IDENTIFIED_BY = ("card", "biometric", "pin", "name", "receipt", "manual")
PUSH_STATUSES = ("accepted", "duplicate", "rejected")
# Flags that hold a transaction for a person's review: the hub stores it
# (``accepted``, and it counts as settled for ``till_seq_applied``) but moves
# no balance until someone has looked at it, and the till's provisional
# balance never counts it either. ``review_refund_by_account``: a refund to an
# account identified only by what the receipt printed (anyone who can print
# could credit any account); ``account_mismatch``: the printed account names
# another pupil than the card or finger read at the till just before.
REVIEW_FLAGS = ("review_refund_by_account", "account_mismatch")

# Pence bounds: far beyond any school account, small enough that a hub's
# nonsense (1e300, 2**80) is caught before it reaches arithmetic.
MAX_PENCE = 10**9
MAX_SEQ = 2**62

_TXN_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A photo's path under the hub's base URL: plain path characters only (no
# query, no scheme or host: the till's token goes to its own hub, nowhere else).
_PHOTO_PATH = re.compile(r"/[A-Za-z0-9._~/-]{1,255}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_PHOTO_BYTES = 256 * 1024


class ContractError(ValueError):
    """Data does not follow the hub contract; the message names the field."""


@dataclass(frozen=True, slots=True)
class PhotoRef:
    """A pupil's photo at the hub *(added, optional)*: where to fetch it (a
    path under the hub's base URL), its SHA-256 (lower-case hex: the file's
    name on the till) and its size in bytes."""

    path: str
    sha256: str
    bytes: int

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "bytes": self.bytes}


@dataclass(frozen=True, slots=True)
class Pupil:
    """One pupil of the cached roster (the contract's Pupil without ``deleted``)."""

    id: str
    display_name: str
    year_group: str | None
    card_uids: tuple[str, ...]
    biometric_ids: tuple[str, ...]
    balance_pence: int
    fsm: bool
    daily_limit_pence: int | None
    debt_limit_pence: int
    allergens: tuple[str, ...]
    biometric_consent: bool
    # Added, optional (a hub may omit them; see sync/protocol.md).
    photo: PhotoRef | None = None
    spent_today_pence: int | None = None
    spent_today_date: str | None = None  # YYYY-MM-DD (UTC) the figure is for

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON form (lists for tuples; the optional fields
        only when present)."""
        d: dict[str, Any] = {
            "id": self.id, "display_name": self.display_name,
            "year_group": self.year_group, "card_uids": list(self.card_uids),
            "biometric_ids": list(self.biometric_ids), "balance_pence": self.balance_pence,
            "fsm": self.fsm, "daily_limit_pence": self.daily_limit_pence,
            "debt_limit_pence": self.debt_limit_pence, "allergens": list(self.allergens),
            "biometric_consent": self.biometric_consent}
        if self.photo is not None:
            d["photo"] = self.photo.to_json()
        if self.spent_today_pence is not None:
            d["spent_today_pence"] = self.spent_today_pence
            d["spent_today_date"] = self.spent_today_date
        return d


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of a sale: what, how many, and its amount."""

    description: str
    quantity: int
    amount_pence: int

    def to_json(self) -> dict[str, Any]:
        return {"description": self.description, "quantity": self.quantity,
                "amount_pence": self.amount_pence}

    @classmethod
    def of(cls, line: Any) -> Line:
        """From anything with ``description``, ``quantity`` and
        ``amount_pence`` (a parsed receipt's line)."""
        return cls(line.description, int(line.quantity), int(line.amount_pence))


AT_TILL_METHODS = ("card", "biometric", "pin", "name")


@dataclass(frozen=True, slots=True)
class TillIdentification:
    """Who a card, finger or name search at the till named, when the receipt
    printed another pupil's account (``account_mismatch``): the reviewer at
    the hub needs both to settle whose sale it was."""

    pupil_id: str
    identified_by: str  # AT_TILL_METHODS

    def to_json(self) -> dict[str, Any]:
        return {"pupil_id": self.pupil_id, "identified_by": self.identified_by}


@dataclass(frozen=True, slots=True)
class TenderPart:
    """One part of a split payment *(added)*: a tender (the contract's word,
    or what the receipt printed) and what it paid, in pence (negative in a
    refund, like the total)."""

    tender: str
    amount_pence: int

    def to_json(self) -> dict[str, Any]:
        return {"tender": self.tender, "amount_pence": self.amount_pence}

    @classmethod
    def of(cls, part: Any) -> TenderPart:
        """From anything with ``tender`` and ``amount_pence`` (a parsed
        receipt's part)."""
        return cls(str(part.tender), int(part.amount_pence))


SPLIT_KINDS = ("sale", "refund")  # the kinds a split payment's parts may come with


@dataclass(frozen=True, slots=True)
class Transaction:
    """The contract's Transaction as the till journals it (without ``seq``,
    which the journal assigns). Built only by ``agent.sale.transaction.transaction``, so
    every sale, register meal and replayed receipt has been through the
    policy; ``flags`` are sorted and unique."""

    id: str
    till_id: str
    kind: str  # TXN_KINDS
    occurred_at: str  # RFC 3339
    clock_synced: bool
    pupil_id: str | None
    identified_by: str | None  # IDENTIFIED_BY or None
    receipt_no: str | None
    lines: tuple[Line, ...]
    total_pence: int
    tender: str  # a contract tender word, or what the receipt printed
    offline: bool
    flags: tuple[str, ...]
    # Only with ``account_mismatch``: who was identified at the till (the
    # printed account is ``pupil_id``). Absent from the JSON otherwise, so
    # every other transaction's JSON (and hash) is as before.
    at_till: TillIdentification | None = None
    # Only on a split payment: its parts (at least two, adding up to the
    # total). Absent from the JSON otherwise, as ``at_till``.
    tenders: tuple[TenderPart, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON object (lists for tuples): its canonical JSON is
        what the journal hashes and the hub receives."""
        out = {"id": self.id, "till_id": self.till_id, "kind": self.kind,
               "occurred_at": self.occurred_at, "clock_synced": self.clock_synced,
               "pupil_id": self.pupil_id, "identified_by": self.identified_by,
               "receipt_no": self.receipt_no, "lines": [ln.to_json() for ln in self.lines],
               "total_pence": self.total_pence, "tender": self.tender,
               "offline": self.offline, "flags": list(self.flags)}
        if self.at_till is not None:
            out["identified_at_till"] = self.at_till.to_json()
        if self.tenders:
            out["tenders"] = [t.to_json() for t in self.tenders]
        return out

    def judged(self, tender: str, flags: tuple[str, ...]) -> Transaction:
        """This transaction with the policy's tender and flags (what
        ``agent.sale.policy`` returns; spelled out, as ``dataclasses.replace``
        cost ~10 us a sale)."""
        return Transaction(self.id, self.till_id, self.kind, self.occurred_at,
                           self.clock_synced, self.pupil_id, self.identified_by,
                           self.receipt_no, self.lines, self.total_pence, tender,
                           self.offline, flags, self.at_till, self.tenders)

    @classmethod
    def from_json(cls, obj: Any) -> Transaction:
        """A journaled Transaction back from its JSON (``seq`` and unknown
        fields ignored); ContractError when a field is missing."""
        o = _obj(obj, "transaction")
        try:
            at = o.get("identified_at_till")
            return cls(str(o["id"]), str(o["till_id"]), str(o["kind"]), str(o["occurred_at"]),
                       bool(o["clock_synced"]), o["pupil_id"], o["identified_by"],
                       o["receipt_no"],
                       tuple(Line(str(ln["description"]), int(ln["quantity"]),
                                  int(ln["amount_pence"])) for ln in o["lines"]),
                       int(o["total_pence"]), str(o["tender"]), bool(o["offline"]),
                       tuple(o["flags"]),
                       None if at is None else TillIdentification(str(at["pupil_id"]),
                                                                  str(at["identified_by"])),
                       tuple(TenderPart(str(t["tender"]), int(t["amount_pence"]))
                             for t in o.get("tenders") or ()))
        except (KeyError, TypeError, ValueError) as exc:
            raise ContractError(f"transaction: {exc!r} missing or malformed") from exc


@dataclass(frozen=True, slots=True)
class RosterPage:
    """One ``GET .../roster`` answer."""

    pupils: tuple[Pupil, ...]
    deleted_ids: tuple[str, ...]
    cursor: str
    more: bool
    till_seq_applied: int
    # Optional fields that were malformed and left out (the pupil is kept):
    # one message each, naming the field by position, never a value.
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Health:
    status: str
    time: float  # epoch seconds, the hub's clock


@dataclass(frozen=True, slots=True)
class PushResult:
    id: str
    status: str
    reason: str = ""


# --- scalar checks ---------------------------------------------------------


def _obj(v: Any, where: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise ContractError(f"{where}: expected an object, got {_kind(v)}")
    return v


def _kind(v: Any) -> str:
    return "null" if v is None else type(v).__name__


def _get(o: dict[str, Any], key: str, where: str) -> Any:
    if key not in o:
        raise ContractError(f"{where}.{key}: missing")
    return o[key]


def _str(v: Any, where: str, *, max_len: int = 256, allow_empty: bool = False) -> str:
    if not isinstance(v, str):
        raise ContractError(f"{where}: expected a string, got {_kind(v)}")
    if not v and not allow_empty:
        raise ContractError(f"{where}: must not be empty")
    if len(v) > max_len:
        raise ContractError(f"{where}: longer than {max_len} characters")
    if _CONTROL.search(v):
        raise ContractError(f"{where}: contains control characters")
    if _has_surrogates(v):
        raise ContractError(f"{where}: not valid Unicode text")
    return v


def _has_surrogates(v: str) -> bool:
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _opt_str(v: Any, where: str, *, max_len: int = 256) -> str | None:
    return None if v is None else _str(v, where, max_len=max_len)


def _bool(v: Any, where: str) -> bool:
    if not isinstance(v, bool):
        raise ContractError(f"{where}: expected true or false, got {_kind(v)}")
    return v


def _int(v: Any, where: str, lo: int, hi: int) -> int:
    # bool is an int in Python; JSON true is not a number.
    if isinstance(v, bool) or not isinstance(v, int):
        raise ContractError(f"{where}: expected a whole number, got {_kind(v)}")
    if not lo <= v <= hi:
        raise ContractError(f"{where}: {v} is out of range {lo}..{hi}")
    return v


def _opt_int(v: Any, where: str, lo: int, hi: int) -> int | None:
    return None if v is None else _int(v, where, lo, hi)


def _str_list(v: Any, where: str, *, max_items: int = 64, max_len: int = 64,
              pattern: re.Pattern[str] | None = None, upper: bool = False) -> tuple[str, ...]:
    if not isinstance(v, list):
        raise ContractError(f"{where}: expected a list, got {_kind(v)}")
    if len(v) > max_items:
        raise ContractError(f"{where}: more than {max_items} items")
    out = []
    for i, item in enumerate(v):
        s = _str(item, f"{where}[{i}]", max_len=max_len)
        if upper:
            s = s.upper()
        if pattern is not None and not pattern.fullmatch(s):
            # The value is not echoed: it may be a card UID (never in logs).
            raise ContractError(f"{where}[{i}]: not in the expected format")
        out.append(s)
    return tuple(out)


def parse_time(v: Any, where: str = "time") -> float:
    """An RFC 3339 time (``2026-11-28T12:01:02.123Z``) as epoch seconds."""
    s = _str(v, where, max_len=40)
    if not _TIME.fullmatch(s):
        raise ContractError(f"{where}: {s!r} is not an RFC 3339 time")
    try:
        # fromisoformat takes at most 6 fractional digits.
        head, _, frac_tz = s.partition(".")
        if frac_tz:
            m = re.fullmatch(r"(\d+)(.*)", frac_tz)
            assert m is not None
            s = f"{head}.{m.group(1)[:6].ljust(6, '0')}{m.group(2)}"
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ContractError(f"{where}: {v!r} is not a valid time ({exc})") from None
    return dt.astimezone(UTC).timestamp()


def is_txn_id(v: object) -> bool:
    """Whether ``v`` is a contract transaction id (1-64 of ``A-Za-z0-9._:-``)."""
    return isinstance(v, str) and _TXN_ID.fullmatch(v) is not None


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
