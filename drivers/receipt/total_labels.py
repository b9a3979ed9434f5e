"""Total labels: the words tills print before (or above) the amount charged,
in families rather than lists of exact labels, and each one's rank.

A receipt may print several totals ("Total", then a discount, then "Grand
Total"): the receipt's arithmetic, then the rank, choose (``_pick_total``).
The final amount to pay ranks 2 ("Grand total", "Amount due", "Total inc.
VAT", "TOTAL A PAGAR"), a plain total 1 ("Total", "PURCHASE TOTAL", "A total
of", "Summe", "TL"), a "Net total" or a count of items ("16 Item(s)") 0."""

from __future__ import annotations

import functools
import re

from drivers.receipt.amounts import _AMOUNT, _pence, amount_label, parse_money
from drivers.receipt.tax_lines import TAX_IN_SCRIPT, TAX_NAMES
from drivers.receipt.vocabulary import Vocabulary

# The word for a total: English and its register abbreviations ("TTL",
# "TL"), German ("Summe", "Gesamt", "Betrag"), Italian ("Totale", "Importo"),
# Dutch, Spanish, Polish and French ("Importe", "Suma", "Montant"), "Sum";
# and as tills further afield print it: Scandinavian "Totalt" and Danish "I
# alt", Turkish "Toplam", Czech "Celkem", Slovak "Spolu", Polish "Razem",
# Finnish "Yhteensä", Hungarian "Összesen", Croatian and Serbian "Ukupno",
# Slovene "Skupaj", Estonian "Kokku", Latvian "Kopā", Malay and Indonesian
# "Jumlah", Russian "Итого", Greek "Σύνολο", Hungarian "Összeg" (a sum:
# "Teljes összeg"), Vietnamese "Tổng cộng" and "Tổng tiền", printed with
# or without their accents. A stored-value till's "Spend".
_TOTAL_WORD = (r"(?:total|totale|totaal|totalt|ttl|tl|sum|summe|suma|gesamt(?:summe|betrag)?|"
               r"end(?:summe|betrag)|betrag|importe|importo|montant|i\s+alt|toplam|celkem|"
               r"spolu|razem|yhteens[äa]|[öo]sszesen|ukupno|skupaj|kokku|kop[āa]|jumlah|"
               r"итого|всего|σύνολο|[öo]sszeg|t[ổo]ng\s+(?:c[ộo]ng|ti[ềe]n)|"
               # Ukrainian "Всього", "Разом", "Сума"; Russian "Сумма", "Итог";
               # Bulgarian "Общо"; Serbian "Укупно"; Slovak "Celkom"; Serbian,
               # Croatian, Bosnian and Montenegrin "Ukupan iznos" (Serbia's fiscal
               # receipt prints it in Cyrillic or Latin: TAX.md)
               r"всього|разом|сума|сумма|итог|общо|укупно|celkom|ukupan\s+iznos|"
               r"укупан\s+износ|"
               # what a cashless till says the pupil spent ("SPEND £6.30", "Total spent")
               r"spend|spent|"
               # Lithuanian "Iš viso" (in all; VMI's fiscal receipt, Maxima's and
               # Rimi's kvitas: ``TAX.md``)
               r"i[šs]\s+viso|"
               # in scripts further afield (``TAX.md``): Japanese 合計, Chinese 合计 and
               # 总计/總計, Korean 합계, Thai ยอดรวม and รวมทั้งสิ้น, Arabic الإجمالي
               # and المجموع, Hebrew סה"כ
               r"合計|合计|总计|總計|합계|ยอดรวม|รวมทั้งสิ้น|الإجمالي|المجموع|סה\"?כ)")
_W = _TOTAL_WORD
# A currency's ISO code after a total's word ("SUMA PLN", "Total GBP", "TOTAL
# ZAR"): the codes of the currencies real tills here and abroad print.
_CODE = (r"(?:gbp|eur|euro|usd|pln|chf|czk|huf|sek|nok|dkk|ron|zar|inr|brl|mxn|aud|cad|nzd|"
         r"lsl|bwp|kes|ngn)")
