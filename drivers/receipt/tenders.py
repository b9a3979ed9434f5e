"""Tenders: the words tills print for how a sale was paid, and the
contract's word (``cash``, ``card``, ``account``, ``fsm``) for each."""

from __future__ import annotations

import functools
import re

from drivers.receipt.amounts import _CURRENCY_IN_BRACKETS
from drivers.receipt.tender_words import (
    CARD_WORDS,
    CASH_WORDS,
    CHEQUE_WORDS,
    GENERIC_WALLET_WORDS,
    NETWORK_CARD,
    NETWORK_WORDS,
    PAYMENT_LABELS,
    TRANSFER_WORDS,
    WALLET_WORDS,
    balance_purse,
    debited_from,
    purse_of_way,
    taken_from,
)
from drivers.receipt.vocabulary import Vocabulary

UNMAPPED_TENDER = "unmapped_tender"
CONTRACT_TENDERS = ("cash", "card", "account", "fsm")
# Printed tender words -> the contract's word (casefolded, single-spaced).
TENDERS: dict[str, str] = {
    **dict.fromkeys(("cash", "cash sale", "notes and coins", "ca",  # "CA": a cash register's tape
                     # dinner money sent to a school office ("Cash in envelope")
                     "cash in envelope",
                     # other languages real tills print: pt, es, de, fr, it, nl
                     "numerário", "numerario", "dinheiro", "efectivo", "efetivo", "contado",
                     # not "Bar" alone: a chocolate bar is an item
                     "bargeld", "barzahlung", "espèces", "especes", "liquide", "contanti",
                     "contant", "kontant", "kontanter", "gotówka", "gotowka",
                     "tunai"), "cash"),  # Indonesian and Malay
    **dict.fromkeys(CASH_WORDS, "cash"),
    **dict.fromkeys(("card", "credit card", "debit card", "contactless", "visa", "visa debit",
                     "visa credit", "mastercard", "maestro", "amex", "american express",
                     "card sale", "mag card", "card payment", "chip and pin", "chip & pin",
                     "eftpos", "eft", "credit/debit card", "bank card", "debit",
                     "multibanco", "cartão", "cartao", "cartão de débito", "cartão de crédito",
                     "tarjeta", "tarjeta de crédito", "tarjeta de débito", "tarjeta de credito",
                     "tarjeta de debito", "karte", "kartenzahlung", "ec-karte", "ec karte",
                     "girocard", "kreditkarte", "carte", "carte bancaire", "cb", "carta",
                     "bancomat", "pinpas",
                     # at: the debit card by its network's name ("Bankomatkarte")
                     "bankomat", "bankomatkarte", "bankomatzahlung",
                     # nl "PIN", sv/da/no "Kort", pl "Karta", it, fr, de contactless
                     "pin", "pinbetaling", "kort", "kortbetaling", "karta", "carta di credito",
                     "carta di debito", "pagobancomat", "carte bleue", "sans contact",
                     "kontaktlos"), "card"),
    **dict.fromkeys(CARD_WORDS, "card"),
    # a national debit network alone ("NETS"): the journal's word for it is card
    **dict.fromkeys(NETWORK_WORDS, "card"),
    **dict.fromkeys(("account", "acc", "acct", "on account", "pupil account", "student account",
                     "customer account", "cashless", "cashless account", "debt", "due",
                     "charge to account", "dinner money", "biometric",
                     # Welsh "to the account", "from the account" (TENDERS.md)
                     "i'r cyfrif", "o'r cyfrif",
                     # a staff canteen's pay deducted from the salary
                     "salary deduction", "payroll deduction", "salary"), "account"),
    **dict.fromkeys(("fsm", "free", "free meal", "free meals", "free school meal",
                     "free school meals", "fsm allowance", "meal allowance", "uifsm",
                     "universal free school meal", "universal free school meals",
                     "free meal allowance", "free school meal allowance",
                     # the day's free meal credited to the pupil's purse
                     "free meal credit", "free meals credit", "free school meal credit",
                     "fsm credit",
                     # Welsh: the Welsh Government's and councils' "Prydau Ysgol am
                     # Ddim" (free school meals), "cinio am ddim" (a free lunch)
                     "prydau ysgol am ddim", "pryd ysgol am ddim", "prydau am ddim",
                     "pryd am ddim", "cinio am ddim", "cinio ysgol am ddim"), "fsm"),
}
# How it was paid, labelled, in the languages tills print ("Paid by",
# "Method", "Metode", "Forma de pago", "Zahlungsart", "Dull talu"): the way
# the money went follows, paid or paid back ("Metode: Refunded in cash").
_PAYMENT_LABEL = (
    PAYMENT_LABELS + r"|"
    # ("Paid in cash": a parent at a tuck shop; never "Paid in full")
    r"paid\s+(?:by|with|from|via|using|in(?!\s+full\b))|paid|pay(?:ment)?\s+(?:by|received)|"
    r"pay|"  # "Pay Cash  700.00": how it was paid, after the verb alone
    r"payment(?:\s+(?:method|type|mode))?|(?:mode|method)(?:\s+of\s+payment)?|"
    r"m[eé]tod[oe](?:\s+de\s+(?:pago|pagamento)|\s+pembayaran)?|"  # "Método: Tarjeta", "Metode:"
    r"settled(?:\s+(?:by|with))?|settlement|"
    r"tender(?:ed)?(?:\s+(?:type|by))?|"
    r"(?:pag[oó]|pagado|pagou|pago)\s+(?:con|com|en|em)|"  # "PAGÓ CON TARJETA"
    r"(?:forma\s+de\s+|meio\s+de\s+|modo\s+de\s+)?(?:pagamento|pago)|"
    r"zahl(?:ung)?(?:s?art|weise)?|bezahlt(?:\s+mit)?|(?:mode\s+de\s+)?(?:paiement|r[eè]glement)|"
    r"pagato(?:\s+con)?|"
    # Indonesian and Malay: "Metode: QRIS", "Metode pembayaran", "Cara bayar"
    r"metode(?:\s+(?:pembayaran|bayar))?|pembayaran|cara\s+(?:bayar|pembayaran)")
