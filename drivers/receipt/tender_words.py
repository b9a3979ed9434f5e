"""Tender words in families across the languages real tills print, beside
``tenders`` (which maps them to the contract's words): cash, a payment
card and the terminal that takes it, a mobile wallet, a bank transfer,
the label a till prints before its tender ("Betalingswijze: Cash"), and a
school purse named by where the money went ("Taken from balance")."""

from __future__ import annotations

import functools
import re

from drivers.receipt.vocabulary import Vocabulary

# Cash, in the words tills print it in languages the first table lacks:
# Finnish, Czech and Slovak, Hungarian, Romanian, the South Slavic
# languages, Turkish, Greek, the Baltic languages, Russian, Ukrainian,
# Bulgarian, Welsh, Irish, Swahili and Afrikaans.
CASH_WORDS = ("käteinen", "kateinen", "hotově", "hotove", "hotovost", "v hotovosti",
              "hotovosť", "készpénz", "keszpenz", "numerar", "gotovina", "nakit",
              # ... and in Serbian and Macedonian Cyrillic, as Serbia's e-fiscal
              # receipt prints its payment types (TENDERS.md)
              "готовина",
              "μετρητά", "grynieji", "grynaisiais", "sularaha", "skaidra nauda",
              "наличные", "наличными", "готівка", "готівкою", "в брой", "arian parod", "taslimu",
              # Irish (UNCL 4461's payment means in Irish, TENDERS.md)
              "airgead tirim",
              "contanten", "contante", "comptant", "metálico", "metalico",
              # Chinese, Japanese, Korean, Vietnamese, Arabic, Hebrew, Hindi (not Thai:
              # its vowel marks are no word characters to a label's pattern)
              "现金", "現金", "현금", "tiền mặt", "tien mat", "نقدا", "نقد",
              # ... and Arabic's adjective, as Egyptian tills print the way paid
              # ("طريقة الدفع: نقدي": cash; TENDERS.md)
              "نقدي",
              "מזומן", "नकद",
              # the words inflected "with cash" / "in cash" (Finnish adessive,
              # Estonian inessive, Hungarian instrumental): "Maksettu käteisellä"
              "käteisellä", "kateisella", "käteisenä", "kateisena", "sularahas", "sularahaga",
              "készpénzzel", "keszpenzzel")
# A payment card in those languages, and the card terminal or its network
# printed as the tender ("Atos" in Belgium, "PDQ" in the
# UK, "TPE" in France, "Datáfono" in Spain, Norway's "BankAxept").
CARD_WORDS = (  # English's own name for a card paid with ("Refunded to payment card")
              "payment card", "bankkort", "betalingskort", "debetkort", "kredittkort", "kreditkort",
              "kontokort", "kortbetalning", "kortti", "pankkikortti", "luottokortti",
              "maksukortti", "platební karta", "platebni karta", "kartou", "platba kartou",
              # Slovak; Ukrainian, Russian (card, bank card, cashless)
              "platobná karta", "platobna karta",
              "картка", "банківська карта", "банківська картка", "платіжна картка",
              "безготівкова", "безготівковий", "банковская карта", "безналичные",
              "безналичный", "безнал",
              # ... and "by card" as Finnish and Estonian inflect it ("Maksettu kortilla")
              "kortilla", "pankkikortilla", "luottokortilla", "korttimaksu", "kaardiga",
              # ... and "to card", where a refund goes ("Palautettu kortille",
              # Estonian "Tagastatud kaardile")
              "kortille", "pankkikortille", "luottokortille", "kaardile",
              # Lithuanian: a payment card, a bank card, "by card" (Maxima's
              # "Mokėta (Banko kortelė)", "MOKĖJIMAS KORTELE"; TENDERS.md)
              "mokėjimo kortelė", "mokejimo kortele", "banko kortelė", "banko kortele",
              "kortelė", "kortele", "mokėjimas kortele", "mokejimas kortele",
              "bankkártya", "bankkartya", "kártya", "kartya", "kartica", "kart", "kredi kartı",
              # Croatian fiscal receipts' payment way in the plural, and "by card"
              # (the fiscalisation's codes: G gotovina, K kartice, C ček; TENDERS.md)
              "kartice", "karticom", "kartično", "karticno",
              # ... and Serbia's e-fiscal receipt in Cyrillic ("Картица", "Платна картица")
              "картица", "платна картица", "platna kartica",
              "kredi karti", "banka kartı", "banka karti", "κάρτα", "карта", "cerdyn",
              # Irish: a card, a bank card, a credit card, a card payment (TENDERS.md)
              "cárta", "cárta bainc", "cárta creidmheasa", "íocaíocht chárta",
              "pinnen", "bankkaart", "betaalkaart", "debitcard", "dankort", "bankaxept",
              "pos terminal", "card terminal", "pdq", "tpe", "datáfono", "datafono",
              # the terminal's maker; not a payment provider alone ("myPOS", "SumUp":
              # it may take more than cards; a card named under its leg says)
              "atos", "worldline", "ingenico", "verifone", "ccv", "pagobancomat",
              "ec-cash", "ec cash", "electronic cash", "kaart",
              "débito", "debito", "tarjeta débito", "tarjeta debito", "cartão débito",
              "cartao debito",
              # the Gulf's national debit card schemes: Saudi "mada", Kuwait's
              # "KNET", Qatar's "NAPS" (each a bank card on its own network)
              "mada", "knet", "naps",
              # Chinese, Japanese, Korean, Vietnamese, Arabic, Hebrew
              "刷卡", "银行卡", "信用卡", "カード", "クレジット", "카드", "신용카드", "thẻ",
              "بطاقة", "אשראי", "כרטיס אשראי")