# The final amount to pay, whatever else the label says.
_FINAL = re.compile(
    r"^(?:(?:grand|final|new|discounted|genel)\s+" + _W + r"(?:\s+(?:" + _CODE + r"|amount|due))?|"
    + _W + r"\s+(?:amount\s+)?(?:due|to\s+pay|payable|charged|a\s+pagar|"
    r"[aà]\s+payer(?:\s+ttc)?|ttc|after\s+\w+)|"
    r"(?:\w+\s+)?(?:amount|amt|balance|bal|sum|refund|net)\s+(?:due|payable|to\s+pay|spent|"
    r"charged|refunded|credited)|"
    r"payable|to\s+pay|zu\s+zahlen|net\s+[aà]\s+payer|refunded|charged|"
    # "to pay" alone in French, Spanish, Italian ("A PAYER", "DA PAGARE"), or
    # after the amount's noun: Brazil's NFC-e "Valor a pagar R$" (the DANFE
    # manual's, after "Valor total" and "Desconto"), Spanish "Importe/Monto a
    # pagar", French "Montant à payer", Italian "Importo da pagare", Polish
    # "Kwota do zapłaty", Dutch "Bedrag te betalen" (``TAX.md``)
    r"(?:(?:valor|importe|monto|montant|importo|betrag|kwota|bedrag)\s+)?"
    r"(?:[aà]\s+payer|a\s+pagar|da\s+pagare|zu\s+zahlen|do\s+zap[łl]aty|te\s+betalen)|"
    # ... and further afield: Dutch "Te betalen", Norwegian "Å betale", Danish
    # "At betale", Swedish "Att betala", Polish "Do zapłaty", Czech "K úhradě",
    # Finnish "Maksettava", Hungarian "Fizetendő", Turkish "Ödenecek"
    r"te\s+betalen|[åa]t?\s+betal[ea]|att\s+betala|do\s+zap[łl]aty|"
    # Lithuanian "Mokėti" (to pay: Maxima's and Rimi's kvitas), "Iš viso mokėti"
    r"(?:" + _W + r"\s+)?mok[ėe]ti|"
    # Croatian/Serbian/Bosnian "Za platiti", "Za plaćanje", Slovene "Za plačilo";
    # Chinese 应付/應付 and 实付, Japanese お会計, Korean 받을금액 and 결제금액
    r"za\s+(?:platiti|pla[ćc]anje|pla[čc]ilo)|应付|應付|实付|お会計|받을금액|결제금액|"
    # Hebrew "סה"כ לתשלום" (the sum to pay), "לתשלום" alone
    r"(?:" + _W + r"\s+)?לתשלום|"
    # Ukrainian "До сплати", Russian "К оплате" / "Итого к оплате", Bulgarian
    # "За плащане", Slovak "Na úhradu"
    r"(?:" + _W + r"\s+)?(?:до\s+сплати|к\s+оплате|за\s+плащане|na\s+[úu]hradu)|"
    r"(?:" + _W + r"\s+)?k\s+[úu]hrad[ěe]|maksettava|fizetend[őo]|[öo]denecek(?:\s+tutar)?|"
    # a total rounded to the coin, what cash paid ("Rounded total", "Total
    # arrondi", "Gerundeter Betrag"): the amount to pay, over the exact one
    r"(?:rounded|gerundete[rs]?|afgeronde?|avrundet|arrondi)\s+(?:" + _W + r"|amount)|"
    + _W + r"\s+(?:rounded|arrondi|gerundet|afgerond|avrundet|py[öo]ristetty)|"
    # the final sum: Hungarian "Végösszeg", Vietnamese "Tổng thanh toán", and
    # "Thành tiền" (the amount in money) under the total, after its tax, discount
    # or delivery (TAX.md); never "Tổng thành tiền", the lines' sum
    r"v[ée]g[öo]sszeg|t[ổo]ng\s+thanh\s+to[áa]n|th[àa]nh\s+ti[ềe]n|"
    # Greek "Τελικό ποσό" (the final amount), "Τελικό σύνολο", "Γενικό
    # σύνολο" (grand total), "Σύνολο πληρωτέο" and "Πληρωτέο" (payable)
    r"(?:τελικ[όο]|γενικ[όο])\s+(?:ποσ[όο]|σ[ύυ]νολο)|(?:σ[ύυ]νολο\s+)?πληρωτ[έε]ο|"
    # the gross total, tax included, under a net one ("Netto" / "MwSt" / "Brutto")
    r"(?:" + _W + r"\s+)?(?:brutto|brutt[óo]|gross)(?:\s+(?:" + _W + r"|amount))?|"
    r"to\s+refund|" + _W + r"\s+returned|"
    # (also "of" the tax, "of all taxes": Tanzania's "TOTAL INCL OF TAX", India's
    # "Total inclusive of all taxes"; TAX.md)
    + _W + r"\s*\(?\s*(?:inc|incl|including|inclusive|inkl|with|med|s|con|avec|mit|com|z)\.?\s+"
    r"(?:of\s+)?(?:all\s+)?(?:" + TAX_NAMES + r")\s*\)?)$", re.I)