# A payment's label, then the way the money went back on a refund ("Payment
# Refund to Campus Card", "Payment method: Refunded to cash", "Method: Refund to
# card"): the way is the
# tender (read as ``_TENDER_LABELLED`` reads "Refund to Campus Card" alone).
_PAID_BACK_LABELLED = re.compile(r"^(?:" + _PAYMENT_LABEL + r")\s*[:\-]?\s+"
                                 r"(?P<way>(?:refund(?:ed)?|returned|credited)\s+"
                                 r"(?:back\s+)?(?:to|into|onto|in)\s+[^\W\d_].*)$", re.I)
# The verb alone before a way ("Pay Cash  700.00"): how it was paid only
# where the way is the tables' or the families' words, and says no where or
# how (``_HOW_TO_PAY``): those make it an instruction, a footer's ("Pay
# online with ParentPay", "Pay at the office").
_BARE_PAY = re.compile(r"pay\s*[:\-]?\s*$", re.I)
_HOW_TO_PAY = re.compile(r"\b(?:online|with|via|at|using|through|here|now|today|in\s+advance)\b",
                         re.I)
# Tender words that are items too (a chocolate "Bar"), or name more than a
# tender ("POS 5419": the till's point of sale): tenders only under a
# tender's label ("Zahlungsart: Bar", Nigeria's "Payment: POS", the card
# terminal).
_LABELLED_ONLY = {"bar": "cash", "pos": "card"}
# Tenders real tills print that the contract has no word for: read (and
# flagged) as tenders, never as items.
# (a bank or wire transfer by those words is ``TRANSFER_WORDS``': the contract's
# bank transfer, sent as named)
UNMAPPED_TENDERS = ("check", "voucher", "gift card", "gift voucher", "note",
                    "slip", "ticket restaurant", "buono pasto",
                    "online", "parentpay", "bank", "transfer", "bacs",
                    "paypal", "token", "tokens",
                    # a gift card in other languages: no contract word either
                    "carte cadeau", "tarjeta regalo", "cartão presente", "cartao presente",
                    "geschenkkarte", "gutschein", "karta podarunkowa", "buono regalo",
                    # A card on Casio/Sharp ECRs, an account at some school tills: the
                    # site maps it ([receipt.tenders]); a wrong guess charges a parent.
                    "charge", "ch",
                    # A credit card on US and Australian tills ("Credit Paid"),
                    # the account's credit on a school's: the site maps it.
                    "credit") + WALLET_WORDS + TRANSFER_WORDS + CHEQUE_WORDS
# Words that say the sale was paid in several tenders without naming them
# ("Payment Method: Split"): no one tender, and the parts are not printed.
SEVERAL_TENDERS = ("split", "split payment", "split tender", "mixed", "mixed payment",
                   "multiple", "multiple payments", "multi tender", "multi-tender")
SPLIT_UNREAD = "split_unread"
# The money went back, in other languages than English, the way after the
# words (KIND.md, "A way back in other languages"): Spanish "DEVOLUCIÓN A
# TARJETA", "Reembolso en efectivo", Portuguese "Estorno em dinheiro",
# French "Remboursement espèces", "Remboursé sur carte", Italian "Rimborso",
# German "Erstattung bar", "Rückerstattung bar", Dutch "Terugbetaald",
# Nordic "Tilbagebetalt kontant", "Tilbage til Dankort", Welsh "Ad-daliad
# arian parod", Irish "Aisíocaíocht" / "Aisíoctha" (refund, refunded),
# Polish "Zwrot" (a refund; the change is "Reszta").
_BACK_ABROAD = (
    r"reembolso|devoluci[oó]n|devolu[cç][aã]o|estorno|remboursement|rimborso|"
    r"(?:r[üu]ck)?erstattung|terugbetaling|zwrot|"
    # ... and refunded: no, da, sv, nl, fi, et, de, fr, es, it, ga
    r"tilbakebetalt|tilbagebetalt|[åa]terbetalt|terugbetaald|palautettu|tagastatud|"
    r"zur[üu]ckerstattet|rembours[ée]|reembolsado|rimborsato|ais[ií]octha|"
    # ... and back to: da/no "Tilbage til Dankort", "Retur til Dankort" ("Retur"
    # alone is the change given back), sv "Åter till"
    r"tilbage\s+til|tilbake\s+til|retur\s+till?|[åa]ter\s+till|"
    # ... and es/pt "Devuelto en efectivo", "Devolvido em dinheiro" (returned in cash)
    r"devuelt[oa]|devolvid[oa]|"
    # ... and Welsh, Irish (``doc_words.MORE_REFUND_WORDS`` cites them)
    r"ad[-\s]?daliad|ais[ií]oca[ií]ocht")