# A national debit network, printed as the tender alone or after a card's
# words ("NETS", "Interac Debit", "TARJETA DEBITO REDCOMPRA", "Carte CIB",
# "Mada card"): a payment card, ``card`` (drivers/receipt/TENDERS.md). Not
# the networks whose names are words or names too ("Elo", "Mir", "Troy").
NETWORK_WORDS = ("nets", "eftpos", "interac", "redcompra", "red compra", "bancontact",
                 "girocard", "cartes bancaires", "carte bancaire", "cb", "multibanco",
                 "dankort", "bankaxept", "pagobancomat", "bancomat", "mada", "knet",
                 "verve", "rupay", "meeza", "cib", "edahabia")
NETWORK_CARD = re.compile(
    r"^(?:(?:card|tarjeta|carte|cart[aã]o|karte|carta|kaart|kort|karta)\s+"
    r"(?:(?:de\s+)?(?:d[eé]bit[oa]?|cr[eé]dit[oa]?)\s+)?)?"
    r"(?:" + "|".join(w.replace(" ", r"\s") for w in NETWORK_WORDS) + r")"
    r"(?:\s+(?:card|debit|credit|contactless|d[eé]bito|cr[eé]dito))?$")
# Mobile wallets, instant payments and bank transfers by their names:
# money paid to the till's merchant outside the school's ledger. The
# contract's "what the receipt says" (sync/protocol.md, "Tenders"): read as
# printed, never items, and not flagged (a person has nothing to check:
# like cash and card it takes nothing from any account). Only the generic
# words (``GENERIC_WALLET_WORDS``: a school may call its own purse an
# "e-wallet") and words no table knows are flagged ``unmapped_tender``.
WALLET_WORDS = ("vipps", "mobilepay", "swish", "twint", "blik", "bizum", "mb way", "payconiq",
                "m-pesa", "mpesa", "lipa na m-pesa", "paytm", "phonepe", "upi", "gcash",
                "paymaya", "alipay", "wechat pay", "qris", "pix", "ecocash", "mtn momo",
                "airtel money", "venmo", "cash app", "zelle", "satispay", "revolut", "paypal",
                "mobile money", "mobile payment",
                # ... in Russian and Kazakh, as Kazakh fiscal checks print the
                # payment type MOBILE ("Мобильный платеж (QR)" / "Мобильді төлем
                # (QR)" / "Mobile Payment (QR)": a Kazakh receipt's trilingual
                # words, code search id 69178790085; WEBKASSA, holdout22)
                "мобильный платеж", "мобильный платёж", "мобильді төлем",
                # West Africa's mobile money (Senegal, Côte d'Ivoire, Mali, Burkina)
                "orange money", "moov money", "free money", "wizall", "mtn mobile money",
                # South-East and East Asia's wallets and instant-payment QR schemes
                # (Malaysia, Singapore, Thailand, Vietnam, Japan, Korea); not a
                # wallet's name that is an item's too ("Boost", a drink; "Momo")
                "tng ewallet", "touch 'n go", "touch n go", "grabpay", "boost ewallet",
                "shopeepay", "duitnow", "duitnow qr", "paynow", "promptpay",
                # Sri Lanka's national QR payment (TENDERS.md), as Indonesia's QRIS
                "lankaqr", "lanka qr",
                "zalopay", "vnpay", "paypay", "line pay", "rakuten pay", "kakaopay",
                "naver pay", "ewallet", "e-wallet",
                # Japan's prepaid IC cards and e-money, printed as the tender
                "suica", "pasmo", "icoca", "nanaco", "waon", "rakuten edy",
                # Pakistan's and Portugal's, Latin America's, Egypt's and Europe's
                # (TENDERS.md)
                "jazzcash", "jazz cash", "easypaisa", "easy paisa", "mbway",
                "nequi", "daviplata", "yape", "plin", "mercado pago", "mercadopago",
                "sinpe movil", "sinpe móvil", "instapay", "fawry", "ideal", "bhim upi",
                # Saudi Arabia's wallet (stc's; TENDERS.md)
                "stc pay", "stcpay",
                # South Africa's QR wallets (SnapScan, Zapper; TENDERS.md)
                "snapscan", "zapper",
                # Israel's: Bank Hapoalim's "Bit", "PayBox", as printed in
                # Latin or Hebrew letters (TENDERS.md)
                "bit", "paybox", "ביט", "פייבוקס")
