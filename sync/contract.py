"""The hub contract's data (sync/protocol.md): its limits and words, and the
typed values the till holds and sends (``Pupil``, ``Transaction``, ...).
Parsing and checking them strictly is ``sync.contract_parsers`` (each
message) on ``sync.contract_checks`` (the scalar checks and ``ContractError``).

Card numbers (``card_uids``): the contract says upper-case hex without
separators; the agent also takes the forms schools' systems export (hex
with separators, the 10-digit decimal, Wiegand 26 facility,card), see
``sync.card_ids`` and the README's Privacy section.

The parsers take already-decoded JSON (``dict``/``list``/...) and return
these types, or raise ``ContractError`` naming the first problem. Nothing
else may escape them, whatever the hub sends: a hub answering nonsense must
never crash the agent nor be half-believed. Unknown fields are ignored (the
contract's forward compatibility rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# ContractError is the contract's one error: most callers import it from here.
from sync.contract_checks import ContractError, _obj

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
# another pupil than the card or finger read at the till just before;
# ``several_accounts`` *(hold26)*: the receipt printed two pupils' accounts
# (two pupils served on one slip), so it names no one account, and
# ``pupil_id`` is only who was identified at the till (or null). Not
# ``account_mismatch``: that one means a printed account that is another
# pupil's (it is ``pupil_id``, the till's pupil in ``identified_at_till``),
# and the pupil who tapped here may well be one of the two printed; the
# whole slip on them is what must not happen silently.
REVIEW_FLAGS = ("review_refund_by_account", "account_mismatch", "several_accounts")

# Pence bounds: far beyond any school account, small enough that a hub's
# nonsense (1e300, 2**80) is caught before it reaches arithmetic.
MAX_PENCE = 10**9
MAX_SEQ = 2**62

MAX_PHOTO_BYTES = 256 * 1024


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