# ... then how ("a", "en", "auf", "sur", "op", Welsh "i'r", Irish "le",
# "chuig"; an article after it: "a la cuenta", "sur le compte") and the way,
# which the tables must know as a tender: never a word that names no way of
# paying ("Erstattung Pfand": a deposit's money back on a sale's line).
_BACK_HOW = (r"(?:\s+(?:en|em|a|al|à|in|par|per|por|su|auf|an|sur|na|no|i|i'r|til|till|op|naar|"
             r"via|le|ar|chuig)(?=\s))?(?:\s+(?:la|le|el|o|den|die|das|der)(?=\s))?")
# (the way ends where the line does, or at an amount, a currency's mark or
# a bracket after it: "ESTORNO NO CARTÃO  9600.00 руб.", "Tilbage til
# Dankort  8808", a card's last digits; "Erstattung bar (envelope)")
_WAY_BACK_ABROAD = re.compile(r"^(?:" + _BACK_ABROAD + r")" + _BACK_HOW
                              + r"(?:\s*[:\-]\s*|\s+)(?P<way>[^\W\d_][\w &/'-]*?)"
                              r"\s*(?:$|(?=[\d(£$€]))", re.I)


def way_back_abroad(label: str) -> str | None:
    """The way ``label`` says the money went back in another language than
    English, as printed ("DEVOLUCIÓN A TARJETA" -> "TARJETA", "Erstattung
    bar" -> "bar"), where the tables know it as a tender; else None.
    ``label``: the text before a line's amount, or a line without one."""
    m = _WAY_BACK_ABROAD.match(label)
    if m is None:
        return None
    k = _key(m["way"])  # ("bar": cash after a tender's label or a way back, TENDERS.md)
    return m["way"] if _known(k) or k in _LABELLED_ONLY else None


# A tender with its label: "Paid by: Card", "Payment: Cashless", "Refunded in cash",
# "Credited CASHLESS", and in other languages ("Pagamento: Cash",
# "Forma de pago: Efectivo", "Zahlungsart: Bar", "Mode de paiement: CB").
_TENDER_LABELLED = re.compile(
    # how a refund's money went back: "Back by: Cash", "Paid back in cash"
    # (TENDERS.md): tried before "paid", whose way would be "back in cash"
    r"^(?:(?:paid\s+|given\s+)?back\s+(?:by|in|via|with|using)|" + _PAYMENT_LABEL + r"|"
    r"(?:refund(?:ed)?|returned|credited|charged)(?:\s+(?:to|in|into|by|on|via|using))?|"
    r"back\s+(?:to|into|onto)|"  # a refund: "Back to dinner money"
    # a refund in other languages: "REEMBOLSO EN EFECTIVO", "Estorno em dinheiro"
    r"(?:" + _BACK_ABROAD + r"|"
    # ... and cs/sk ("Vrátené - Hotovosť": returned in cash; alone, the change)
    r"vr[áa]ten[ée]|vr[áa]ceno|"
    # ... and Greek "Επιστροφή: Κάρτα" (returned to the card, a credit note's)
    r"επιστροφ[ήη]|"
    # ... and da/no "Retur til Dankort" ("Retur" alone: the change given back)
    r"retur(?:\s+(?:til|till))?)" + _BACK_HOW + r")"
    r"(?:\s*[:\-]\s*|\s+)\(?"  # "Paid (Card)"
    # not a tender: an amount's word, what a banner names ("Refund Transaction",
    # "REFUND VOID REFUND"), or a preposition with nothing after it ("Paid with")
    # ... nor what became of the payment ("Refund processed", "Payment approved")
    r"(?!(?:amount|total|sum|value|in\s+full|transaction|receipt|sale|items?|merchandise|"
    r"goods|processed|complete[d]?|approved|accepted|declined|issued|successful)\b)"
    # ... nor a banner's words after it ("REFUND - returned item"); a way and
    # "refund" after it alone is how the money went back ("Method: Cash refund")
    r"(?:(?=[^\W\d_]+\s+refund(?:ed)?\s*$)|(?!.*\b(?:refund(?:ed)?|return(?:ed|s)?|void(?:ed)?|"
    r"cancel+ed)\b))"
    r"(?!(?:with|by|from|to|on|at|in|is|via|con|com|por|en|em|de|mit|avec|par)\s*$)"
    r"(?P<tender>[^\W\d_][\w &/'-]{0,30}?\+?)\)?\s*$", re.I)
# A card named by its brand or kind, whatever words beside it ("Debit
# Mastercard", "Visa Electron", "Amex Platinum"): a card. Not a brand's word
# with a "+" glued on: another name ("diners+", a university's meal plan,
# NUMBERS.md "A plus glued to a word").
_CARD_BRAND = re.compile(r"\b(?:visa|master\s?card|maestro|amex|american\s+express|discover|"
                         r"diners(?:\s+club)?|jcb|union\s?pay|girocard|v\s?pay|bancontact|interac|"
                         r"rupay|"
                         r"(?:debit|credit)\s+card|contactless|(?:apple|google|samsung)\s+(?:pay|wallet))\b(?!\+)",
                         re.I)