# Words that make a label something other than the amount charged: a
# subtotal, a tax (unless included: final, above), a count, savings, a
# discount's sum, a tip, a weight.
_NOT_TOTAL = re.compile(r"\bsub|\b(?:zwischen\w*|sous|items?|articles?|qty|quantity|savings?|"
                        r"saved|discounts?|points|excl?|excluding|before|ht|weight|count|tips?|"
                        r"previous|" + TAX_NAMES + r"|"
                        # the same in other languages: a subtotal ("Ara Toplam"), a
                        # tax ("Toplam KDV", "DPH celkem", "PVM suma"), a count ("Adet")
                        r"ara|adet|ks|stk)\b|" + TAX_IN_SCRIPT, re.I)
_NET = re.compile(r"^nett?o?\s+" + _W + r"$", re.I)  # "Net total", "Netto Betrag"
# A plain total: the word, up to two words before it ("Order total", "A
# total of", "PURCHASE TOTAL") and one after it ("Total GBP", "Total price");
# or what a sale or refund came to ("Sale amount", "REFUND VALUE"); what a
# receipt for money taken came to ("Total paid", "TOTAL RECEIVED": a school
# office's dinner-money slip, a receipt book's; TAX.md's arithmetic still
# checks it against the lines).
_PLAIN = re.compile(r"^(?:[^\W\d_]+\s+){0,2}" + _W + r"(?:\s+(?:amount|" + _CODE
                    + r"|sale|of|paid|received|"
                    r"price|cost|value|spend|spent|refund(?:ed)?|complessivo|documento))?$|"
                    r"^(?:sale|bill|order|purchase|transaction|receipt|invoice|ticket|refund)\s+"
                    r"(?:amount|value)$|"
                    # what a refund came to, under its word alone ("Refund  £2.65")
                    r"^refund$",
                    re.I)
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # "** TOTAL **", "Total £", "TOTAL:"
# ... or under its word and why, after a dash ("REFUND - item unavailable
# -€3.80", a click-and-collect canteen's: holdout30 foodex-ie; an
# "item" there counts nothing). Only a reason's words: "Refund - Cookie  -0.95"
# among the items may be a line returned (an exchange, KIND.md).
_REFUND_WHY = re.compile(r"^refund\s*[-\u2013:]\s+(?=.*\b(?:unavailable|returned|return|"
                         r"cancell?ed|faulty|damaged|stock|sold\s+out|not\s+collected|wrong|"
                         r"duplicate|overcharged|error|mistake|request(?:ed)?)\b)"
                         r"(?:[^\W\d_]+\s+){0,3}[^\W\d_]+$", re.I)
# A total that says money went back ("REFUNDED", "Amount credited"): a refund.
_REFUND_TOTAL = re.compile(r"\b(?:refund(?:ed)?|credited|return(?:ed)?)\b", re.I)


