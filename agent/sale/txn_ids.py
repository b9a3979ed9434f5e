"""Deterministic transaction ids: the same sale always gets the same id.

The id is fixed before anything leaves the till, and the hub treats a second
transaction with the same id as a duplicate (sync/protocol.md), so the id is
what makes "nothing duplicated" hold when a till re-sends or reprints.

Every id is at most 64 characters of ``A-Za-z0-9._:-`` (the contract).

Receipts with a number
    ``<till>:<yyyymmdd>:<receipt_no>:<digest>``. The date is the date printed
    on the receipt, else the capture's UTC date, so a till whose numbering
    restarts every morning does not collide across days. The digest covers the
    kind, lines, total, printed time and account, so a re-sent receipt or a
    reprint (same content; the REPRINT banner is not content) maps to the same
    id, while a refund printed under the sale's number does not.

Receipts without a number (``unnumbered_sale_id``)
    Bytes and content cannot tell two cash customers buying the same pasta
    bake in the same minute from a till re-sending one receipt. What can is
    the *ordinal*: the id is ``<till>:<yyyymmdd>:n<digest>:<k>``, the k-th
    distinct sale of that content on that day. The correlator decides whether
    an identical receipt is a re-send (same k) or a new sale (k+1):

    * a re-send: the previous identical receipt was cut off (its capture ended
      by ``job_end``/``idle``/``flush``, not by a cut: the till never finished
      it, so it will send it again) and the new one starts within
      ``resend_window_s`` (``policy.resend_window_s``, default 15 s) of it
      ending; or the previous one completed and the new one starts within
      ``quick_resend_s`` (default 3 s) of it ending, quicker than any
      operator can serve a next customer; and no identification arrived in
      between (a tap means a new customer stepped up);
    * otherwise a new sale.

    Limits: a till that re-sends a completed receipt more than
    ``quick_resend_s`` later is counted twice (the correlator's own figure,
    not a site setting: such a till is a supplier's bug to report); two
    identical cash sales cut off and re-rung within the window are
    counted once. After a restart the correlator relearns today's ordinals
    from the journal (``Correlator.prime``), so k keeps counting.

Manual register rows: ``<till>:<yyyymmdd>:m:<pupil_id>`` (``manual_id``):
one meal per pupil per day per till, so importing a register twice adds
nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

ID_RE = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_BAD = re.compile(r"[^A-Za-z0-9._-]")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UNNUMBERED = re.compile(r"[^:]+:([0-9]{8}):n([0-9a-f]{10}):([0-9]+)")
MAX_LEN = 64


def _h(text: str, n: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def _safe(part: str, limit: int) -> str:
    """``part`` in the id alphabet (":" is the separator, so not inside a part);
    shortened with a hash of the original when too long or altered."""
    # Fast path: dates and receipt numbers are plain letters and digits,
    # which need neither the substitution nor a hash.
    if type(part) is str and part.isascii() and part.isalnum() and len(part) <= limit:
        return part
    clean = _BAD.sub("_", part)
    if clean and len(clean) <= limit and clean == part:
        return clean
    # Altered or long: keep a readable prefix, and a hash of the original so
    # "A/1" and "A_1" (or two long numbers sharing a prefix) still differ.
    return f"{clean[: max(1, limit - 7)]}.{_h(part, 6)}"


def day_of(printed: str | None, captured_at: float) -> str:
    """``yyyymmdd``: the printed date when the receipt shows an ISO date, else
    the capture's UTC date."""
    if printed and _ISO_DATE.match(printed):
        return printed[:4] + printed[5:7] + printed[8:10]
    return datetime.fromtimestamp(captured_at, tz=UTC).strftime("%Y%m%d")


# One encoder, made once (json.dumps with options builds one per call).
_DIGEST_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def content_digest(kind: str, lines: Iterable[Mapping[str, Any] | Any],
                   total_pence: int | None, occurred: str | None, account: str | None,
                   n: int = 10) -> str:
    """A short hash of what a receipt says (not how it was printed)."""
    norm = []
    for ln in lines:
        if isinstance(ln, Mapping):
            norm.append([ln["description"], ln["quantity"], ln["amount_pence"]])
        else:
            norm.append([ln.description, ln.quantity, ln.amount_pence])
    body = _DIGEST_JSON.encode([kind, norm, total_pence, occurred, account])
    return _h(body, n)


@functools.lru_cache(maxsize=64)
def _till(till_id: str) -> str:
    # Cached: a till's id is the same on every sale, and "till-1" (a dash)
    # misses _safe's fast path.
    return _safe(till_id, 24)


def _finish(txn_id: str) -> str:
    assert ID_RE.fullmatch(txn_id), txn_id  # construction guarantees it
    return txn_id


def numbered_sale_id(till_id: str, day: str, receipt_no: str, digest: str) -> str:
    """The id of a receipt that prints a receipt number."""
    return _finish(f"{_till(till_id)}:{_safe(day, 8)}:{_safe(receipt_no, 16)}:{digest[:10]}")


def unnumbered_sale_id(till_id: str, day: str, digest: str, ordinal: int) -> str:
    """The id of the ``ordinal``-th (1-based) distinct sale of this content
    on ``day`` at a till that prints no receipt number."""
    return _finish(f"{_till(till_id)}:{_safe(day, 8)}:n{digest[:10]}:{int(ordinal)}")


def manual_id(till_id: str, day: str, pupil_id: str) -> str:
    """The id of a meal marked on a paper register (``day``: yyyymmdd)."""
    return _finish(f"{_till(till_id)}:{_safe(day, 8)}:m:{_safe(pupil_id, 24)}")


def parse_unnumbered(txn_id: str) -> tuple[str, str, int] | None:
    """``(day, digest, ordinal)`` of an unnumbered-sale id, else None."""
    m = _UNNUMBERED.fullmatch(txn_id)
    if not m:
        return None
    return m.group(1), m.group(2), int(m.group(3))