# A tender word with a word after it ("Cash tendered", "Card payment",
# "Cash received", "Cash refund", "Cash returned"), or the payment's reference or the card's
# masked number ("Card 577788", "Card ****1234", "Card ending 1234").
# ... or what was taken from it ("Account debit", "FSM allowance used"), or
# where ("Cash at till"). "Cash inserted": put into a terminal or kiosk
# (a top-up machine's slip, TENDERS.md), tendered.
_TENDER_SUFFIX = re.compile(r"^(?P<tender>.+?)\s+(?:(?:payment|paid|tendered|amount|sale|received|"
                            r"inserted|refund(?:ed)?|returned|debit(?:ed)?|deducted|used|redeemed)\b.*|"
                            r"at\s+(?:the\s+)?(?:till|counter|register|desk|kiosk|checkout)$|(?:ending(?:\s+in)?\s+|no\.?\s*)?"
                            r"[*xX#]*\d[\d*xX]{3,})$", re.I)
# Words and words in brackets after them: "Card (Chip & PIN)", "Amount tendered (Cash)".
_BRACKETED = re.compile(r"^(?P<word>[^()]+?)\s*\((?P<inside>[^()]+)\)$")
# A card's number printed masked ("Card Number:**** 8165", "Card No: XXXXXXXXXXXX1234"):
# a card paid, whatever the till calls it.
_MASKED_CARD = re.compile(r"\bcard\b.*?(?:\*{2,}|[xX]{4,})[\s*xX]*\d{4}\b", re.I)


# A payment card in the languages real tills print, named with what kind
# ("Karta płatnicza", "Tarjeta de crédito", "Cartão bancário", "Carte
# bancaire"), the "de" often left out ("Tarjeta crédito", "Carta credito",
# "Cartão débito": TENDERS.md); never a gift or loyalty card ("Carte
# cadeau", "Tarjeta regalo").
_CARD_WORDS = re.compile(r"^(?:karta|tarjeta|cart[aã]o|carte|karte|carta|kaart|kort|kartu)\s+"
                         r"(?:p[łl]atnicza|kredytowa|debetowa|zbli[żz]eniowa|bancaria|kredit|debit|"
                         r"banc[aá]ri[ao]|bancaire|(?:(?:de|di)\s+)?(?:cr[eé]dit[oa]?|d[eé]bit[oa]?)|"
                         r"(?:de\s+)?pagamento|de\s+pago|de\s+paiement|sans\s+contact|"
                         r"contactless)$")
# The shop's own stored value: a gift card, gift voucher or certificate,
# store credit, a voucher scheme by name (UK's Love2shop, One4all), whatever
# words beside it ("Gift Card  xxxx6120", "Visa Gift Card", "eGift"). The
# money was paid to the shop before (Square: a gift card tender reduces the
# card's balance and the merchant receives nothing), so it is never a bank
# ``card``, nor the pupil's account: the contract has no word for it, it is
# sent as printed and flagged ``unmapped_tender`` (TENDERS.md, "Gift cards").
_STORED_WORDS = (r"(?:gift\s?(?:cards?|vouchers?|certificates?|certs?|tokens?)|"
                 r"e-?gift(?:\s?cards?)?|store\s+credit|love2shop|one4all|"
                 r"carte\s+cadeau|tarjeta\s+regalo|geschenkkarte|gutschein|"
                 r"karta\s+podarunkowa|buono\s+regalo|cart[aã]o\s+presente)")
_STORED_VALUE = re.compile(r"\b" + _STORED_WORDS + r"\b")
# ... as a tender's whole name, a brand or a word or two before it ("Visa
# Gift Card", "Love2shop voucher"); its number after it is no part of it.
_STORED_NAME = r"(?:[^\W\d_][\w'-]*\s+){0,2}" + _STORED_WORDS + r"(?:\s+(?:vouchers?|cards?))?"
_STORED_VALUE_NAME = re.compile(r"^" + _STORED_NAME + r"$")
_STORED_VALUE_IN = re.compile(r"\b" + _STORED_NAME + r"\b", re.I)


def stored_value(k: str) -> bool:
    """Whether ``k`` (a ``_key``) names the shop's own stored value (a gift
    card or voucher by any words): never a bank card nor the account."""
    return _STORED_VALUE.search(k) is not None


# A free school meal however its till words it ("Free Meal Entitlement",
# "FSM Credit", "Universal free school meals", "Free meal allowance", "FSM
# Lunch Allowance"); England's universal infant free school meals (UIFSM,
# every pupil in reception and years 1 and 2: "Universal Infant Meal",
# "Infant Free Meal"; TENDERS.md).
# (England's 16-19 "Free College Meal", a daily allowance the college loads
# for a bursary student: Aquinas College's and Rotherham College's pages)
_FSM_TENDER = re.compile(r"^(?:universal\s+)?(?:infant\s+)?(?:free\s+(?:school\s+|college\s+)?"
                         r"(?:meals?|lunch(?:es)?|dinners?)|u?i?fsm|"
                         r"universal\s+infant\s+(?:free\s+)?(?:school\s+)?(?:meals?|lunch(?:es)?)|"
                         # a college's bursary purse: free-meal money (FE's meals
                         # funding), but perhaps not (``doubted_tender``)
                         r"bursary)"
                         # the meal it is for ("FSM Lunch Allowance", "Free meal
                         # breakfast credit"): a school's daily allowance per meal,
                         # perhaps said daily ("FSM daily allowance": Moray's, cleared
                         # after lunch)
                         r"(?:\s+daily)?(?:\s+(?:lunch(?:time)?|breakfast|break|dinner))?"
                         r"(?:\s+(?:allowance|credit|entitlement|grant|award|funding|allocation|"
                         r"purse|fund))?"
                         # the day's, placed on the card each morning ("FSM today
                         # £3.28": a village college's, TENDERS.md)
                         r"(?:\s+today)?$")


