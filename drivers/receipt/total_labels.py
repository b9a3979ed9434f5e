"""Total labels: the words tills print before (or above) the amount charged,
in families rather than lists of exact labels, and each one's rank.

A receipt may print several totals ("Total", then a discount, then "Grand
Total"): the receipt's arithmetic, then the rank, choose (``_pick_total``).
The final amount to pay ranks 2 ("Grand total", "Amount due", "Total inc.
VAT", "TOTAL A PAGAR"), a plain total 1 ("Total", "PURCHASE TOTAL", "A total
of", "Summe", "TL"), a "Net total" 0 (it may be before VAT)."""

from __future__ import annotations

import functools
import re

# The word for a total: English and its register abbreviations ("TTL",
# "TL"), German ("Summe", "Gesamt", "Betrag"), Italian ("Totale", "Importo"),
# Dutch, Spanish, Polish and French ("Importe", "Suma", "Montant"), "Sum".
_TOTAL_WORD = (r"(?:total|totale|totaal|ttl|tl|sum|summe|suma|gesamt(?:summe|betrag)?|"
               r"end(?:summe|betrag)|betrag|importe|importo|montant)")
_W = _TOTAL_WORD
# A currency's ISO code after a total's word ("SUMA PLN", "Total GBP", "TOTAL
# ZAR"): the codes of the currencies real tills here and abroad print.
_CODE = (r"(?:gbp|eur|euro|usd|pln|chf|czk|huf|sek|nok|dkk|ron|zar|inr|brl|mxn|aud|cad|nzd|"
         r"lsl|bwp|kes|ngn)")
# The final amount to pay, whatever else the label says.
_FINAL = re.compile(
    r"^(?:(?:grand|final|new|discounted)\s+" + _W + r"(?:\s+(?:" + _CODE + r"|amount|due))?|"
    + _W + r"\s+(?:amount\s+)?(?:due|to\s+pay|payable|charged|a\s+pagar|"
    r"[aà]\s+payer(?:\s+ttc)?|ttc|after\s+\w+)|"
    r"(?:\w+\s+)?(?:amount|amt|balance|bal|sum|refund|net)\s+(?:due|payable|to\s+pay|spent|"
    r"charged|refunded|credited)|"
    r"payable|to\s+pay|zu\s+zahlen|net\s+[aà]\s+payer|refunded|charged|"
    # "to pay" alone in French, Spanish, Italian ("A PAYER", "DA PAGARE")
    r"[aà]\s+payer|a\s+pagar|da\s+pagare|"
    # the gross total, tax included, under a net one ("Netto" / "MwSt" / "Brutto")
    r"(?:" + _W + r"\s+)?brutto|"
    r"to\s+refund|" + _W + r"\s+returned|"
    + _W + r"\s*\(?\s*(?:inc|incl|including|with)\.?\s+(?:tax|vat|mwst|iva|tva)\s*\)?)$", re.I)
# Words that make a label something other than the amount charged: a
# subtotal, a tax (unless included: final, above), a count, savings, a
# discount's sum, a tip, a weight.
_NOT_TOTAL = re.compile(r"\bsub|\b(?:zwischen\w*|sous|items?|articles?|qty|quantity|savings?|"
                        r"saved|discounts?|points|excl?|excluding|before|ht|weight|count|tips?|"
                        r"previous|vat|tax|taxes|mwst|iva|tva|gst)\b", re.I)
_NET = re.compile(r"^nett?o?\s+" + _W + r"$", re.I)  # "Net total", "Netto Betrag"
# A plain total: the word, up to two words before it ("Order total", "A
# total of", "PURCHASE TOTAL") and one after it ("Total GBP", "Total price");
# or what a sale or refund came to ("Sale amount", "REFUND VALUE").
_PLAIN = re.compile(r"^(?:[^\W\d_]+\s+){0,2}" + _W + r"(?:\s+(?:amount|" + _CODE + r"|sale|of|paid|"
                    r"price|cost|value|spend|spent|refund(?:ed)?|complessivo|documento))?$|"
                    r"^(?:sale|bill|order|purchase|transaction|receipt|invoice|ticket|refund)\s+"
                    r"(?:amount|value)$",
                    re.I)
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # "** TOTAL **", "Total £", "TOTAL:"
# A total that says money went back ("REFUNDED", "Amount credited"): a refund.
_REFUND_TOTAL = re.compile(r"\b(?:refund(?:ed)?|credited|return(?:ed)?)\b", re.I)


@functools.lru_cache(maxsize=2048)  # a till prints the same labels all day
def total_rank(label: str) -> int | None:
    """The rank of ``label`` as a total's (2 the final amount, 1 a total, 0 a
    net total), or None when it is no total's label."""
    words = " ".join(_EDGES.sub("", label).split())
    if not words:
        return None
    if _FINAL.match(words):
        return 2
    if _NOT_TOTAL.search(words):
        return None
    if _NET.match(words):
        return 0
    return 1 if _PLAIN.match(words) else None