# The words a school's own purse may be called too ("E-wallet"): flagged.
GENERIC_WALLET_WORDS = ("ewallet", "e-wallet", "mobile money", "mobile payment",
                        "мобильный платеж", "мобильный платёж", "мобильді төлем")
# A cheque by its name, as British, Irish, French and Portuguese tills and
# school offices print it ("Cheque", "Paid by cheque", "Chèque"): money paid
# to the school outside the pupil's ledger, like a transfer, sent as "cheque"
# (the contract's clarified tenders, TENDERS.md). Not "check": a US till's
# bill is its "check" ("Check #1042", "Split check"), flagged as before.
CHEQUE_WORDS = ("cheque", "cheques", "chèque", "chèques", "bank cheque", "personal cheque",
                "chèque bancaire", "cheque bancaire",
                # Welsh ("Siec", "Sieciau": Citizens Advice Cymru's "Beth yw siec"; TENDERS.md)
                "siec", "sieciau")
TRANSFER_WORDS = ("transferencia", "transferencia bancaria", "transferência",
                  "transferencia bancária", "virement", "virement bancaire", "überweisung",
                  "ueberweisung", "bonifico", "bonifico bancario", "przelew", "overføring",
                  "bankoverføring", "banköverföring", "tilisiirto", "převod", "prevod",
                  "átutalás", "havale", "eft transfer", "bank deposit", "direct deposit",
                  # Serbia's e-fiscal payment type "Пренос на рачун" (to an account)
                  "пренос на рачун", "prenos na račun", "prenos na racun",
                  # ... in English by the bank's own words ("Bank Transfer", "Wire
                  # Transfer"; "Transfer" alone stays flagged: whose money?)
                  "bank transfer", "wire transfer", "bank wire",
                  # Brazil's fiscal payment means (NFC-e/NF-e ``tPag``, SEFAZ's
                  # NT 2020.006) by the names every DANFE prints: 16, 18 (TENDERS.md)
                  "transferência bancária", "transferencia bancaria",
                  "transferência bancária, carteira digital", "depósito bancário",
                  "deposito bancario",
                  # the UK government's childcare account paying a registered
                  # provider (HMRC's Tax-Free Childcare: a payment into the
                  # provider's bank account, TENDERS.md); a tax's word, read
                  # as a tender by its whole name (``tenders.named_tender``)
                  "tax-free childcare", "tax free childcare")