# Any kind of account paid from ("School Account", "School Meal Account"), a
# purse on it ("Food purse", "Drinks purse": a stored-value card's), or a
# bill the member settles later ("College bill", "Room bill", Oxford's
# "Battels"): the pupil's or member's account.
# (A purse funded by a bursary or a grant is no guess: ``_FUNDED``. A phone's
# wallet, "Google Wallet", holds a bank card: never the account.)
_FUNDING = r"bursary|grant|award|subsidy|funded|funding"
_ACCOUNT_TENDER = re.compile(r"^(?!.*\b(?:your|my|new|old|previous|current|opening|closing|"
                             r"top|" + _FUNDING + r"|apple|google|samsung)\b)"
                             # "Cash Acct", "Meal A/C": the account abbreviated
                             r"(?:(?:[^\W\d_]+\s+){1,3}(?:account|acct|acc|a/c|purse|wallet)|"
                             r"(?:college|hall|room|house|mess|staff|member'?s?|termly)\s+bill|"
                             # a boarding house's bank (the boarders' pocket money
                             # the house keeps: Abingdon's handbook), and ParentPay's
                             # balance a school office takes payments from (TENDERS.md)
                             r"house\s+bank|parentpay\s+balance|"
                             r"battels|"
                             # a college's or university's meal plan, paid into
                             # the student's card ahead (TENDERS.md)
                             r"(?:[^\W\d_]+\s+){0,2}meal\s+plan|"
                             # ... and a plan by its own name, with the meals it
                             # paid in brackets ("diners+ (1 meal)": meal units
                             # loaded on a university's ID card; TENDERS.md)
                             r"[^\W\d_][\w+'-]*(?:\s+[^\W\d_][\w+'-]*){0,2}\s*"
                             r"\(\d{1,2}\s+meals?\)|"
                             # ParentPay, the online account UK schools' parents
                             # top up ("Cyfrif ParentPay": Welsh, its account)
                             r"(?:[^\W\d_]+\s+){0,2}parent\s?pay(?:\s+account)?)$")
# A stored-value card the pupil or student pays from ("Campus Card", "Swipe
# card", "Cashless card", "Student ID card"): the pupil's account, not a
# bank card.
# A card named for a university or college ("UniCard", "College card") or
# a staff canteen's card whose spend is taken from the salary ("Salary card")
# is such a card too.
# Paid into ahead ("Prepaid meal card", "Pre-paid campus card": money put on
# it before the meal, Bishop Grosseteste's "Pre-Payment Meal Card") it is
# still the school's card; "Prepaid card" alone may be a bank's (TENDERS.md).
_ACCOUNT_CARD = re.compile(r"^(?:pre-?paid\s+|pre-?payment\s+)?"
                           r"(?:campus|student|pupil|swipe|cashless|smart|meal|school|staff|"
                           r"dining|canteen|id|uni|university|college|salary)(?:\s+id)?\s?card$")


# A purse or wallet and, in brackets, what it holds ("Purse 2 (FM)": free
# meals, as school tills abbreviate them; "Wallet (Cash)": the pupil's own).
_PURSE_HOLDING = re.compile(r"^(?P<purse>.*\b(?:purse|wallet)\b[^()]*?)\s*"
                            r"\((?P<holds>[^()]+)\)$")
# A purse or wallet by any name: whose money it holds is not said unless its
# name or brackets say so ("Sold from Purse 1"): read as printed, flagged.
_PURSE_WORD = re.compile(r"\b(?:e-?)?(?:purse|wallet)\b")


def _held(holds: str) -> str | None:
    """The contract's word for the money a purse holds, as its brackets name
    it (``holds``, a ``_key``): free meals or the pupil's cash, else None."""
    if holds in ("fm", "fsm") or family_tender(holds) == "fsm":
        return "fsm"
    return "account" if TENDERS.get(holds) == "cash" else None


# Two of its patterns asked of nearly every key in vain: each only where the
# key holds what it needs (``vocabulary``).
_ACCOUNT_TENDERS = Vocabulary("account tender", (_ACCOUNT_TENDER,))
_CARD_BRANDS = Vocabulary("card brand", (_CARD_BRAND,))


