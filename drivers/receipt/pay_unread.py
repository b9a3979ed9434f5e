"""A payment printed after the total that no rule reads as a tender: the
receipt says how it was paid, and the reading does not know. Never silence:
``result`` flags it ``unread_tender`` when no tender after the total was
read (the tender read, if any, is one printed above it, or none at all)."""

from __future__ import annotations

import functools
import re

from drivers.receipt.tender_words import PAYMENT_LABELS

# A figure group left at the end of an amount's label: the amount's own
# thousands, printed grouped by a space the reading did not take as one
# ("Espèces:  1 500,00": label "Espèces: 1", amount 500,00).
_FIGURES_AT_END = re.compile(r"\s+\d{1,3}(?:[ \u00a0.,']\d{3})*$")
# A payment's label in the languages tills print (how it was paid, paid
# back or refunded to, what was tendered), a colon after it and words for
# the way: "Paid back to:  Account", "Payment: ...", "Remboursé en: ...",
# "Erstattet an: ...", "Forma de pago: ...".
_PAY_LABEL = re.compile(
    r"^(?:" + PAYMENT_LABELS + r"|"
    r"(?:paid|payment|pay|tender(?:ed)?|settled|charged|debited|credited)"
    r"(?:\s+(?:by|with|via|using|from|method|type|mode|back|to|in|into|on|onto)){0,3}|"
    r"(?:refund(?:ed)?|returned|repaid|reimbursed|given\s+back)"
    r"(?:\s+(?:to|in|into|onto|via|by|with))?|"
    r"(?:pagado|pag[oó]|pagamento|pago|forma\s+de\s+pago|reembolsado|devuelto|estornado)"
    r"(?:\s+(?:con|com|en|em|a|por))?|"
    r"(?:pay[ée]|r[ée]gl[ée]|rembours[ée]|paiement|r[èe]glement)(?:\s+(?:par|en|[àa]|avec))?|"
    r"(?:bezahlt|gezahlt|erstattet|zur[üu]ckerstattet|zahlung|zahlungsart)"
    r"(?:\s+(?:mit|per|an|auf|in))?|"
    r"(?:pagato|rimborsato)(?:\s+(?:con|in|su|a))?|"
    r"(?:оплачено|оплата|возврат|повернено)(?:\s+\w+)?)"
    r"\s*:\s*(?P<way>.*[^\W\d_].*)$", re.I)


@functools.lru_cache(maxsize=1024)  # a till prints the same labels all day
def pay_label(line: str) -> bool:
    """Whether ``line`` (normalised, without an amount) is a payment's label
    and words for the way it was paid ("Paid back to: Account")."""
    return _PAY_LABEL.match(line.strip()) is not None


@functools.lru_cache(maxsize=1024)
def tender_with_figures(label: str) -> str | None:
    """The words of an amount's ``label`` before a figure group at its end,
    when that group is all that stops them being read (the amount's own
    thousands, "Espèces: 1" before "500,00"), else None."""
    m = _FIGURES_AT_END.search(label)
    if m is None or m.start() == 0:
        return None
    return label[:m.start()].strip().rstrip(":.-").strip() or None
