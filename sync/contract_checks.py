"""The scalar checks every hub contract parser is built of (``sync.contract``,
``sync.contract_parsers``, ``sync.health_contract``): a string, a whole
number in range, a list of strings, an RFC 3339 time, each taken from
already-decoded JSON or refused with ``ContractError`` naming the field.
A refusal never echoes a value that may be a card UID."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

_TXN_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ContractError(ValueError):
    """Data does not follow the hub contract; the message names the field."""


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