def family_tender(k: str) -> str | None:
    """The contract's word for a tender ``k`` (a ``_key``) by the families of
    words tills print for it (a purse, a campus card, a free meal by any
    name, a card by its brand or its name in another language), or None."""
    if stored_value(k):
        return None  # "Visa Gift Card": the shop's stored value, no contract word
    if (purse := purse_of_way(k)) is not None:
        # "Taken from balance", "Returned to cash balance": the pupil's money
        return "account" if balance_purse(purse) else family_tender(purse)
    if (held := _PURSE_HOLDING.match(k)) is not None:
        return _held(held.group("holds"))
    if _FSM_TENDER.search(k):
        return "fsm"
    if _ACCOUNT_TENDERS.may_answer(k) and _ACCOUNT_TENDER.search(k) or _ACCOUNT_CARD.search(k):
        return "account"  # "School Account", "Meal Account", "Campus Card"
    if _CARD_BRANDS.may_answer(k) and _CARD_BRAND.search(k) or _CARD_WORDS.search(k) \
            or NETWORK_CARD.match(k):
        return "card"
    return None


# Wallets, instant payments, bank transfers and cheques by name: the
# receipt's word is the contract's ("what the receipt says"), paid outside
# the school's ledger; not a generic word a school's purse may share
# ("E-wallet").
_PAID_OUTSIDE = (frozenset(WALLET_WORDS + TRANSFER_WORDS + CHEQUE_WORDS)
                 - frozenset(GENERIC_WALLET_WORDS))


def paid_outside(k: str) -> bool:
    """Whether ``k`` (a ``_key``) names a wallet, an instant payment, a
    bank transfer or a cheque by its name ("PayNow", "MB WAY",
    "Transferencia", "Cheque"): money
    that never passed through the pupil's account, journaled as printed
    and not flagged (``sync/protocol.md``, "Tenders")."""
    return k in _PAID_OUTSIDE


# A surcharge for paying by card, as tills print it on top of the subtotal:
# "Card Surcharge", "Credit Card Surcharge", "EFTPOS surcharge", "Surcharge
# (Visa)", "Card fee". Card schemes and the law allow it only on a card
# payment (TENDERS.md): the receipt that prints one was paid by a card.
_CARD_SURCHARGE = re.compile(r"\b(?:(?:credit\s+|debit\s+)?card|credit|eftpos|visa|"
                             r"master\s?card|amex)\s+(?:surcharge|fee)\b|"
                             r"\bsurcharge\b.*\b(?:card|credit|eftpos|visa|master\s?card|amex)\b",
                             re.I)
# The words the tables leave to the site because at a school they may be
# the pupil's account ("Credit", "Charge"), and a card at a shop.
_CARD_OR_ACCOUNT = frozenset({"credit", "charge"})


def card_surcharge(description: str) -> bool:
    """Whether a charge on top of the subtotal (``description``) is a
    surcharge for paying by card ("Card Surcharge  $1.13")."""
    return _CARD_SURCHARGE.search(description) is not None


def card_or_account(k: str) -> bool:
    """Whether ``k`` (a ``_key``) is a way paid the tables leave to the site,
    a card at a shop, the account at some schools ("Credit Paid": "credit")."""
    return k in _CARD_OR_ACCOUNT


def named_free_meal(k: str) -> bool:
    """Whether ``k`` (a ``_key``) names a free meal in words ("Free Meal
    Entitlement", "FSM credit"): free meals at any till, no guess (not a
    bursary, which may be more: ``doubted_tender``)."""
    return _FSM_TENDER.search(k) is not None and not doubted_tender(k)


# Family words the guess may get wrong either way: a college's bursary is
# most often its free-meal money, but a bursary may pay for more than meals
# (then it is the student's account). Read by the guess, and flagged.
_DOUBTED = re.compile(r"\bbursary\b")


def doubted_tender(k: str) -> bool:
    """Whether the family word for ``k`` (a ``_key``) is a guess that may
    charge the wrong purse: flagged ``unmapped_tender`` unless the site's
    table names it (``[receipt.tenders]``)."""
    return _DOUBTED.search(k) is not None


# A Latin "i" in a Cyrillic word: Ukrainian printed where the code page
# has no "і" (CP866: "готiвка", "банкiвська карта") is the Cyrillic letter.
_LATIN_I = re.compile(r"(?<=[\u0400-\u04ff])i|i(?=[\u0400-\u04ff])")


@functools.lru_cache(maxsize=2048)  # a receipt keys its few tenders again and again
def _key(text: str) -> str:
    """A label as the tender tables are keyed: casefolded, single-spaced,
    without the currency in brackets after it."""
    if "(" in text:
        text = _CURRENCY_IN_BRACKETS.sub("", text)
    text = text.casefold()
    if not text.isascii():  # (a Cyrillic letter beside the "i" is never ASCII)
        text = _LATIN_I.sub("і", text)
    return " ".join(text.split())


def contract_tender(printed: str) -> str | None:
    """The contract's tender for a printed tender word by the built-in table
    ``TENDERS`` (any case and spacing), or None when the table has none."""
    return TENDERS.get(_key(printed))


def builtin_tender(k: str) -> str | None:
    """The contract's word for a tender ``k`` (a ``_key``) by the built-in
    table or the families of words tills print for it, or None (the rules
    without a site's own table: ``rules._contract_word_of`` adds that)."""
    return TENDERS.get(k) or family_tender(k)


