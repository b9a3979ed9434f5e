"""The holdout corpora (tests/receipts_holdout, tests/receipts_holdout2..10):
receipts in real POS layouts written without reading the rules, each set
blind to the others, and the default rules' scores on them held as a floor:
they may only go up. Each set is one entry of ``SETS``: its floors (what the
rules read when last measured; its README: what goes wrong, and why) and what
its corpus is known to vary. A new set is one more entry."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pytest

from tests import holdout_checks as checks
from tests.receipts_score import FIELDS, score

# Receipts (of 200, seed 11) read fully right, and per field.
Floor = tuple[int, dict[str, int]]


def floor(right: int, **fields: int) -> Floor:
    """A layout's floor: ``right`` receipts fully right, and each field named
    right on that many; a field not named is right on all 200."""
    assert set(fields) <= set(FIELDS), fields
    return right, {f: fields.get(f, 200) for f in FIELDS}


def _tax_on_top(notes: list[str]) -> int:
    """Tax a layout adds on top of its item lines (``tax_on_top=`` notes)."""
    return sum(int(n.partition("=")[2]) for n in notes if n.startswith("tax_on_top="))


def _unprinted(notes: list[str]) -> int:
    """What the total holds beyond the truth's lines: tax added on top
    (Triangle) less a discount the template does not print (NexoPOS)."""
    extra = 0
    for note in notes:
        key, _, value = note.partition("=")
        extra += int(value) if key == "tax_on_top" else -int(value)
    return extra


# What some corpora also vary, each asked of a set's (printed, truth) pairs.
VARIES: dict[str, Callable[[list[tuple[Any, Any]]], bool]] = {
    # Totals that are not the sum of the lines.
    "notes": lambda rs: any(t.notes for _, t in rs),
    "a day with no time": lambda rs: any(t.date and len(t.date) == 10 for _, t in rs),
    "accounts": lambda rs: (any(t.account for _, t in rs)
                            and any(t.account is None for _, t in rs)),
    "pound sign": lambda rs: any("£" in line for p, _ in rs for line in p.shown()),
    "seconds printed": lambda rs: any(t.date and t.date[17:19] != "00" for _, t in rs),
    "crlf and no cut": lambda rs: any(p.crlf for p, _ in rs) and any(not p.cut for p, _ in rs),
    "euro": lambda rs: any("EUR" in line for p, _ in rs for line in p.shown()),
    "12-hour clock": lambda rs: any(" PM" in line for p, _ in rs for line in p.shown()),
    "no number": lambda rs: any(t.number is None for _, t in rs),
}


@dataclass(frozen=True)
class HoldoutSet:
    """One holdout corpus: the package ``tests.receipts_<name>``, which is also
    the scoreboard's group ``<name>``."""

    name: str
    floor: dict[str, Floor]
    tenders: set[str | None]  # the truths hold at least these tenders
    beyond_lines: Callable[[list[str]], int] = _tax_on_top
    codepages: set[str] = field(default_factory=set)  # the renderings use at least these
    # Keys of VARIES; every set but the sixth and seventh prints a day with no time somewhere.
    varies: tuple[str, ...] = ("a day with no time",)
    # Receipts (of 200, seed 11) read as a wrong charge the agent trusts (the
    # scoreboard's ``trusted_wrong``: a total, kind or account read as a wrong
    # value, or a tender read wrong or as nothing where one is printed, with
    # no review flag), per layout, where a blind set found some: a ceiling,
    # only to fall.
    trusted_wrong: dict[str, int] = field(default_factory=dict)

    @property
    def package(self) -> ModuleType:
        return importlib.import_module(f"tests.receipts_{self.name}")

    @property
    def layouts(self) -> list[str]:
        return sorted(importlib.import_module(f"tests.receipts_{self.name}.layouts").LAYOUTS)

    @property
    def printed(self) -> bool:
        """Whether its renderers keep what they print (``rendered``), not only bytes."""
        return hasattr(self.package, "rendered")

    def receipts(self, layout: str, n: int, seed: int) -> list[tuple[Any, Any]]:
        """What each receipt prints (or its bytes) and its truth."""
        pkg = self.package
        return (pkg.rendered if self.printed else pkg.corpus)(layout, n, seed)


