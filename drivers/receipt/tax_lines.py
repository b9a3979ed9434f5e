"""Tax lines in families, as tills across countries print them (``TAX.md``
has each family's sources): the tax's name in each language, the amount
before tax (a net, never the total), sales exempt from it, a rounding to
the coin, and a tax table's row ("A 20.00%  10.00  2.00  12.00"), whose
own arithmetic (net + tax = gross, net x rate = tax) says which amount is
the tax. None of these lines is an item; which of them the total holds (a
tax included in the prices, or added on top) the receipt's arithmetic
decides (``chooser``, ``settle``)."""

from __future__ import annotations

import re
from typing import NamedTuple

# A tax's name, in the languages tills print it. Latin and Cyrillic and
# Greek names are whole words: English VAT/GST/tax, German MwSt/USt, Swiss
# MWST, Spanish/Italian/Portuguese IVA ("impuesto(s)", "imposto"), French
# TVA, Dutch/Afrikaans BTW, Polish PTU/podatek, Czech/Slovak DPH,
# Scandinavian moms/mva, Icelandic VSK, Finnish ALV, Turkish KDV,
# Indonesian PPN, Peru's IGV, India's CGST/SGST/IGST/UGST, Canada's
# HST/PST/QST, Malaysia's SST, Lithuanian PVM, Latvian PVN, Hungarian ÁFA,
# Slovene DDV, Croatian/Serbian/Bosnian PDV, Greek FPA (ΦΠΑ, "Φ.Π.Α."), Albanian
# TVSH, the Dominican ITBIS, Panama's ITBMS, Honduras' ISV, Puerto Rico's
# IVU, Russian НДС, Ukrainian ПДВ, Bulgarian ДДС, Macedonian ДДВ,
# Mongolian НӨАТ, Kazakh ҚҚС, Malay "cukai", Vietnamese "thuế"; the word
# "tax" itself in Serbian, Croatian and Bosnian, "porez" (Cyrillic "порез", and
# "of tax", "poreza": "Ukupan iznos poreza", the tax's total).
TAX_NAMES = (r"vat|tax|taxes|mwst|ust|iva|impuestos?|imposto|tva|btw|gst|ptu|podatek|dph|"
             r"porez|poreza|порез|пореза|"
             r"moms|mva|vsk|alv|kdv|ppn|igv|[csiu]gst|hst|pst|qst|sst|pvm|pvn|[áa]fa|ddv|pdv|"
             r"fpa|tvsh|itbis|itbms|isv|ivu|cukai|thu[ếe]|"
             r"ндс|пдв|ддс|ддв|нөат|ққс|φπα|φ\.\s?π\.\s?α")
# ... and in scripts whose words run without spaces or whose marks are no
# word characters, found anywhere in the label: Japanese 消費税 (and 内税,
# 外税: tax included, added), Chinese 税额/稅額/增值税, Korean 부가세 and
# 부가가치세 (세액: the tax's amount), Thai ภาษีมูลค่าเพิ่ม (and ภาษี, tax),
# Arabic ضريبة (القيمة المضافة), Hebrew מע"מ.
TAX_IN_SCRIPT = r"消費税|内税|外税|税额|稅額|增值税|부가세|부가가치세|세액|ภาษี|ضريبة|מע\"?מ"

# The amount before tax: a net, a base the tax was worked out on ("Before
# VAT", "Excl. BTW", Tanzania's "TOTAL EXCL OF TAX", "Vatable Sales",
# "Taxable amount", Czech "Základ DPH",
# Polish "Podstawa", Turkish "Matrah", Croatian "Osnovica", Finnish
# "Veroton", Hungarian "Nettó", Indonesian "DPP", Russian "Без НДС",
# Greek "Καθαρή Αξία", Japanese 税抜, Chinese 未税/不含税, Korean 공급가액/과세물품가액, Thai
# ก่อนภาษี, Arabic قبل الضريبة). Never the total: a till that prints its
# prices with the tax in them prints the net under them, and one that adds
# the tax on top prints it as the subtotal.
_NET = re.compile(
    r"^(?:(?:amount|total|sales|value|price|sum|sub\s*-?\s*total)\s+)?(?:before|pre|excl?|excluding|exclusive\s+of|"
    r"ex|w/?o|without|sans|ohne|sin|sem|senza|zonder|uten|utan|bez|без|prije)\.?\s+"
    r"(?:of\s+)?(?:the\s+)?(?:" + TAX_NAMES + r")\b.*$|"
    r"^(?:vat|tax|gst)able(?:\s+(?:sales|amount|value|base|turnover|total))?\b.*$|"
    r"^(?:tax|vat)\s+base\b.*$|"
    r"^(?:nett?o?(?:summe|betrag)?|net\s+amount|nett?\s+of\s+(?:tax|vat)|total\s+(?:ht|nett?)|"
    r"base\s+imponible|(?:totale\s+)?imponibile|sous[-\s]?total\s+ht)$|"
    r"^(?:z[áa]klad|podstawa|matrah|osnovica|osnova|veroton|nett[óo]|dpp|"
    r"καθαρ[ήη]\s+αξ[ίι]α|"
    r"base\s+(?:imposable|tribut[áa]vel|gravable|gravada))\b.*$|"
    # the taxed sales in Spanish America, the base the tax was worked out on:
    # Peru's "OP. GRAVADAS" (SUNAT's operaciones gravadas, over "IGV 18%"),
    # Argentina's "Importe Neto Gravado", El Salvador's "Ventas gravadas";
    # never the untaxed ones ("No gravado") nor those taxed at nothing ("a
    # tasa cero"): ``_EXEMPT``'s
    r"^(?:op(?:eraci[oó]n(?:es)?)?\.?\s*|ventas?\s+|(?:imp(?:orte)?\.?\s+)?(?:neto|total)\s+)?"
    r"gravad[ao]s?\b(?!.*\b(?:tasa\s+cero|0\s?%))(?:\s*\(base\))?.*$|"
    r"税抜|税別|未税|不含税|税前|공급가액|과세물품가액|과세금액|ก่อนภาษี|قبل\s*الضريبة",
    re.I)