# Money paid into the pupil's account at the till, named with where it went:
# a deposit, a top-up, a cheque added, a note's rest kept as credit
# ("Deposit to EPOS account", "Cheque added to account", "Cashback to
# account"): what the sale is (a line, ITEMS.md), never how it was paid.
# ... and money paid into it ("Cash paid into dinner money account": an
# Edinburgh pupil's cash credited at the till, holdout30 edinburgh-finger;
# into an account or a purse by name: "Cash paid to cashier" is the way paid).
# (Not "Cash Added to A/C £5.00" under a total paid from the account, holdout9's
# Tayside slip: cash handed over beside the sale, read as before.)
_PAID_IN = re.compile(r"^(?:(?:deposits?|top[\s-]?up|cash\s?back|cheque\s+added)\s+"
                      r"(?:to|into|onto)\s|"
                      r"(?:cash|cheques?|money)\s+paid\s+(?:in|on)?to\s+(?:the\s+)?"
                      r"(?:[^\W\d_]+\s+){0,3}(?:account|acct|a/c|purse|wallet|balance)\b)", re.I)


def labelled_way(label: str) -> str | None:
    """The way a payment's label opens ``label`` with, as printed ("Method:
    Cash refund" -> "Cash refund", "Method: Refund to card" -> "Refund to
    card"); None when no payment's label opens it. ``label``: a line, or the
    text before its amount."""
    if (m := _PAID_BACK_LABELLED.match(label)) is not None:
        return m.group("way")
    m = _TENDER_LABELLED.match(label)
    return m.group("tender") if m is not None else None


def _tender_word(label: str) -> str | None:
    """The tender ``label`` names, as printed, or None. ``label`` is the text
    before a line's amount, or a whole line without one."""
    if _PAID_IN_WORDS.may_answer(label) and _PAID_IN.match(label):
        return None
    if "(" in label:  # "Payment: Cash (GBP)": the currency is no part of the tender
        label = _CURRENCY_IN_BRACKETS.sub("", label)
    k = _key(label)
    if _SURCHARGE_WORDS.may_answer(k) and card_surcharge(k):
        return None  # "Credit Card Surcharge  $0.88": a charge for paying so, not a payment
    # The families' patterns are asked only where the key holds one of their
    # literals, the label's patterns only where the label as printed does
    # (``vocabulary``): most labels name no tender.
    families, labelled = _FAMILY_WORDS.may_answer(k), _LABEL_WORDS.may_answer(label)
    if families and (purse := purse_of_way(k)) is not None:
        if balance_purse(purse):
            return label  # "Taken from balance": the pupil's money, by the way it went
        if debited_from(k) and TENDERS.get(purse) == "card":
            # "Deducted from card": a pupil's stored-value card, or a bank card?
            # The whole phrase, which no table maps: flagged, never guessed.
            return label
        if _known(purse) or _PURSE_WORD.search(purse) or taken_from(k):
            # "From free meal allocation", "Returned to card"; "Sold from Purse 1"
            # (a purse by its number: whose money? flagged ``unmapped_tender``);
            # "Meal Credit Used" (what was taken from a purse no table names:
            # a tender, flagged; its part of a split where the parts add up)
            at = label.casefold().find(purse)  # as printed, if spaced as the key
            return label[at:at + len(purse)] if at >= 0 else purse
    if labelled and (m := _PAID_BACK_LABELLED.match(label)) is not None:
        return _tender_word(m.group("way"))  # "Payment  Refund to Campus Card"
    if labelled and (m := _TENDER_LABELLED.match(label)) is not None:
        word = m.group("tender")
        if (back := way_back_abroad(word)) is not None:
            word = back  # "Zahlungsart: Erstattung bar": the way it went back
        if not _known(_key(word)) and (s := _TENDER_SUFFIX.match(word)) is not None \
                and _known(_key(s.group("tender"))):
            return s.group("tender")  # "Paid by: Card ending 1234"
        if _BARE_PAY.match(label, 0, m.start("tender")) and (
                not _known(_key(word)) or _HOW_TO_PAY.search(word)):
            return None  # "Pay online with ParentPay": how to pay next time, no way paid
        return _LABELLED_ONLY.get(_key(word), word)
    if _known(k):
        return label
    if k.startswith("from ") and _known(k[5:]):
        return label[5:].strip()  # "From free meal", "From cash account"
    if k.startswith("to ") and _known(k[3:]):
        return label.strip()[3:].strip()  # "To college bill": charged to it (TENDERS.md)
    if " " in k and (two := _in_two_languages(label)) is not None:
        return two  # "Cinio am ddim Free meal", "Siec  Cheque": one way, said twice
    masked = labelled and _MASKED_CARD.search(label) is not None
    suffix = _TENDER_SUFFIX.match(label)
    if (masked or suffix) and _STORED_VALUES_IN.may_answer(label) \
            and (m := _STORED_VALUE_IN.search(label)):
        # "Paid by: Gift Card ****1234", "Gift voucher 55120934": the gift card's own number
        return m.group()
    if masked:
        return "Card"
    if labelled and (m := _BRACKETED.match(label)) is not None:
        # "Card (Chip & PIN)": a tender and what kind; "Amount tendered (Cash)":
        # what was paid, and with what.
        for part in (m.group("word"), m.group("inside")):
            if _known(_key(part)):
                return part
    if suffix is not None and (_known(word := _key(suffix.group("tender")))
                               or _STORED_VALUE_NAME.match(word) is not None):
        # "Card payment", "Gift card payment", "Voucher tendered", "Gift Card xxxx6120";
        # a school's card by its number ("Smart Card 004765": each of two pupils'
        # cards on one slip pays its part, TENDERS.md)
        return suffix.group("tender")
    return None