# The label a till prints before its tender, by language: "Paid by",
# "Betalingswijze" (nl), "Betalingsmåte" (no), "Betalsätt" (sv), "Maksutapa"
# (fi), "Forma płatności" (pl), "Způsob platby" (cs), "Fizetési mód" (hu),
# "Modalitate de plată" (ro), "Način plaćanja" (hr), "Ödeme şekli" (tr),
# "Metodo di pagamento" (it), "Medio de pago" (es), "Moyen de paiement" (fr).
# Whatever word follows such a label is a tender (unmapped words flagged).
PAYMENT_LABELS = (
    r"pay\s*(?:type|mode|method)|(?:means|type|form|way)\s+of\s+payment|"
    r"payment\s+(?:form|means|option)|"
    r"betalingswijze|betaalwijze|betaalmethode|betaalmiddel|betaling|betaald\s+(?:met|via)|"
    r"betalings(?:m[åa]te|m[åa]de|metode|form|type)|betalt\s+(?:med|via)|betalat\s+med|"
    r"betals[äa]tt|betalnings(?:s[äa]tt|metod)|betalning|"
    r"maksutapa|maksettu|"
    r"(?:forma|spos[óo]b|metoda|rodzaj)\s+p[łl]atno[śs]ci|p[łl]atno[śs][ćc]|zap[łl]acono|"
    r"zp[ůu]sob\s+(?:platby|[úu]hrady)|sp[ôo]sob\s+platby|forma\s+[úu]hrady|platba|[úu]hrada|"
    r"fizet[ée]si\s+m[óo]d|fizet[ée]s(?:\s+m[óo]dja)?|"
    r"(?:modalitate|metoda|mod)\s+de\s+plat[ăa]|"
    r"na[čc]in\s+pla(?:[ćc]anja|[čc]ila)|pla[ćc]anje|pla[čc]ilo|"
    r"[öo]deme(?:\s+(?:[şs]ekli|t[üu]r[üu]|tipi))?|"
    r"(?:metodo|tipo|modalit[àa])\s+(?:di\s+)?pagamento|"
    r"(?:medio|tipo)\s+de\s+pago|(?:moyen|type)\s+de\s+paiement|"
    # Welsh "Dull talu" (way of paying), "Math o daliad" (kind of payment),
    # "Taliad" (payment); Irish "Modh íocaíochta" (way of payment), "Íocaíocht"
    # (bilingual UK and Irish public bodies' forms: "Dull talu / Payment method")
    r"dull\s+talu|math\s+o\s+daliad|taliad|modh\s+[íi]oca[íi]ochta|[íi]oca[íi]ocht|"
    r"(?:r[ée]gl[ée]|pay[ée])\s+(?:par|en)|zahlungsmittel|"
    # how a refund was paid back: "Forma de Reembolso: Multibanco" (pt), "Mode de
    # remboursement" (fr); and Ukrainian and Russian "Форма оплати", "Вид оплаты"
    r"(?:forma|meio|modo|medio)\s+de\s+(?:reembolso|devolu[cç][aã]o|estorno)|"
    r"mode\s+de\s+remboursement|(?:форма|вид|спосіб|способ)\s+оплат[иы]|"
    # Greek "Τρόπος πληρωμής" (way of payment, myDATA's paymentMethods), "Πληρωμή"
    # (payment), and a refund's "Τρόπος επιστροφής" / "Επιστροφή" (paid back)
    r"τρ[όο]πος\s+(?:πληρωμ[ήη]ς|επιστροφ[ήη]ς)|πληρωμ[ήη]|επιστροφ[ήη]|"
    # Arabic "طريقة الدفع" (way of payment), "وسيلة الدفع" (means of payment),
    # "طريقة السداد" (way of settling): "طريقة الدفع: بطاقة" (TENDERS.md)
    r"(?:طريقة|وسيلة|نوع)\s+(?:الدفع|السداد)|"
    # Hebrew "אמצעי תשלום" (means of payment, as Israeli tax invoices print
    # it), "אופן תשלום" (manner of payment), "סוג תשלום" (type of payment)
    r"(?:אמצעי|אופן|סוג)\s+תשלום")