SETS = [
    HoldoutSet(
        "holdout",
        floor={
            "ospos": floor(200),  # 177 before split payments read as their parts
            "takepos": floor(200),  # 171 before names were compared as the paper shows them
            "sap-cco": floor(200),
            "erpnext": floor(200),
            "school-b": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "check", None},
    ),
    HoldoutSet(
        "holdout2",
        # Raised after merging the rules generalised on the first holdout (and one
        # rule the lead added: a tender that paid 0 is none): 14.1% fully right
        # blind, 31.9% after that rule and the Floreant change-is-cash truth.
        # Raised again when this holdout became the development set (session 7:
        # brackets, unit-price lines, labelled cells, discounts already in the
        # values): 89.5%. What was left was split tenders (the truth is None);
        # read as their parts since (issue 13), 100%.
        floor={
            "triangle": floor(200),
            "nexopos": floor(200),
            "odoo8": floor(200),
            "floreant": floor(200),
            "school-c": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "cheque", None},
        beyond_lines=_unprinted,
        varies=("a day with no time", "notes", "accounts"),
    ),
    # Holdouts 3 to 5: measured blind on their branch before any rule saw them
    # (fully right, seed 11: 1.8%, 15.4%, 47.3%); the defaults' development sets
    # since session 8 (98.5%, 95.6%, 100%).
    HoldoutSet(
        "holdout3",
        floor={
            "quicktill": floor(200),
            "c4sh": floor(200),
            "roastery": floor(200),  # a printed "Split" with no amounts: no one tender
            "nextpos-mz": floor(200),
            "lemonpos": floor(200),
            "school-d": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "wire transfer", None},
        codepages={"CP858", "CP437", "CP1252", "AUTO"},
        varies=("a day with no time", "notes", "accounts"),
    ),
    HoldoutSet(
        "holdout4",
        floor={
            "tryton-presik": floor(200),
            "casio-ecr": floor(147, tender=147),  # a bare CHARGE: flagged until the site maps it
            "saledock": floor(200),
            "billpy": floor(200),
            "school-e": floor(200),
            "brightpearl": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "gift card", None},
        codepages={"CP858", "CP437", "CP1252", "AUTO"},
        varies=("a day with no time", "notes", "accounts", "pound sign"),
    ),
    HoldoutSet(
        "holdout5",
        floor={
            "vendly": floor(200),
            "ecothrift": floor(200),
            "sumup-cafe": floor(200),
            "impact-school": floor(200),
            "memsec-club": floor(200),
            "campus-card": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "voucher", "gift card", None},
        codepages={"CP858", "CP437", "CP850", "CP1252", "AUTO"},
        varies=("a day with no time", "notes", "seconds printed", "accounts", "pound sign",
                "crlf and no cut"),
    ),
    # The sixth: blind to the defaults (33.2% when written; 41.9% after session 8's
    # rules, written without it); a development set since session 10 (100%).
    HoldoutSet(
        "holdout6",
        floor={
            "cafepos": floor(200),
            "cassa-tavolo": floor(200),
            "receiptline": floor(200),
            "qz-raw": floor(200),
            "tucasi-academy": floor(200),
            "college-hall": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "voucher", None},
        codepages={"CP858", "CP437", "CP850", "CP1252", "ISO_8859-15", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "euro", "12-hour clock", "no number"),
    ),
    # The seventh: blind to the defaults (8.1% fully right when written, at a96a84d;
    # 12.2% after session 10's rules, written without it, with 27 splits read as
    # one part unflagged then 0); a development set since (65.5% after session
    # 11's facts rules: dates in words, numbers under their own labels).
    HoldoutSet(
        "holdout7",
        floor={
            "escpos-php": floor(200),
            "order-slip": floor(200),
            "farmacia": floor(200),
            "cupom": floor(200),  # rulesb28: a discount printed as its rate alone
            "squid-school": floor(200),
            "nhs-restaurant": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "voucher", None},
        beyond_lines=_unprinted,
        codepages={"CP858", "CP437", "CP850", "CP1252", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "12-hour clock", "no number"),
    ),
    # The eighth: blind to the defaults (9.9% fully right when written, at 048bd1d;
    # 16.1% after session 10's rules, written without it, with 59 splits read as
    # one part unflagged then 0); a development set since (44.1% after session
    # 11's facts rules).
    HoldoutSet(
        "holdout8",
        floor={
            "circuit-digest": floor(200),
            "bitspace": floor(200),
            "gym-hub": floor(200),
            "paragon-pl": floor(200),
            "cunninghams-school": floor(200),
            "unicard-refectory": floor(200),
            "maloti-shop": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "UPI", "Lightning", "EFT", "Mobile", None},
        beyond_lines=_unprinted,
        codepages={"CP437", "CP850", "CP852", "CP858", "CP1250", "CP1252", "ISO_8859-2",
                   "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut"),
    ),
    # The ninth: blind to the defaults (0.0% fully right when written, at d4e230b;
    # 16.7% measured once after session 11's rules merged; no receipt wrong
    # without a flag). A development set since. Its README: what goes wrong.
    HoldoutSet(
        "holdout9",
        floor={
            "unipunt-andorra": floor(200),
            "ksi-cafe": floor(200),
            # "Credit Paid" under a "Card Surcharge" a card since rules26 (TENDERS.md);
            # "Cash Paid" + "Credit Paid" splits and refunds' "Credit Refunded" flagged
            "ktp-grocer": floor(155, tender=155),
            "zm-store": floor(200),
            "young-scot-school": floor(200),
            "powys-ysgol": floor(199, lines=199),
        },
        tenders={"cash", "card", "account", "fsm", "MTN MoMo", "Airtel Money", None},
        beyond_lines=_unprinted,
        codepages={"CP437", "CP850", "CP858", "CP1252", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "euro", "12-hour clock", "no number"),
    ),
    # The tenth: blind to the defaults (30.7% fully right when written, at d4e230b;
    # 30.7% measured once after session 11's rules merged, with 18 totals or
    # tenders wrong without a flag, 8 of them new; none since). A development set since.
    HoldoutSet(
        "holdout10",
        floor={
            "zollify-booth": floor(200),
            "toko-struk": floor(200),
            "alpha-plus-ke": floor(200),
            "caisse-fr": floor(200),
            "scot-school": floor(200),
            "cornish-academy": floor(200),
            "trt-simplificada": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "voucher", "cheque", "QRIS", "MPESA", None},
        codepages={"CP437", "CP850", "CP858", "CP1252", "ISO_8859-15", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut", "euro",
                "no number"),
    ),
    # The eleventh: blind to the defaults (26.4% fully right when written, at
    # 11ac707; no total or tender read wrong without a flag). Its README: what goes wrong.
    HoldoutSet(
        "holdout11",
        floor={
            "naija-shop": floor(200),
            "spaza-toss": floor(200),
            "ph-official": floor(200),
            "kvittering-no": floor(200),
            "lancs-pin-school": floor(200),
            "tuck-shop": floor(200),
            "frituur-be": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "TRANSFER", "Vipps", None},
        codepages={"CP437", "CP850", "CP858", "CP865", "CP1252", "AUTO"},
        varies=("seconds printed", "accounts", "pound sign", "crlf and no cut", "no number"),
    ),
    # The twelfth: blind to the defaults (5.3% fully right when written, at 11ac707;
    # no total or tender read wrong without a flag). Its README: what goes wrong.
    HoldoutSet(
        "holdout12",
        floor={
            "fis-tr": floor(200),
            "scontrino-it": floor(200),
            "doklad-cz": floor(200),
            "wep-gst": floor(200),
            "hollins-academy": floor(200),
            "millbrook-bistro": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", None},
        codepages={"CP437", "CP850", "CP852", "CP858", "CP1252", "ISO_8859-15", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "12-hour clock"),
    ),
    # The thirteenth: blind to the defaults (20.9% fully right when written, at
    # 8f4cb70; no total or tender read wrong without a flag). Its README: what goes wrong.
    HoldoutSet(
        "holdout13",
        floor={
            "kuitti-fi": floor(200),  # rulesb28: "Palautettu kortille" is card
            "tax-invoice-my": floor(200),
            "receipt-jp": floor(186, total=187, lines=190, tender=194),
            "kvittering-dk": floor(186, tender=186),
            "fingerprint-high": floor(200),
            "mcas-bistro": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "MobilePay", "PayPay", None},
        codepages={"CP437", "CP850", "CP858", "CP865", "CP1252", "ISO_8859-15", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "no number"),
    ),
    # The fourteenth: blind to the defaults (45.4% fully right when written, at
    # 8f4cb70; no total or tender read wrong without a flag). Its README: what goes wrong.
    HoldoutSet(
        "holdout14",
        floor={
            "nyugta-hu": floor(200),
            "hoadon-vn": floor(200),  # rules21: "Thành tiền" under the total (TAX.md)
            "ticket-py": floor(200),
            "taco-truck-us": floor(200),
            "civica-school": floor(200),
            "swipe-academy": floor(200),
            "kassenbeleg-ch": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", None},
        # Tax and a tip on top of the lines, cash rounded to 5 Rappen (``tax_on_top=``,
        # ``tip=``, ``rounding=`` notes).
        beyond_lines=lambda notes: sum(int(n.partition("=")[2]) for n in notes),
        codepages={"CP437", "CP850", "CP852", "CP858", "CP1252", "CP1258", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "12-hour clock"),
    ),
    # The fifteenth: blind to the defaults (27.2% fully right when written, at
    # f220ebb; no total or tender read wrong without a flag). Its README: what goes wrong.
    HoldoutSet(
        "holdout15",
        floor={
            "abb-tax-th": floor(200),  # tax17: Sub Total proved by Before VAT + VAT
            "fatura-pt": floor(200),  # numbers17: the number under its document's type
            # numbers17: "Číslo dokladu", number first; rules27: a refund's count
            # row with its unit ("-1 ks x 1,49") the count of the name above
            "ekasa-sk": floor(200),
            "loyverse-ie": floor(200),
            "square-ca": floor(200),
            "biostore-school": floor(200),
            "liveregister-school": floor(56, tender=56),
        },
        tenders={"cash", "card", "account", "fsm", "MB WAY", None},
        # IVA, GST and PST on top of the lines, and a tip (``tax_on_top=``, ``tip=`` notes).
        beyond_lines=lambda notes: sum(int(n.partition("=")[2]) for n in notes),
        codepages={"CP437", "CP850", "CP852", "CP858", "CP860", "CP863", "CP1250", "CP1252",
                   "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "euro"),
    ),
    # The sixteenth: blind to the defaults (42.9% fully right when written, at
    # f220ebb; no total or tender read wrong without a flag). Its README: what goes wrong.
    HoldoutSet(
        "holdout16",
        floor={
            "chek-ua": floor(200),  # numbers17: "Чек ЧК-004101", Cyrillic letters in it
            "ticket-sn": floor(200),
            "kiosk-us": floor(200),
            "slip-za": floor(200),  # rulesb28: SNAPSCAN, a wallet by its name
            "pos-pro-ae": floor(200),
            "fingertip-school": floor(200),
            "thumb-servery": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "Wave", "Orange Money", "SNAPSCAN",
                 "Bank Transfer", None},
        codepages={"CP437", "CP850", "CP858", "CP866", "AUTO"},
        varies=("a day with no time", "notes", "seconds printed", "accounts", "pound sign",
                "crlf and no cut"),
    ),
    # The seventeenth: blind to the defaults (56.4% fully right when written, at
    # 7c06ab7; no total or tender read wrong without a flag). Its README: what goes wrong.
    HoldoutSet(
        "holdout17",
        floor={
            # items19: heading rows no name (a capital in any script), the Greek net,
            # tax and final amount labels (TAX.md, ITEMS.md)
            # ... and rules21: "Αρ. Απόδειξης ΑΠΥ 0418", "Τρόπος πληρωμής", a credit
            # note of retail a refund (NUMBERS.md, KIND.md)
            "apodeixi-gr": floor(200),
            # pay19: Croatian "Kartice" a card; NETS a card, PayNow kept as printed,
            # the NETS + CASH split in its parts; "Refund of receipt #986" the sale's
            "racun-hr": floor(200),  # items19 + pay19 together: a size over its count row, Kartice
            "kopitiam-sg": floor(200),
            "zettle-uk": floor(200),
            # items19: the fiscal count row above its item; rules31b: "TICHETE
            # MASA" a meal voucher (flagged unmapped_tender, as every voucher)
            "bon-fiscal-ro": floor(200),
            # pay19: the split read in its parts ("Meal Credit" flagged); the
            # meal credit alone read as printed and flagged (the truth: fsm)
            "mealcredit-school": floor(189, tender=189),
            "refectory-rc": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "voucher", "NETS", "PayNow", None},
        # Service charge and GST on top of the lines, cash rounded to 5 cents
        # (``service=``, ``tax_on_top=``, ``rounding=`` notes).
        beyond_lines=lambda notes: sum(int(n.partition("=")[2]) for n in notes),
        codepages={"CP437", "CP737", "CP850", "CP852", "CP858", "CP1250", "CP1253", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "euro"),
    ),
    # The eighteenth: blind to the defaults (52.9% fully right when written, at
    # 7c06ab7; no total or tender read wrong without a flag). Its README: what goes wrong.
    HoldoutSet(
        "holdout18",
        floor={
            # pay19: "BOLETA ELECTRONICA N°", "TARJETA DEBITO REDCOMPRA" (a card)
            "boleta-cl": floor(200),  # items19 + pay19 together: the DESC. column, N°, Redcompra
            # "Total Sale Value (excl. tax)" read as the subtotal since 6 Dec (learn12)
            "fbr-pk": floor(200),
            "ticket-dz": floor(200),  # pay19: "Carte CIB" a card
            "coffee-connection": floor(200),
            "abm-school": floor(200),
            "swipe-limit": floor(200),
            # The e-NCF under "COMPROBANTE FISCAL" is read as the number where no
            # Folio is printed (numbers17's number-under-its-document family); the
            # set's truth records it so since pay19 (the lead's decision, its
            # README). "p. m." read since 6 Dec; its sums' "RD$" glued before the
            # figures since money17 (CURRENCY.md).
            "hicloud-do": floor(200),  # items19 + pay19 together: wrapped names, the e-NCF
        },
        tenders={"cash", "card", "account", "fsm", "JazzCash", "Easypaisa", "Transferencia",
                 None},
        # Sales tax, TVA, ITBIS and the FBR's POS fee on top of the lines
        # (``tax_on_top=``, ``fee=`` notes).
        beyond_lines=lambda notes: sum(int(n.partition("=")[2]) for n in notes),
        codepages={"CP437", "CP850", "CP858", "AUTO"},
        varies=("a day with no time", "notes", "seconds printed", "accounts", "pound sign",
                "crlf and no cut", "12-hour clock", "no number"),
    ),
    # Measured blind at e63ddad (README: what goes wrong, in the paper's terms).
    HoldoutSet(
        "holdout19",
        floor={
            # (a customer's DNI/RUC read as the number until safety19: never a
            # customer's identity document; OP. GRAVADAS the net since rules21, TAX.md)
            "boleta-pe": floor(200),
            # "СБП QR (0.7%)" flagged unread (ВОЗВРАТ ПРИХОДА read as a refund
            # since safety19; the name under its number, its "Код услуги:" row
            # its note, since names19; the ФД its number since 7 Dec, NUMBERS.md)
            "chek-ru": floor(163, tender=163),
            # (NOTA DE CREDITO C a refund since safety19; a name wrapped in its cell
            # whole since rules21, ITEMS.md)
            "factura-ar": floor(200),
            # "Meio 03", "Crédito Loja" and the cash + "Meio 03" splits flagged
            # ("Transferência bancária, Carteira Digital", tPag 18, by name since
            # rules26, TENDERS.md; "Valor a pagar R$" the total
            # after a discount since safety19; "1  UN  x  3,99" no name, the
            # name above without its EAN, since names19; "NFC-e nº" its number
            # since 7 Dec, NUMBERS.md)
            "nfce-br": floor(146, tender=146),
            "trust-e": floor(200),
            # ("Universal Infant Meal" free meals since rules21, TENDERS.md)
            "hc3s-primary": floor(200),
            # (a refund's "Refund to Card" with the card's own balance under it:
            # the cashless card, the account, since safety19)
            "fidelity-gpos": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "YAPE", "PLIN", "СБП QR (0.7%)",
                 "ПРЕДОПЛАТА (ДЕПОЗИТ)", "Mercado Pago", "Crédito Loja", "Meio 03",
                 "Transferência bancária, Carteira Digital", None},
        beyond_lines=lambda notes: 0,  # every tax printed is included in the lines
        codepages={"CP866", "CP860", "CP858", "CP850", "CP437", "AUTO"},
        varies=("a day with no time", "seconds printed", "accounts", "pound sign",
                "crlf and no cut"),
        # Measured blind: refunds read as sales (chek-ru 17), the total before
        # the discount (nfce-br 21), a refund to the cashless card read as a
        # bank card (fidelity-gpos 23), all with no flag; 0 since safety19.
    ),
    # The twentieth: blind to the defaults (59.1% fully right when written, at
    # e63ddad; no total or tender read wrong without a flag, 2.7% silently wrong
    # in their lines). Its README: what goes wrong. safety20: a line's tax rate,
    # a labelled quantity, a size ending a cut name and a name wrapped at the
    # edge are read as the paper means them; a buyer's typed id is no account;
    # "Card Acc", "FSM Lunch Allowance", "mada", "TOTAL INCL OF TAX" (99.6%).
    HoldoutSet(
        "holdout20",
        floor={
            "efd-tz": floor(200),
            "zatca-sa": floor(200),
            "kvitto-se": floor(200),
            "racun-me": floor(200),
            "doha-roast": floor(195, lines=195),
            "tutor-card": floor(200),
            "lunch-loan": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "STC Pay", "Swish", None},
        # VAT and tax on top of the lines (``tax_on_top=`` notes).
        beyond_lines=lambda notes: sum(int(n.partition("=")[2]) for n in notes),
        codepages={"CP437", "CP850", "CP852", "CP858", "CP864", "CP865", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut", "euro",
                "12-hour clock"),
    ),
    # The twenty-first: blind to the defaults (36.5% fully right when written, at
    # d319abf; no total or tender read as a wrong value without a flag, 3.1% silently
    # wrong: QRK's lines with no tender read). Its README: what goes wrong.
    HoldoutSet(
        "holdout21",
        floor={
            # rules22a: the rate column after the value, the count column and the
            # name's rest under it; left: the count row wrapped with its Rabatt at
            # 32 columns, a size in the name over a discounted count row (flagged)
            "qrk-at": floor(178, lines=178),
            # rules22a: "БОН №" read; a name wrapped over its value; left: that as
            # the first item under the cashier's row (2, silent)
            "kasova-bg": floor(198, lines=198),
            # rules22a: the FDN over the Reference, Section E's band no line, the
            # item cells wrapped from the name's column; left: 8 tax rows at 42
            # columns read as a line (flagged)
            "efris-ug": floor(192, lines=192),
            # rules25: the count row's unit price in whole pesos ("3 x 12900 COP")
            # an amount, so no name slides to the next item's value (whole units
            # still flagged whole_amounts; MONTO RECIBIDO / CAMBIO read as cash
            # since safety22; received exactly: no tender, flagged)
            "thermoprint-co": floor(200),
            "shimna-gateway": floor(200),
            "shirley-mcas": floor(200),
            # a cancelled meal's "Credited" read as a line, no total (flagged); the
            # free meal with the parent account read since rules21
            "cypad-primary": floor(189, total=189, lines=189),
        },
        tenders={"cash", "card", "account", "fsm", "Mobile Money", "Nequi", None},
        beyond_lines=lambda notes: 0,  # every tax printed is included in the lines
        codepages={"CP1251", "CP866", "CP1252", "CP858", "CP850", "CP437", "AUTO"},
        varies=("a day with no time", "seconds printed", "accounts", "pound sign",
                "crlf and no cut", "euro", "12-hour clock"),
    ),
    # The twenty-second: blind to the defaults (38.6% fully right when written,
    # at d319abf; no total or tender read wrong without a flag; 6 EBM refunds
    # silently wrong in their lines and number). Its README: what goes wrong.
    # rules22b (61.7%, silent 0.1%): Стоимость rows, EBM's count printed as
    # money, "10 SUBTOTAAL", Serbia's tax labels, total and number, a house's "No. 12,".
    HoldoutSet(
        "holdout22",
        floor={
            "ceybyte-lk": floor(200),
            # rules24: Готовина, Картица (Cyrillic) and Пренос на рачун read
            "racun-rs": floor(200),
            # "Наличные: 1 000,00" one amount, no line of nothing, since rules26;
            # rules31b: "Порядковый номер чека №72" the shift's place, "Чек №" read;
            # "Мобильный платеж:" above ИТОГО the generic wallet words (flagged)
            "webkassa-kz": floor(200),
            # rules31b: the SDC block's "RECEIPT NUMBER: 151/212 NS" the device's
            # counters, the till's own at the foot read
            "ebm-rw": floor(200),
            "kassabon-nl": floor(198, tender=198),
            "chartwells-pin": floor(200),
            "aspens-sixth": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "LankaQR", "MOBILE MONEY",
                 "Мобильный платеж", "Пренос на рачун", None},
        # Tax on top (``tax_on_top=``) and Dutch cash rounding (``rounding=``).
        beyond_lines=lambda notes: sum(int(n.partition("=")[2]) for n in notes),
        codepages={"CP437", "CP850", "CP852", "CP855", "CP858", "CP866", "AUTO"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "12-hour clock"),
    ),
    # The twenty-third: blind to the defaults (39.2% fully right when written, at
    # 0b6e76a; 10 Toast gift cards read as a bank card with no flag, the ceiling
    # below; every secondary tuck shop receipt's "Adm No:" unread with no review
    # flag). Its README: what goes wrong. rules23: every layout 200, by general
    # facts (right-to-left paper in visual order, levies proved by their rates,
    # the Baltic fiscal words, a card slip under the card that paid, a name
    # wrapped above its count row).
    HoldoutSet(
        "holdout23",
        floor={
            "chopbar-gh": floor(200),
            "heshbonit-il": floor(200),
            "farmshop-uk": floor(200),
            "toast-us": floor(200),
            "kvitas-lt": floor(200),
            "caterlink-primary": floor(200),
            "tuck-biometric": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "voucher", "gift card", "MTN MoMo", "Bit",
                 None},
        # VAT, NHIL, GETFund, US sales tax on top; a Toast gratuity (``tax_on_top=``,
        # ``service=`` notes).
        beyond_lines=lambda notes: sum(int(n.partition("=")[2]) for n in notes),
        codepages={"CP437", "CP858", "CP862", "CP1252", "CP1257"},
        varies=("notes", "seconds printed", "accounts", "pound sign", "crlf and no cut",
                "euro", "12-hour clock"),
        trusted_wrong={},
    ),
    HoldoutSet(
        "holdout24",
        # Measured blind at 0b6e76a (its README: what goes wrong, in the paper's terms).
        floor={
            # rules24: "Cart Subtotal:" a subtotal, "Open Mon-Fri 8:15-9:00"
            # a span (no time of sale), a name wrapped under its row, "Size:" a note
            "woo-pos": floor(200),
            "gst-nz": floor(200),  # rules28: its sale of nothing paid by its one way
            # rules24: "SUBTOTAL 15%" / "SUBTOTAL 0%" the tax summary's, the
            # pack's "x30", the "Desc." column; "Dinero Electrónico" (e-money)
            # still not read as a tender (flagged)
            "sri-ec": floor(178, tender=178),
            # safety24: the card's "Dto. IVA Ley 19.210" row a discount line;
            # rules24: "Tarjeta crédito", "Nota de Crédito de e-Ticket" a refund
            "eticket-uy": floor(200),
            # safety24: the Arabic receipts' subtotal, number, way paid, paid
            # and change, and "07:23 م" (19:23) read
            "egypt-pos": floor(200),
            "kggs-wisepay": floor(200),
            "edc-scot": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "Dinero Electrónico", "Installments",
                 "تقسيط", None},
        # IVA, VAT on top (``tax_on_top=``), a service charge, a card surcharge and
        # an embroidery fee (``fee=``), New Zealand's cash rounding (``rounding=``).
        beyond_lines=lambda notes: sum(int(n.partition("=")[2]) for n in notes),
        codepages={"CP437", "CP850", "CP858", "CP1256", "AUTO"},
        varies=("a day with no time", "notes", "seconds printed", "accounts", "pound sign",
                "crlf and no cut", "12-hour clock"),
    ),
    HoldoutSet(
        "holdout25",
        # The twenty-fifth: UK and Irish school tills only, on their hard days;
        # measured blind at ee61aef (15.5% fully right; no total, kind, account or
        # tender read as a wrong value without a flag; 44.9% silently wrong, all
        # an account left unread or lines misread with the total right). Its
        # README: what goes wrong, in the paper's terms.
        floor={
            # safety25: the staff member's "Staff account   Acc No: S0245" read
            "ea-ni": floor(200),
            # safety25: "Card 6049989  C. MacLeod" the account (a school card printed
            # whole with its holder's name), "Refunded to payment card" the account
            "fuelzone-gla": floor(200),
            # safety25: "CYFANSWM/TOTAL", "Cyfrif/Account", "Cyfrif/Acc:" read (two
            # labels joined by "/" alone); rules28: a sale voided to £0.00
            # "Cyfrif/Account £0.00" paid by that one way (was unread_tender)
            "pembs-cy": floor(200),
            "tfw-ie": floor(200),  # safety25: "Card 101963 Emma Nolan" read
            # two pupils' cards on one slip: rules25: every pupil's lines (a
            # subtotal per section), "Smart Card 004875" the account's part; the
            # account none (safety25: unread_account, a person says whose)
            "sac-ie": floor(200),
            # "Current credit:£23.00" a balance (safety25); rules25: "Meals: 10" the
            # line for the total paid; "Code: 614" never read by the defaults
            # (unread_account; a profile reads it)
            "trust-kitchen": floor(0, account=0),
            # rules25: "Amount Paid: GBP 6.00" the total and "Purpose:" its one line
            # (a payment receipt), "Reg No: ADM2402" under the student the account;
            # safety25: "Mode: Redeemed from Prepayment" the account
            "cash-office": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "cheque", "Prepayment", None},
        beyond_lines=lambda notes: 0,  # no tax on top, no fee: the lines make the total
        codepages={"CP437", "CP850", "CP858", "CP1252", "AUTO"},
        varies=("seconds printed", "accounts", "pound sign", "crlf and no cut", "euro"),
    ),
    HoldoutSet(
        "holdout26",
        # The twenty-sixth: UK school and college catering tills only, on their
        # hard days; measured blind at a3b847a (35.7% fully right; no total,
        # kind, account or tender read as a wrong value without a flag by the
        # defaults; 15.6% silently wrong: a swipe card's account unread, a
        # quantity read into a name, a meal token's lines). Its README: what
        # goes wrong, in the paper's terms.
        floor={
            # safety26: "Cash Amount:" the cash handed over (a tender's word and
            # "amount"); rules27: "TN: SA260001" the transaction's number
            "holycross-sfc": floor(200),
            # rules27: "Price: £3.85" the meal under "Meal:", "TOKEN # 001" the
            # number, "Date:"/"Time:" the sale's moment (not the printout's
            # seconds); rules28: the meal plan's "1 meal" the account paying
            # the meal's price (and a split with the extras' card), a cancelled
            # token's "Returned to plan: 1 meal" the refund to it
            "meal-token": floor(200),
            "lancs-swipe": floor(200),  # safety26: "Swipe card 578993" the account
            # safety26: labels with their English in brackets read as the known
            # half ("Cyfanswm (Total)", "Cyfrif (Acc): 45225", "AD-DALIAD (REFUND)")
            "ebbw-cy": floor(200),
            # safety26: money paid in a line ("Cheque added to account", "Deposit
            # to EPOS account", "Cashback to account"); "1 2 course meal" one of
            # "2 course meal"
            "highland-pin": floor(200),
            "uni-canteen": floor(200),
            "pkc-nec": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "cheque", None},
        beyond_lines=lambda notes: 0,  # no tax on top, no fee: the lines make the total
        codepages={"CP437", "CP850", "CP858", "AUTO"},
        varies=("seconds printed", "accounts", "pound sign", "crlf and no cut"),
    ),
    HoldoutSet(
        "holdout27",
        # The twenty-seventh: UK school and college tills on their hard days in
        # other schools', councils' and suppliers' words; measured blind at
        # 90d205a (15.9% fully right; 132 receipts trusted wrong by the
        # defaults: a tender printed and read as nothing, no review flag). Its
        # README: what goes wrong, in the paper's terms.
        floor={
            # safety27: the one "SERVICE      : Grab bag lunch" row the line (a
            # payment slip's purpose), "SUID / ID" under "STUDENT NAME :" the account
            "kiosk-ea": floor(200),
            # safety27: "Payment   Refund to Campus Card" the way back; "Meal
            # Plan" the student's account
            "su-cafe": floor(200),
            # safety27: labels set apart by " | " read as either half ("TOTAL |
            # CYFANSWM", "Account | Cyfrif: 342411"); Welsh "Cyfrif" the account's label
            "cardiff-bio": floor(200),
            # safety27: the English alone on the row beneath ("CYFANSWM" / "  TOTAL")
            "wrexham-cy": floor(200),
            # safety27: "Ref 18332" under the child's row the account (two
            # children: none, flagged); "Cash given", "Cash returned"
            "durham-office": floor(200),
            # safety27: "Cashless balance £6.00" over "Balance remaining" the
            # account paying (after "FSM allowance", the rest: a split); "ID
            # 3961  (Finger)" under the pupil's row the account. rules28: the 2
            # staff sales voided to £0.00 ("Debit card" / "Cash" at £0.00) paid
            # by that one way (flagged unread_tender before)
            "kg-finger": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "cheque", None},
        beyond_lines=lambda notes: 0,  # no tax on top, no fee: the lines make the total
        codepages={"CP437", "CP850", "CP858", "AUTO"},
        varies=("a day with no time", "seconds printed", "accounts", "pound sign",
                "crlf and no cut"),
        # Blind at 90d205a, 132 (a tender printed and read as nothing under no
        # review flag: kg-finger's "Cashless balance £6.00" above "Balance
        # remaining", su-cafe's "Payment   Refund to Campus Card"); none since
        # safety27.
        trusted_wrong={},
    ),
    HoldoutSet(
        "holdout28",
        # The twenty-eighth: UK school, college and university catering tills
        # on their hard days in other schools', councils' and caterers' words;
        # measured blind at 1cdde1f (37.6% fully right; no receipt trusted
        # wrong by the defaults). Its README: what goes wrong, in the paper's terms.
        floor={
            # safety28: "Method: Cash refund", "Refund to card" the way back,
            # "Admission No.: 2956 / 2313" no one account (flagged); rules29:
            # "Purpose:" / "Amount: £11.40" / "Method: Card" a slip's sum paid
            "office-fee": floor(200),
            # rules29: "Meal Plan (Total):" the total and the way paid, so
            # "Service Charges (2%):" a charge on top; a name cut at 21 goes on
            # on the row beneath ("breakfas" / "  t": lines_ambiguous)
            "hall-servery": floor(200),
            # safety28: Welsh first, the English after " - " ("CYFANSWM - TOTAL")
            "gwynedd-cy": floor(200),
            "mellors-bio": floor(200),
            # "Meal entitlement" then "Account" (a split) read as the account
            "oasis-tutor": floor(132, tender=132),
            # safety28: "Pupil: S4 / 4E2" the year group, no account; "FSM daily
            # allowance -2.40" the free meal
            "milnes-yscot": floor(200),
            # safety28: "Paid in cash" is cash
            "chit-tuck": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "cheque", None},
        # a hall's 2 % service charge on top of its lines (tax_on_top= notes)
        beyond_lines=_tax_on_top,
        codepages={"CP437", "CP850", "CP858", "AUTO"},
        varies=("a day with no time", "seconds printed", "accounts", "pound sign",
                "crlf and no cut", "12-hour clock", "notes"),
        trusted_wrong={},
    ),
    HoldoutSet(
        "holdout29",
        # The twenty-ninth: UK school, college and university catering tills
        # on their hard days in other schools', councils' and caterers' words;
        # measured blind at 03b5530 (28.3% fully right; 97 receipts trusted
        # wrong by the defaults, all bgu-ppmc's). Its README: what goes wrong,
        # in the paper's terms.
        floor={
            # "For:" / "Amount: £4.75" / "Paid by: Cash" in double size not read
            # (unparsed; 0 before rules30: "For:" names what a slip paid for, ITEMS.md)
            "najah-month": floor(200),
            # "Bursary meal: £2.75" (the 16-19 free meal) not read as the free meal
            "limhs-token": floor(118, tender=118),
            # "Cinio am ddim  Free meal £2.60", "Siec  Cheque", "I'r cyfrif  To
            # account" (two columns, one gap) read as the way paid since rules30
            # (130 before: one way in two languages, TENDERS.md); the account
            # "Rhif cyfrif   Account no.   67872" read since safety29b (0 before:
            # unflagged)
            "denbigh-cy": floor(200),
            # "Prepaid meal card £7.95" and "Meal card (barcode) 20719077" read
            # as the account since safety29b (37 before; 97 trusted wrong)
            "bgu-ppmc": floor(200),
            # "To college bill" read as the account since rules30 (41 before)
            "trinhall-bill": floor(200),
            "builth-thumb": floor(200),
            # "Card no. 72277076   Tutor 9SH" not read as the account (flagged
            # unread_account since safety29b); the dot leaders ("Bagel.....1.20")
            # and "FSM today" read since safety29b (0 before, lines 0)
            # ... read since rules30, the card under its holder's row "Pupil  KAUR
            # Ffion" (8 before: NUMBERS.md)
            "comberton-card": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", "cheque", None},
        beyond_lines=lambda notes: 0,  # no tax on top, no fee: the lines make the total
        codepages={"CP437", "CP850", "CP858", "AUTO"},
        varies=("seconds printed", "accounts", "pound sign", "crlf and no cut", "no number"),
        # Blind at 03b5530, 97: the prepaid meal card ("Prepaid meal card
        # £7.95" over "Meal card remaining") read as no tender, no review flag;
        # 0 since safety29b (TENDERS.md, "A school's card paid into ahead").
        trusted_wrong={},
    ),
    HoldoutSet(
        "holdout30",
        # The thirtieth: UK and Irish school, college and university catering
        # tills on their hard days in other people's words; measured blind at
        # ac802c8. Its README: what goes wrong, in the paper's terms.
        floor={
            "onefaith-sixth": floor(200),
            "cafe16-wpf": floor(200),
            # (186 blind: the terminal's top-ups, "Cash top-up 20.00" / "Cash
            # inserted 20.00", not read; safety30b reads "Cash inserted" as
            # cash put in, the total, flagged total_unsure: none printed)
            "rct-bilingual": floor(200),
            # (144 blind: "Free meal entitlement 2.35" alone and a visitor's
            # "Cash tendered" / "Change given" read as a split not adding up,
            # the footer's "Pay online with ParentPay" read as a way paid;
            # the cash paid into the account, "Cash paid into dinner money
            # account 20.00", read as cash paying, no line, no total.) rules31:
            # "Pay" and where or how is an instruction; money paid into an
            # account is a line (TENDERS.md); the pay-ins flagged total_unsure
            "edinburgh-finger": floor(200),
            # (46 blind: "Diners+ Lunch 4.95" not read as a line, "cash+ 4.75"
            # read as cash, no review flag, 29.) safety30b: the "+" is the
            # word's, "diners+ (1 meal)" the plan's units (account); "cash+"
            # alone is a word no table knows, flagged unread_tender (29), and
            # "diners+" then "cash+" read as the plan, flagged (32): right
            # since the lead's ruling (two purses on the card: the account)
            # rules31: "cash+" over its own "cash+ balance" on a slip naming
            # the card's holder is the account (TENDERS.md, "A purse that
            # prints its own balance"); the refunds "Credited to cash+" (no
            # balance printed) flagged, 7
            "lboro-diners": floor(193, tender=193),
            # ("TOTAL RECEIVED £9.20" read as a line, no total, unparsed:
            # 0 blind; what a receipt for money taken came to since session
            # 24's lead, as "Total paid": total_labels._PLAIN)
            "sefton-office": floor(200),
            # (the meal plan's unit then "Card balance" is the account: the
            # lead's ruling after the blind measure, its README: 18 -> 32
            # right.) rules31: "Card balance €9.60" over "Balance now" is the
            # card's own balance paying, the account; "PRE-ORDER collected
            # 13.05" a time; "REFUND - item unavailable" the refund's total
            "foodex-ie": floor(200),
        },
        tenders={"cash", "card", "account", "fsm", None},
        beyond_lines=lambda notes: 0,  # no tax on top, no fee: the lines make the total
        codepages={"CP437", "CP850", "CP858", "AUTO"},
        varies=("seconds printed", "accounts", "pound sign", "euro", "crlf and no cut"),
        # Blind at ac802c8, 29: "cash+ 4.75" over "cash+ balance" (the money
        # on a university card) read as cash, no review flag; 0 since
        # safety30b (NUMBERS.md, "A plus glued to a word").
        trusted_wrong={},
    ),
    HoldoutSet(
        "holdout31",
        # The thirty-first: UK school and college catering tills and offices
        # in other schools' and caterers' words; measured blind at 9045956
        # (30.0% fully right; 9 receipts trusted wrong by the defaults, all
        # breakfast-club's). Its README: what goes wrong, in the paper's terms.
        floor={
            # (0 blind: "Booking no. 26-400" not read, silent; the week booked,
            # "Week commencing: Mon 02/02/2026", read as the day paid; "Tax-Free
            # Childcare" read as no tender, no review flag, 9.) safety31: the
            # booking's number, the day paid, Tax-Free Childcare as printed;
            # the employer's childcare vouchers "voucher" (flagged, the truth
            # mended to the contract's convention). Left: "Early Birds 7.40am"
            # read as "Early Birds am"; "Credit b/f (absent 05/06) -1.50" not
            # read (unparsed). safety31 later: "Early Birds 7.40am" and "Family
            # cap (£3.00 a day)" read (a time, a rate: no prices)
            "breakfast-club": floor(171, lines=171),
            # "Meal cost 2.45" read as a line, no total (unparsed)
            "diet-preorder": floor(14, total=14, lines=14, tender=153),
            # "Credit c/f to next month" and "Meals not taken c/f" not read
            # (unparsed; 1 silent, the two cancelling out). (28 blind:
            # "Cash in envelope" read as no tender, flagged; "EA ref: 1678901"
            # under the child's row not read, silent: both read since safety31)
            "ea-dinner": floor(130, lines=130),
            # (44 blind: "Learner: 21376014   Callum Jones" not read, silent;
            # the free college meal then the rest read as the card or nothing,
            # flagged: both read since safety31)
            "fcm-thumb": floor(200),
            "gaidhlig-cnes": floor(200),
            # (27 blind: "House bank" read as no tender or as printed, flagged;
            # "House bank a/c SH-0844" not read, silent: both read since safety31)
            "house-bank": floor(200),
            # "Revision guide - GCSE English" / "Literature  1  6.00" read as
            # its last row, flagged lines_ambiguous (a note over the next item,
            # or its first row?). (107 blind: every name wrapped onto a second
            # row read as its last row, silent; "Paid via:  ParentPay balance"
            # kept as printed, flagged: safety31 joins the rows that say so and
            # reads the balance as the account)
            "office-shop": floor(171, lines=171),
        },
        tenders={"cash", "card", "account", "fsm", "cheque", "voucher", "Tax-Free Childcare",
                 None},
        beyond_lines=lambda notes: 0,  # no tax on top, no fee: the lines make the total
        codepages={"CP437", "CP850", "CP858", "AUTO"},
        varies=("seconds printed", "accounts", "pound sign", "crlf and no cut"),
        # Blind at 9045956, 9: "Tax-Free Childcare £4.50" (the government's
        # childcare account paying the club) read as no tender, no review flag;
        # 0 since safety31 (TENDERS.md, "Tax-Free Childcare").
        trusted_wrong={},
    ),
]


def _each_layout(sets: list[HoldoutSet], of: Callable[[HoldoutSet], list[str]]) -> list[Any]:
    return [pytest.param(s, lay, id=f"{s.name}:{lay}") for s in sets for lay in of(s)]


EACH_LAYOUT = _each_layout(SETS, lambda s: s.layouts)
EACH_PRINTED_LAYOUT = _each_layout([s for s in SETS if s.printed], lambda s: s.layouts)
EACH_FLOOR = _each_layout(SETS, lambda s: sorted(s.floor))
EACH_SET = [pytest.param(s, id=s.name) for s in SETS]


@pytest.mark.parametrize(("hs", "layout"), EACH_LAYOUT)
def test_every_holdout_rendering_decodes_to_one_receipt_with_no_unknown_command(hs, layout):
    checks.scored_renderings_decode_to_one_receipt_with_no_unknown_command(f"{hs.name}:{layout}")


@pytest.mark.parametrize(("hs", "layout"), EACH_PRINTED_LAYOUT)
def test_the_agents_decoder_gives_back_every_line_we_printed(hs, layout):
    checks.decoder_gives_back_every_printed_line(hs.package.rendered, layout,
                                                 f"{hs.name}:{layout}")


@pytest.mark.parametrize(("hs", "layout"), EACH_LAYOUT)
def test_the_same_seed_renders_the_same_holdout_receipts_and_another_seed_others(hs, layout):
    checks.same_seed_same_receipts(hs.package.corpus, layout)


@pytest.mark.parametrize(("hs", "layout"), EACH_LAYOUT)
def test_the_holdout_truths_add_up_to_the_total_and_refunds_are_negative(hs, layout):
    checks.truths_add_up(hs.receipts, layout, hs.beyond_lines)


@pytest.mark.parametrize("hs", EACH_SET)
def test_the_holdout_corpus_varies_what_real_tills_vary(hs):
    receipts = [r for lay in hs.layouts for r in hs.receipts(lay, 100, 1)]
    truths = [t for _, t in receipts]
    assert {t.kind for t in truths} == {"sale", "refund"}
    assert {t.tender for t in truths} >= hs.tenders
    assert any(q > 1 for t in truths for _, q, _ in t.lines)
    assert any(a < 0 for t in truths for _, _, a in t.lines)  # discounts
    offsets = {t.date[19:] for t in truths if t.date and len(t.date) > 10}
    assert offsets == {"+00:00", "+01:00"}  # GMT and BST
    for what in hs.varies:
        assert VARIES[what](receipts), what
    if hs.codepages:
        assert {p.codepage for p, _ in receipts} >= hs.codepages


@pytest.mark.parametrize("hs", EACH_SET)
def test_the_scoreboard_prints_the_holdout_group_beside_the_others(hs, capsys):
    checks.scoreboard_prints_the_group(hs.name, [f"{hs.name}:{k}" for k in hs.layouts], capsys)


@pytest.mark.parametrize(("hs", "layout"), EACH_FLOOR)
def test_the_default_rules_read_the_holdout_at_least_as_well_as_when_it_was_written(hs, layout):
    checks.reads_at_least(hs.name, layout, hs.floor[layout])
    # And no total or tender read wrong without a flag, from the same reading
    # of the same receipts: a wrong answer the agent trusts is worse than a
    # flagged receipt: held at 0 on every set, the blind ones included, but
    # where a set found some when written (its ceiling, which may only fall).
    assert score(f"{hs.name}:{layout}", 200, seed=11).trusted_wrong <= hs.trusted_wrong.get(
        layout, 0)