# A count of the items sold, printed with what they come to ("16 Item(s)
# 1,391.00", "ITEMS  9", "5 artículos", "4 Stk", "3 adet"): a total when no
# other is printed, ranked under any that is (a count may stand above a
# discount and the total charged).
_COUNTED = (r"(?:items?|item\s?\(s\)?|articles?|art[ií]culos?|articoli|artikel|art|stk|pcs|pz|ks|"
            r"adet|kpl)")
# A count "at" a price ("4 pcs @ 159.00  636.00", its name on the row
# above): a quantity, never a count of the items sold.
_AT_END = re.compile(r"\s[@xX×*]\s*$")
# (the word first in its plural only: "Item 3" may be an item's name)
_COUNT_TOTAL = re.compile(r"^(?:\d{1,4}\s*" + _COUNTED + r"|(?:items|item\s?\(s\)?|articles|"
                          r"art[ií]culos|articoli|artikel)\s*:?\s*\d{1,4})$", re.I)


# The final amount's words, asked only where the label holds them (``vocabulary``).
_FINAL_WORDS = Vocabulary("final total", (_FINAL,))


@functools.lru_cache(maxsize=2048)  # a till prints the same labels all day
def total_rank(label: str) -> int | None:
    """The rank of ``label`` as a total's (2 the final amount, 1 a total, 0 a
    net total), or None when it is no total's label."""
    words = " ".join(_EDGES.sub("", label).split())
    if not words:
        return None
    if _FINAL_WORDS.may_answer(words) and _FINAL.match(words):
        return 2
    if _COUNT_TOTAL.match(words) and not _AT_END.search(label):
        return 0
    if _REFUND_WHY.match(words):
        return 1
    if _NOT_TOTAL.search(words):
        return None
    if _NET.match(words):
        return 0
    return 1 if _PLAIN.match(words) else None


# Words and the total's word set apart in brackets, either way round: the
# total printed as what one way paid ("Cash (Total):", "Meal Plan (Total):",
# a hall of residence canteen's print server), or a dual-pricing till's price
# for one way ("Total (Cash)" under "Total": what cash would have paid).
# Asked only of a label a tender's words already read (TENDERS.md, "A way
# paid printed as the total").
_WAY_AND_TOTAL = re.compile(r"^(?:[^\W\d_][^()]*?\s*\(\s*total\s*\)|"
                            r"total\s*\(\s*[^\W\d_][^()]*\))$", re.I)
_WAY_AND_TOTAL_WORDS = Vocabulary("way and total", (_WAY_AND_TOTAL,))


def way_and_total(label: str) -> bool:
    """Whether ``label`` (a tender's words) joins the total's word to them in
    brackets ("Cash (Total)", "Total (Cash)"): a total, for that way."""
    return _WAY_AND_TOTAL_WORDS.may_answer(label) and _WAY_AND_TOTAL.match(label) is not None


def _total_of(line: str) -> int | None:
    """The amount a total's line prints ("Total   €9.00"); None if it is none."""
    label, found = amount_label(line), list(_AMOUNT.finditer(line))
    if label is None or len(found) != 1 or total_rank(label) is None:
        return None
    return _pence(found[0])


def headline_amount(line: str) -> int | None:
    """The amount ``line`` prints alone ("  €9.00  "), as a headline total is
    printed; None when it prints anything else (a receipt with no such line
    has no headline total: ``headline_total_off`` leaves it as printed)."""
    return parse_money(line.strip())


def headline_total_off(text: list[str]) -> list[str]:
    """``text`` without a headline total: the amount printed big and alone with
    a total's word alone under it ("€9.00" / "Total", as Loyverse prints above
    the lines), when a total's line further down prints the same amount (it
    reads there, with the lines); the two lines left blank. Else as printed."""
    for i in range(len(text) - 1):
        amount = headline_amount(text[i])
        if amount is None or _AMOUNT.search(text[i + 1]) is not None \
                or total_rank(text[i + 1]) is None:
            continue
        if any(_total_of(t) == amount for t in text[i + 2:]):
            return [*text[:i], "", "", *text[i + 2:]]
    return text