def _in_two_languages(label: str) -> str | None:
    """The second of two tender words ``label`` holds side by side (one of
    them the tables' own), where both name one way paid: a label printed in two languages in two
    columns, its amount after them ("Cinio am ddim Free meal", "Siec
    Cheque", "I'r cyfrif  To account"; TENDERS.md). None where no split
    of its words gives two such halves, or they name two ways ("Cash
    Card": which one paid the paper does not say)."""
    words = label.split()
    for at in range(1, len(words)):
        first, second = " ".join(words[:at]), " ".join(words[at:])
        a, b = _key(first), _key(second)
        # (one half a word of the tables, the other known by them or the
        # families: the families' patterns asked only then, most labels being
        # an item's name)
        if not (_in_tables(a) and _known(b) or _in_tables(b) and _known(a)):
            continue
        way_a = builtin_tender(a) or unmapped_kind(a)
        if way_a is not None and way_a == (builtin_tender(b) or unmapped_kind(b)):
            return second
    return None


# A voucher of any kind ("Meal voucher", "Emergency credit voucher"), and a
# meal voucher by the names tills print for it in other languages ("Ticket
# restaurant", "Buono pasto", "Chèque déjeuner", "Vale refeição", Romania's
# "Tichete masa", a fiscal register's payment mode 3 beside "NUMERAR" and
# "CARD", code search id 157430052): a tender the contract has no word for,
# as "voucher" alone. A gift voucher is a gift card's kind, kept as printed.
_VOUCHER = re.compile(r"^(?!gift\b)(?:(?:[^\W\d_]+\s+){0,2}vouchers?|"
                      r"tickets?\s+(?:resto|restaurant)|titres?\s+restaurant|"
                      r"tichet(?:e|ul)?\s+(?:de\s+)?mas[aă]|"
                      r"ch[eè]ques?\s+d[eé]jeuner|buon[oi]\s+pasto|"
                      r"vales?\s+(?:refei[cç][aã]o|alimenta[cç][aã]o|comida|restaurante)|"
                      r"essens(?:bon|gutschein|marke)n?|restaurantcheques?)$")


def unmapped_kind(k: str) -> str | None:
    """The kind of tender ``k`` (a ``_key``) names when the contract's four
    words do not: "cheque" for a cheque by its name ("Chèque": sent as the
    contract's clarified "cheque", not flagged, ``paid_outside``), "voucher"
    for a voucher by any name (still flagged ``unmapped_tender``: the site
    maps it, ``[receipt.tenders]``), else None."""
    if k in CHEQUE_WORDS:
        return "cheque"
    return "voucher" if _VOUCHER.match(k) else None


# A purse or credit funded by a bursary, grant or award ("Bursary purse",
# "Grant credit"): a college's free-meal money, or money of the student's
# own a grant paid in; which one the words do not say. A tender, never
# guessed: flagged ``unmapped_tender`` until the site maps it.
_FUNDED = re.compile(r"^(?:" + _FUNDING + r")"
                     r"(?:\s+(?:purse|account|wallet|credit|fund|allowance))?$")


# (the tuples as one set: a label is looked up in them again and again)
_UNMAPPED_OR_SEVERAL = frozenset(UNMAPPED_TENDERS + SEVERAL_TENDERS)


def _in_tables(k: str) -> bool:
    """Whether ``k`` (a ``_key``) is a tender by the tables alone."""
    return k in TENDERS or k in _UNMAPPED_OR_SEVERAL


def named_tender(label: str) -> bool:
    """Whether ``label`` (an amount's label as printed) is wholly a tender's
    name by the tables ("Tax-Free Childcare"): a tender, though a tax's word
    is in it."""
    return _in_tables(_key(label))


def _known(k: str) -> bool:
    """Whether ``k`` (a ``_key``) is a tender by the tables or the families
    (their patterns asked only where ``k`` holds one of their literals)."""
    return (_in_tables(k)
            or _FAMILY_WORDS.may_answer(k) and (
                family_tender(k) is not None or _VOUCHER.match(k) is not None
                or _STORED_VALUE_NAME.match(k) is not None
                or _FUNDED.match(k) is not None))


# What the families ask of a label's key (``_known``, and every helper it
# calls: a purse's way, a card's brand, a free meal's words), and what a
# tender's label, a masked card's number and a kind in brackets ask of the
# label as printed: each family asked only where its text holds one of its
# literals (``vocabulary``).
_FAMILY_WORDS = Vocabulary.of(_known, calls=True)
# Two vetoes asked of every label, nearly always in vain: a deposit's words
# and a card surcharge's, each asked only where the label (its key) holds
# one of its pattern's literals.
_PAID_IN_WORDS = Vocabulary("paid in", (_PAID_IN,))
_SURCHARGE_WORDS = Vocabulary.of(card_surcharge)
_STORED_VALUES_IN = Vocabulary("stored value in", (_STORED_VALUE_IN,))
_LABEL_WORDS = Vocabulary("tender labels", (_PAID_BACK_LABELLED, _TENDER_LABELLED, _MASKED_CARD,
                                            _BRACKETED))