# A purse named by where the money went, as school and college tills print
# it: "Taken from balance", "From cash balance", "Deducted from account",
# "Returned to balance", "Credited to Cash purse", "Refund to balance"; or
# what was taken from it: "Balance used", "Purse debited". The money's way,
# and what it came from or went back to.
_FROM = (r"(?:(?:taken|deducted|debited|paid|charged|drawn|spent|used|redeemed|"
         r"sold|bought|purchased|settled)\s+)?"
         r"(?:from|out\s+of)")
_TO = (r"(?:(?:returned|credited|refund(?:ed)?|added|put|paid|given|sent|charged|debited)\s+"
       r"(?:back\s+)?|back\s+)(?:to|into|onto)")
# (what the purse holds may follow in brackets: "Purse 2 (FM)")
_PURSE = r"(?P<purse>[^\W\d_][\w &'-]{0,40}(?:\s*\([^()]{1,20}\))?)"
# (a colon may follow the way, the purse in a column of its own: "Paid back to:   Account")
PURSE_WAY = re.compile(r"^(?:(?:" + _FROM + "|" + _TO + r")\s*:?\s+(?:the\s+|your\s+|my\s+)?"
                       + _PURSE + r"|" + _PURSE.replace("purse>", "taken>") +
                       r"\s+(?:used|debited|deducted|taken|charged|spent|redeemed))$")
# What such a way names that holds the pupil's money: a balance of any
# kind ("cash balance", "meal balance"), a purse alone or an e-purse; a
# purse or account by its kind ("Cash purse") is the families' already.
# (Not any wallet: "Google Wallet" is a card's.) Money paid in ahead and
# held ("Redeemed from Prepayment", "Paid from prepaid credit") is such a balance.
_BALANCE = re.compile(r"^(?:(?:[^\W\d_]+\s+){0,2}(?:balance|credit\s+balance)|"
                      r"e-?purse|purse|e-?wallet|wallet|prepayments?|"
                      r"prepaid(?:\s+(?:balance|credit|account|funds))?)$")


# Money taken out of a purse: a stored-value card's way ("Deducted from
# card": the school's card, or the bank's? not said).
_DEBITED = re.compile(r"^(?:taken|deducted|debited|drawn|spent|used|redeemed)\s+"
                      r"(?:from|out\s+of)\b")


def debited_from(k: str) -> bool:
    """Whether the way phrase ``k`` (a ``_key``) says money was taken out of
    its purse ("deducted from card"), not merely where it came from."""
    return _DEBITED.match(k) is not None


_PURSE_WAYS = Vocabulary("purse way", (PURSE_WAY,))


@functools.lru_cache(maxsize=2048)
def _way(k: str) -> re.Match[str] | None:
    """``PURSE_WAY`` on ``k`` (a ``_key``), remembered: a label's tender and
    its families each ask it of the same key."""
    return PURSE_WAY.match(k) if _PURSE_WAYS.may_answer(k) else None


def purse_of_way(k: str) -> str | None:
    """The purse a way phrase ``k`` (a ``_key``) names ("taken from balance":
    "balance"), or None when ``k`` is no such phrase."""
    m = _way(k)
    return None if m is None else m.group("purse") or m.group("taken")


def taken_from(k: str) -> bool:
    """Whether the way phrase ``k`` (a ``_key``) names what was taken from
    its purse, the purse first ("Meal Credit Used", "Allowance debited"):
    money paid from a purse by whatever name, a tender (perhaps one no
    table knows: then read as printed and flagged)."""
    m = _way(k)
    return m is not None and m.group("taken") is not None


def balance_purse(k: str) -> bool:
    """Whether ``k`` (a ``_key``) names a balance: the pupil's money when a
    way phrase names it ("From cash balance"); alone ("Cash balance £17.43")
    it is what is left, never a tender."""
    return _BALANCE.match(k) is not None