# Sales exempt from the tax or taxed at nothing ("VAT-Exempt Sales",
# "Zero-Rated Sales", "Exento", "Zwolnione", "Steuerfrei", 免税, 면세), and
# a band's taxed sales (Poland's "Sprzedaż opodatkowana A", Japan's "10%対象",
# the East African fiscal receipt's "TOTAL B-18.00%" and "TOTAL A-EX": a
# total's word with a band's code and its rate or exemption; a subtotal or
# base named by its rate alone, Ecuador's and Paraguay's "SUBTOTAL 15%",
# "Subtotal 0%", "Subtotal 5%", Spain's "Base 21%", "BASE 21%IVA": TAX.md):
# a line of the tax's summary, never an item, and no tax.
_EXEMPT = re.compile(r"^sprzed(?:a[żz]|\.)?\s*opod(?:atkowana|\.)?|\d\s?%\s?対象|課税対象|"
                     r"^total\s+[A-Za-z]\d?\s*[-=:]\s*(?:\d{1,2}(?:[.,]\d{1,3})?\s?%|ex)$|"
                     r"^(?:sub\s*-?\s*total|base(?:\s+imponible)?)\s+(?:(?:iva|vat|igv)\s+)?"
                     r"(?:al\s+)?\d{1,2}(?:[.,]\d{1,3})?\s?%\s?(?:iva|vat|igv)?$|"
                     r"\b(?:(?:vat|tax)[-\s]?exempt|exempt|zero[-\s]?rated|non[-\s]?vat|"
                     r"exento|exenta|isento|esente|exon[ée]r[ée]e?|zwolnion[ea]?|"
                     r"steuerfrei|vrijgesteld|osvobozen[oéáý]?|oslobo[dđ]en[oa]?|"
                     r"mentes|"
                     # Spanish America's untaxed sales: Peru's "OP. EXONERADAS",
                     # "OP. INAFECTAS" and "OP. GRATUITAS" (goods given, no money
                     # taken), Argentina's "No gravado", El Salvador's "No sujetas",
                     # and the sales taxed at nothing ("Ventas gravadas a tasa cero")
                     r"exonerad[ao]s?|inafect[ao]s?|op(?:eraciones)?\.?\s*gratuit[ao]s?|"
                     r"no\s+gravad[ao]s?|no\s+sujet[ao]s?|gravad[ao]s?\s+a\s+tasa\s+cero)\b|"
                     r"免税|非課税|면세", re.I)
# A rounding to the coin the till's country still has ("Rounding Adj",
# German "Rundung", French "Arrondi", Spanish "Redondeo", Portuguese
# "Arredondamento", Italian "Arrotondamento", Dutch "Afronding", Norwegian
# "Avrunding", Danish "Afrunding", Swedish "Öresavrundning", Polish
# "Zaokrąglenie", Czech "Zaokrouhlení", Slovak "Zaokrúhlenie", Finnish
# "Pyöristys", Hungarian "Kerekítés", Croatian "Zaokruživanje", Russian
# "Округление", Japanese 端数調整, Malay "Pelarasan"): its own adjustment to
# the total, which the arithmetic proves (``chooser``).
ROUNDING = (r"rounding|round\s+off|rounded\s+by|arrondi|redondeo|arredondamento|arrotondamento|"
            r"rundung|afronding|avrunding|afrunding|[öo]resavrundning|avrundning|"
            r"zaokr[aą]glenie|zaokrouhlen[ií]|zaokr[uú]hlenie|zaokru[žz]ivanje|py[öo]ristys|"
            r"kerek[ií]t[ée]s|округлени[ея]|pelarasan")

_ROUNDING = re.compile(r"\b(?:" + ROUNDING + r")\b|端数", re.I)


def rounding_label(label: str) -> bool:
    """Whether ``label`` names a rounding to the coin (``ROUNDING``)."""
    return _ROUNDING.search(label) is not None


# A tax table's row: a band's code (a letter, a digit, "*"), perhaps the
# tax's name, and its rate ("A 20.00%", "B  7%", "VAT 20%", "MwSt 19 %",
# "2 = 10%", "T1 8.25%") before its amounts; the band's name before its rate,
# the rate perhaps in brackets ("A: Standard (18%)", Uganda's EFRIS tax
# details; the UK's "Standard Rate 20%", the EU's "reduced rate": TAX.md).
_RATE_ROW = re.compile(r"^(?:(?:" + TAX_NAMES + r")\.?\s*)?"
                       r"(?:(?:[A-Za-z]{1,2}\d?|\d|\*)(?:\s*[=:]\s*|\s+))?"
                       r"(?:(?:" + TAX_NAMES + r")\.?\s*)?"
                       r"(?:(?:standard|reduced|normal)(?:\s+rate)?\s*)?"
                       r"\(?(?P<rate>\d{1,2}(?:[.,]\d{1,3})?)\s?%\)?"
                       r"(?:\s*(?:" + TAX_NAMES + r"))?$", re.I)


# What a subtotal's family line is (``facts``' rank for it): the subtotal;
# a net read as the subtotal too when none is printed ("Netto", "Total
# excl. VAT": what the subtotal rules always read); a net only ("Before
# VAT"); a line of the tax's summary that is neither ("VAT-Exempt Sales").
SUBTOTAL, NET_SUBTOTAL, NET_ONLY, ASIDE = 1, 0, -1, -2
# ... and a tax's family line: a tax, or a rounding to the coin.
TAX, ROUNDED = 1, 0


# A band's code alone before a tax table row's amounts ("S", "A", "T1", "*").
_CODE_ONLY = re.compile(r"^(?:[A-Za-z]\d?|\*)$")


class TaxRow(NamedTuple):
    """A tax table's row read by its arithmetic: the amount taxed, the tax,
    and the two together (None when the row does not print it)."""

    net: int
    tax: int
    gross: int | None


def tax_names(label: str) -> bool:
    """Whether ``label`` names a tax in any of the families above."""
    return _TAX_WORD.search(label) is not None


_TAX_WORD = re.compile(r"(?<!\w)(?:" + TAX_NAMES + r")(?!\w)|" + TAX_IN_SCRIPT, re.I)


def net_label(label: str) -> bool:
    """Whether ``label`` names the amount before tax (``_NET``)."""
    return _NET.search(label) is not None


def exempt_label(label: str) -> bool:
    """Whether ``label`` names sales exempt from tax (``_EXEMPT``)."""
    return _EXEMPT.search(label) is not None


def tax_row(label: str, amounts: list[int]) -> TaxRow | None:
    """``label`` and ``amounts`` (pence, in print order) as a tax table's
    row, when the label is a band's rate and the amounts' own arithmetic
    says which is the tax: net, tax, gross with net + tax = gross and the
    rate making the tax of the net; or two of them, the rate making one of
    the other. None when the row is no tax row or its amounts do not check."""
    if not 2 <= len(amounts) <= 3 or any(a < 0 for a in amounts):
        return None
    if (m := _RATE_ROW.match(label.strip())) is None:
        # a band's code alone, its rate in the table's header or legend ("S  5.00
        # 1.00  6.00"): three amounts, the net and the smaller tax making the gross
        if len(amounts) == 3 and _CODE_ONLY.match(label.strip()):
            net, tax, gross = amounts
            if net + tax == gross and tax < net:
                return TaxRow(net, tax, gross)
        return None
    rate = float(m["rate"].replace(",", "."))
    if len(amounts) == 3:
        # net, tax, gross in the order most tills print them; or the gross first
        for net, tax, gross in (amounts, (amounts[1], amounts[2], amounts[0])):
            if net + tax == gross and _rated(net, tax, rate):
                return TaxRow(net, tax, gross)
        return None
    first, second = amounts
    if _rated(first, second, rate):
        return TaxRow(first, second, None)  # net, then tax
    if _rated(second - first, first, rate):
        return TaxRow(second - first, first, second)  # tax, then gross
    if _rated(first - second, second, rate):
        return TaxRow(first - second, second, first)  # gross, then tax
    return None


_RATE = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,3})?)\s?%")


def rate_in(line: str) -> float | None:
    """The first rate a tax line prints ("VAT 7%  40.56" -> 7.0), or None."""
    m = _RATE.search(line)
    return None if m is None else float(m.group(1).replace(",", "."))


def included_at(gross: int, tax: int, rate: float) -> bool:
    """Whether ``tax`` is ``rate`` percent worked out of ``gross`` (the tax in
    it: 20 % of a gross of 12.00 is 2.00), and not as well of ``gross`` as a
    net (added on top: 2.40), so that the arithmetic tells the two apart."""
    inside, on_top = gross * rate / (100 + rate), gross * rate / 100
    return abs(inside - tax) <= 1 and abs(on_top - tax) > 1


def _rated(net: int, tax: int, rate: float) -> bool:
    """Whether ``rate`` percent of ``net`` is ``tax``, to within the pennies
    a till's rounding per line leaves (one per ten lines, at least two)."""
    if net <= 0 or tax < 0:
        return False
    return abs(net * rate / 100 - tax) <= max(2, tax / 100)
