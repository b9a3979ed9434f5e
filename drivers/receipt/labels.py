"""Labels in families: the words before an amount (or alone on a line) that
say what a line is: totals, subtotals, tax, discounts, what was handed
over, change, balances and counts (never items), receipt numbers,
accounts, refund and void banners."""

from __future__ import annotations

import functools
import re

from drivers.receipt.bilingual import one_language
from drivers.receipt.doc_words import (
    CHARGE_TITLES,
    DOC_TITLES,
    FIRST_DOC_WORDS,
    FIRST_MARKS,
    FIRST_PARTICLES,
    MARKED_ONLY_WORDS,
    MORE_NUMBER_MARKS,
    MORE_NUMBER_WORDS,
    MORE_REFUND_WORDS,
    MORE_VOID_WORDS,
    NOT_THE_NUMBER,
    NUMBER_QUALIFIERS,
    PAYOUT_WORDS,
    REFUND_OF,
)
from drivers.receipt.tax_lines import ROUNDING, TAX_IN_SCRIPT, TAX_NAMES
from drivers.receipt.vocabulary import Vocabulary

# Labels, read from the text before a line's first amount (its trailing
# ":" or "." taken off). Each is the whole label. Real tills print them in
# several languages and abbreviations; each family lists its words once.
# ("Subtotal (2 items)", "SUBTOTAL  11 items": the count of items is no part of it,
# nor is it in the table's quantity column before the word, "10   SUBTOTAAL": ITEMS.md)
# (the French "Sous-total HT": hors taxe, before the tax added to it)
_SUBTOTAL = re.compile(r"^(?:\d{1,3}\s+)?"
                       # what it sums first: "Cart Subtotal" (WooCommerce), "Basket
                       # Subtotal", "Order Subtotal" (shops' and web tills' summaries)
                       r"(?:(?:(?:shopping\s+)?(?:cart|basket|order|bag)\s+)?"
                       r"(?:sub|sous)\s*-?\s*total[e]?(?:\s+(?:base|net|gbp|eur|ht|"
                       r"hors\s+taxes?|"
                       # without the tax: Ecuador's "SUBTOTAL SIN IMPUESTOS", Brazil's
                       # "Subtotal sem impostos", "Subtotal before tax" (a net: TAX.md)
                       r"(?:sin|sem|before|excl?\.?|excluding|without)\s+(?:impuestos?|impostos?|"
                       r"iva|taxe?s?|vat)))?"
                       r"(?:\s*\(\d{1,3}\s+items?\)|\s+\d{1,3}\s+items?)?|"
                       r"zwischensumme|(?:items?|goods|articles?)\s+total|"
                       r"nett?\s+of\s+(?:tax|vat)|nett?|net\s+amount|netto(?:summe|betrag)?|"
                       r"base\s+imponible|total\s+(?:ht|nett?)|"
                       r"total(?:\s+(?:sales?|value|amount|goods)){0,2}\s*\(?\s*(?:before|excl?\.?|"
                       r"excluding)\s+(?:tax|vat)\s*\)?|"
                       # further afield: Turkish "Ara Toplam", Czech "Mezisoučet", Slovak
                       # "Medzisúčet", Scandinavian "Delsum", Finnish "Välisumma", Dutch
                       # "Subtotaal", Hungarian "Részösszeg", Croatian "Međuzbroj",
                       # Italian "Imponibile" (the amount taxed, before IVA)
                       r"ara\s+toplam|mezisou[cč]et|medzis[uú][cč]et|delsum(?:ma)?|"
                       r"v[äa]lisumma|subtotaal|r[ée]sz[öo]sszeg|me[dđ]uzbroj|"
                       r"(?:totale\s+)?imponibile|"
                       # Arabic "الإجمالي الفرعي" / "المجموع الفرعي" (the subtotal)
                       r"(?:ال[إا]جمالي|المجموع)\s+الفرعي)"
                       # what it is said to be in brackets, words alone: "Zwischensumme
                       # (Netto)", "Välisumma (veroton)" (before tax), "Subtotal (net)"
                       r"(?:\s*\([^\W\d_][^\d()]{0,24}\))?$",
                       re.I)
# A discount: an amount off, whichever sign it is printed with; in the
# languages real tills print it (Indonesian/Malay "Diskon", "Potongan").
# ... Ukrainian "Знижка", Russian "Скидка", Bulgarian "Отстъпка".
_DISCOUNT = re.compile(r"\b(?:discount|disc|diskon|potongan)\b|"
                       r"(?<!\w)(?:знижк[аи]|скидк[аи]|отстъпка)(?!\w)", re.I)
# A discount's label and rate with no amount: the amount off is the last
# amount of the next line ("Discount: 25.00%" / "of 12.40 GBP =  -3.10").
_DISCOUNT_RATE = re.compile(r"^(?P<label>.*?\b(?:discount|disc)\b)\s*:?\s*"
                            r"\d{1,3}(?:[.,]\d{1,2})?\s?%$", re.I)
# Tax, anywhere in the label ("Standard VAT", "Total Taxes", "enthaltene
# MwSt", "IVA 20%", a register's "TX1", "НДС 20%", "ΦΠΑ 24%"; the names in
# every language ``tax_lines`` lists); not the amount taxed ("TAX-AMT 1",
# "Taxable"), which is no item either (``_IGNORED``); a tax band's letter
# and its rate, alone or after a word for a band's amount or rate ("Kwota
# A 23,00%", "B 8%"; never an item's name: "Vitamin C 10%").
_TAX = re.compile(r"^(?!.*\btax(?:able|-amt)\b).*?(?:\b(?:" + TAX_NAMES + r"|"
                  # a rounding to the coin ("Rounding -0.01", "Arrondi", "Rundung"):
                  # like a tax, added on top of the items and never one of them
                  + ROUNDING + r")\b|" + TAX_IN_SCRIPT + r"|^tx\s?\d$|"
                  r"^(?:(?:kwota|stawka|band|rate|satz|betrag|taux|tasa|aliquota)\.?\s)?"
                  r"(?-i:[A-G])\s\d{1,2}(?:[.,]\d{1,2})?\s?%$)", re.I)
# What the customer handed over, and the change: tendered - change = total.
# ("Cash given  £20.00" / "Change  £0.00": a UK school office's slip, the
# money handed over in plain English)
_PAID = re.compile(r"^(?:(?:cash\s+)?tender(?:e)?d|received|"
                   r"amount\s+(?:tendered|paid|received|given)|cash\s+given|"
                   r"paid(?:\s+(?:amount|with))?|"  # "Paid with £20.00, your change is ..."
                   r"recibido|recebido|entregado|entregue|gegeben|erhalten|bezahlt|ricevuto|"
                   # French "Reçu" (received), "Montant reçu", "Espèces reçues"
                   r"re[çc]u|montant\s+re[çc]u|esp[èe]ces\s+re[çc]ues?|"
                   # Ukrainian and Russian "Оплата" (payment), "Оплачено", "Отримано",
                   # "Получено", "Внесено"
                   r"оплата|оплачено|отримано|получено|внесено|"
                   # "PAGÓ CON: $200.00" (paid with), "Su pago", "Valor pago"
                   r"(?:pag[oó]|pagado|pagou|pago)\s+(?:con|com)|su\s+pago|valor\s+pago|"
                   # paid or received: nl, no/da/sv, cs/sk, pl, fi, tr, hu
                   r"betaald|betalt|mottatt|modtaget|mottaget|zaplaceno|p[řr]ijato|prijat[ée]|"
                   r"zap[łl]acono|otrzymano|maksettu|[öo]denen|al[ıi]nan|befizetett|"
                   # fr "Reçu" / "Montant reçu" / "Versé" (Francophone Africa's
                   # tickets), uk/ru "Оплата"/"Отримано"/"Получено"/"Внесено"
                   r"(?:montant\s+)?re[çc]u|vers[ée]|оплата|отримано|получено|внесено|"
                   # Arabic "المدفوع" (the paid), "المبلغ المدفوع" (the amount paid)
                   r"(?:المبلغ\s+)?المدفوع)$",
                   re.I)
# The change in French too ("Rendu monnaie", "Monnaie rendue"), and in the
# languages below: the cash handed over less it is what was charged.
_CHANGE = re.compile(r"^(?:(?:your\s+)?change(?:\s+(?:due|is|amount|given))?|cg|"
                     r"rendu(?:\s+(?:de\s+)?monnaie)?|monnaie(?:\s+rendue)?|"
                     # nl, no, sv, da, fi, cs/sk, tr, hu, id/ms, fil
                     r"terug|vekslepenger|v[äa]xel|byttepenge|vaihtoraha|vr[áa]ceno|vydan[ée]|"
                     r"para\s+[üu]st[üu]|visszaj[áa]r[óo]|kembalian|sukli|"
                     # fr "Monnaie" alone; uk "Решта", "Здача", ru "Сдача", bg "Ресто"
                     r"monnaie|решта|здача|сдача|ресто|"
                     # es, pt, it, pl, de, nl ("SU CAMBIO", "Vuelto", "Troco", "Resto",
                     # "Reszta", "Rückgeld", "Wisselgeld"), and the Romance words with
                     # given, returned or received, as "Change given" ("Cambio
                     # entregado", "Troco devolvido", "Resto ricevuto"): change, and
                     # only cash gives change (TENDERS.md, "Money handed over and change")
                     r"(?:(?:su\s+)?cambio|troco|vuelto|resto)(?:\s+(?:dado|entregado|devuelto|"
                     r"devolvido|ricevuto|dato|reso))?|reszta|r[üu]ckgeld|wechselgeld|"
                     r"wisselgeld|"
                     # Arabic "الباقي" (what is left over: the change, under "المدفوع")
                     r"الباقي)$", re.I)
_IGNORED = re.compile(
    r"^(?:change(?:\s+due)?|(?:cash\s+)?tendered|received|amount(?:\s+(?:tendered|paid|"
    r"received))?|(?:new\s+|previous\s+|remaining\s+|account\s+|current\s+|opening\s+|"
    r"closing\s+)?balance\b.*|.*\bbalance\s+(?:remaining|left|after)\b.*|current\s+debt|"
    # the credit held now, a balance ("Current credit:£23.00", a meal-credit ticket)
    r"(?:current|available)\s+credit\b.*|"
    r".*\bdebt\s+(?:balance|limit)\b.*|items?\s+count|no\.?\s+of\s+items|"
    # (the discounts already taken, summed, "Total Discount:": item_shapes, by the arithmetic)
    r"total\s+(?:items|qty|quantity|savings?)\b.*|you\s+saved\b.*|rounding|"
    r".*\ballowance\b.*|.*\blimit\b.*|"
    r".*\bpoints\b.*|(?:spent|left)\s+today|"
    # a balance of any kind ("Store credit balance"); a tip is money charged: a line
    r".*\sbalance|"
    # the change in other languages, never an item (``_CHANGE`` reads it first)
    r"(?:su\s+)?cambio|troco|vuelto|resto|reszta|r[üu]ckgeld|wechselgeld|wisselgeld|rendu|"
    # the amount taxed: "TA1", "TAX-AMT 1", "Taxable amount"
    r"ta\s?\d|tax-amt.*|taxable.*|"
    # a balance brought or carried forward ("Cash Bal B/F")
    r".*\b[bc]/f\b.*|"
    # a balance in other words: "Purse After", "Wallet", "FM Left", "Credit remaining";
    # not a rate ("Food purse 5%  -0.58": a loyalty discount for paying from it), nor
    # the money's way ("Sold from Purse 1", "Returned to wallet": a tender, tender_words)
    r"(?!.*%)(?!.*\b(?:from|to|into|onto)\s)(?:.*\b(?:purse|wallet)\b.*)|"
    r".*\s(?:before|after|left|remaining)|"
    # a pre-order's collection and its slot's time ("PRE-ORDER collected 13.05",
    # a click-and-collect order: 13:05, holdout30 foodex-ie), never money
    r"(?:pre-?order|click\s*(?:&|and)\s*collect)\b.*\b(?:collected|collection|ready|"
    r"pick[\s-]?up|slot)\b.*)$", re.I)
# A receipt's number as tills print it (``NUMBERS.md``): a document type's
# code, a space, its series and "/" and the number (Portugal's SAF-T
# "FS A2026/301", "FT 2026/12", "NC FS/3"); else one code of letters (in any
# script: Ukraine's "ЧК-004101") and digits joined by "-", "/" or "_"
# ("T001-000123", "0001-00001234", "R-2026-000017", "1-POS1-1"). Whether it
# has a digit the rules ask after.
SERIES_NUMBER = (r"(?-i:[A-Z]{1,4})\s(?-i:[A-Z0-9]{0,10})/\d{1,10}(?![\w/-])|"
                 # Greece's series in capitals, a space, its serial number ("Α 0417",
                 # "ΑΠΥ 0418"): myDATA numbers a document by series and serial
                 # (``NUMBERS.md``), the serial alone repeats across series
                 r"(?-i:[Α-Ω]{1,4})\s\d{1,10}(?![\w/-])")
NUMBER_SHAPE = SERIES_NUMBER + r"|[^\W_][\w/-]{0,31}"
# A receipt's number after its label, in the languages real tills print:
# English ("Sale ref", "Docket", "Chit"), German ("Belegnummer", "Bon-Nr.",
# "Bestellung"), Spanish and Portuguese ("Factura de venta No.", "Fatura
# No:", "Talão", "Pedido", "Orden"), French ("Facture", "Reçu",
# "Commande"), Italian ("Scontrino", "Ordine", "Conto"), Dutch
# ("Bonnummer", "Kassabon"). The label may name what kind of number follows
# ("Sale ref", "Order code", "Trans. ID").
# ... and in the languages of the fiscal receipts real tills print: Polish
# ("Paragon", the printout's "nr wydr."), Brazilian ("Cupom", "COO",
# "Extrato"), Czech ("Účtenka"), Croatian ("Račun"), Hungarian ("Nyugta").
_NUMBER_WORDS = (
    r"receipt|rcpt|trans(?:action)?|txn|ticket|tkt|order|invoice|inv|bill|sale|refund|"
    r"return|ref|reference|doc|document|check|chk|docket|chit|folio|consec(?:utive)?|"
    r"beleg(?:nummer|nr)?|bon(?:nummer)?|rechnung(?:snummer)?|quittung|kassenbon|bestellung|"
    r"factura|fatura|boleta|recibo|tal[aã]o|pedido|comprobante|documento|orden|"
    r"facture|re[cç]u|commande|scontrino|ricevuta|ordine|conto|nota\s+(?:de\s+)?cr[eé]dito|"
    r"credit\s+note|kassabon|paragon(?:u)?|nr\.?\s*wydr(?:uku)?|cupom|coo|extrato|"
    r"[uú][cč]tenka|ra[cč]un|nyugta|" + MORE_NUMBER_WORDS + "|" + MARKED_ONLY_WORDS)
# The marks that say "number" after a document's word ("No", "Nr", "N°", "N.",
# "#", "№", "nro", "br.", "č.").
_NUMBER_MARKS = (r"no\b\.?|nr\b\.?|n\.?\s?[°º]\.?|n\.|n[uú]m(?:ero)?\b\.?|number|num|#|id\b|"
                 + MORE_NUMBER_MARKS)
_RECEIPT_NO = re.compile(
    r"\b(?P<label>" + _NUMBER_WORDS + r")\b"
    # "Factura de venta"; Spain's corrective invoice, a refund ("Factura rectificativa")
    r"(?:\s+(?:de\s+)?(?:venta|simplificada|simplificado|final|"
    r"(?P<corrects>rectificativ[ao])|" + NUMBER_QUALIFIERS + r"|"
    # Argentina's and Chile's class of invoice ("Factura B Nro 0001-00001234")
    # (two of them: Peru's "Boleta de venta electrónica", Chile's "Boleta
    # electrónica N° 123", Colombia's "Factura electrónica de venta")
    r"(?-i:[ABCEM])(?!\w))){0,2}"
    r"(?:\.?\s+(?:ref(?:erence)?|code))?"  # "Sale ref", "Order code"
    # possessive (*+): the spaces between the label and its number are never
    # given back, as nothing after them starts with a space; backtracking
    # over them was quartic in a line of spaces ("Receipt" and 250 spaces: 16 s)
    r"\.?\s*+-?\s*+(?:" + _NUMBER_MARKS + r")?"
    r"\s*+[:#.：]?\s*+"  # (the full-width colon of Chinese and Japanese tills)
    r"#?"  # "Ticket: #81208"
    # a capitalised prefix before the number is the till's, not the number's ("POS 1234")
    r"(?:(?-i:[A-Z]{2,5})\s+(?=\d))?(?P<no>" + NUMBER_SHAPE + r")\b"
    # an amount is no number: "Deposit return  -0.05" is money back for a bottle,
    # not the number of a return (which would make the sale a refund)
    r"(?![.,]\d\d(?![\d.,/-]))", re.I)
# The word "number" before the document's word ("Číslo dokladu: 1", "Nr.
# bonului 0042", "Номер чека 17", "Nº de ticket T001-000123"): a receipt's
# own number, in the languages that print it so (``doc_words.FIRST_MARKS``).
# The groups are ``_RECEIPT_NO``'s (``doc`` the document's word).
_NUMBER_FIRST = re.compile(
    r"(?<!\w)(?P<label>(?:" + FIRST_MARKS + r")\s*+" + FIRST_PARTICLES
    + r"(?P<doc>" + FIRST_DOC_WORDS + r"))(?!\w)(?P<corrects>(?!))?"
    r"(?:\s+(?:" + NUMBER_QUALIFIERS + r"|simplificad[ao]))?"
    r"\s*+[:#.]?\s*+(?:№|#)?\s*+(?P<no>" + NUMBER_SHAPE + r")\b(?![.,]\d\d(?![\d.,/-]))", re.I)
# A code of capital letters only under a receipt's label and its mark, the
# line's whole text ("Receipt #CUEA": a hosted till's short code): the
# number, though it has no digit. The mark is needed: "Receipt COPY" is a title.
_LETTERS_NO = re.compile(r"^\s*(?P<label>" + _NUMBER_WORDS + r")\s*(?:#|no\b\.?|nr\b\.?|number)"
                         r"\s*[:.]?\s*#?(?P<no>(?-i:[A-Z]{3,12}))\s*$", re.I)
# Labels naming what the receipt belongs to, not the receipt itself: an
# order or a bill may be paid on several receipts (and one bill holds
# several order slips). A number under the receipt's own label ("Receipt:",
# "Invoice No", "Trans #") printed in the same header wins over it.
_BELONGS_TO = re.compile(r"^(?:order|bill|pedido|orden|commande|bestellung|ordine|conto)$",
                         re.I)
# A number's label alone on its line, the number on the next ("ORDER SLIP" /
# "O-306", "Receipt No:" / "000123"): a title naming the document, or a
# label whose value the width pushed down.
_NUMBER_TITLE = re.compile(r"^[\W_]*+(?:[^\W\d_]++\s+)?(?P<label>" + _NUMBER_WORDS + r")\b"
                           # a document's kind after its word ("FATURA SIMPLIFICADA",
                           # "FACTURA B", "BOLETA ELECTRONICA", "SCONTRINO FISCALE"), or a
                           # second document's word joined to it ("FATURA-RECIBO": both at once)
                           r"(?:(?:\s+|\s*-\s*)(?:slip|copy|receipt|ticket|simplificad[ao]|"
                           r"electr[oó]nic[ao]|(?-i:[ABCEM])|" + NUMBER_QUALIFIERS + r"|"
                           + _NUMBER_WORDS + r"))?"
                           r"\.?\s*(?:" + _NUMBER_MARKS + r")?\s*[:#.]?[\W_]*$", re.I)
# The same in the languages that print "number" first ("Číslo dokladu:",
# "Nº de ticket", "Номер чека:") alone on its line.
_NUMBER_FIRST_TITLE = re.compile(r"^[\W_]*+(?:" + FIRST_MARKS + r")\s*+" + FIRST_PARTICLES
                                 + r"(?P<label>" + FIRST_DOC_WORDS + r")\s*[:#.]?[\W_]*$", re.I)
# A receipt number's label with its mark opening a line ("Receipt No:",
# "Bon-Nr.", "Číslo dokladu:", "Nº de ticket"): the paper says a number
# follows. Where none is read from it or the line under it, the receipt's
# number is unknown, and flagged ``unread_number``.
_MARKED_LABEL = re.compile(r"^[\W_]*+(?:(?:" + _NUMBER_WORDS + r")\.?\s*(?:-\s*)?"
                           r"(?:" + _NUMBER_MARKS + r")|"
                           r"(?:" + FIRST_MARKS + r")\s*+" + FIRST_PARTICLES
                           + r"(?:" + FIRST_DOC_WORDS + r")(?!\w))", re.I)
# What a title's number looks like alone on the next line: one code with a digit.
_NUMBER_ALONE = re.compile(r"^(?:#|№\s?)?(?:" + SERIES_NUMBER
                           + r"|(?=[^\s]*\d)[^\W_][\w/-]{0,31})$")
# A reference alone on its line, only when it is clearly one: capitals (and
# digits) then dash-separated groups, one of three digits or more
# ("TC2-2603-5352", "SINV-00012"); never a date, a phone number or a word.
_BARE_REF = re.compile(r"^(?-i:[A-Z]{1,6}\d{0,3})(?:-(?-i:[A-Z0-9]{1,10})){1,4}$")
_DIGITS3 = re.compile(r"\d{3}")
# A number with no label, in a column of its own at the right of a header
# line ("C05 JOHN          037436": a cash register's consecutive number on
# its clerk line). Read only in the header, only when no labelled number
# is printed, and flagged: nothing on the paper says what it counts.
_RIGHT_NUMBER = re.compile(r"^\s*(?P<before>[^\W_][^:]*?)\s{2,}(?P<no>\d{4,8})\s*$")
# A code in a column of its own after words the rules do not know
# ("Kundnr:      SC1-290911", "Loyalty card   LC-20931"): four digits or
# more, perhaps with letters. Never read (it may be the receipt's number as
# well as a pupil's account); in the header it is flagged ``unread_number``.
# The words end at a printed character and the spaces are matched once: a
# long run of spaces (the tap reads bytes from the network) never backtracks
# through every way to split it.
_RIGHT_CODE = re.compile(r"^\s*(?P<before>[^\W\d_](?:[^:]*[^:\s])?)(?:\s*:)?\s{2,}"
                         r"(?P<no>(?=(?:[^\d\s]*\d){4})[A-Za-z0-9][A-Za-z0-9/_-]{3,31})\s*$")
# The same, as one of a line's cells ("Ordine 4173 - Tavolo 12", "Kvitto
# 40021 | Kassa 2"): words, then the code after one space.
_CELLS_APART = re.compile(r"\s{2,}|\s+[-|]\s+")
_WORDS_CODE = re.compile(r"^(?P<before>[^\W\d_](?:[^\d:]*[^\d:\s])?)(?:\s*[:#])?\s+"
                         r"(?P<no>(?=(?:[^\d\s]*\d){4})[A-Za-z0-9][A-Za-z0-9/_-]{3,31})$")
# ... never a phone, fax, tax, company or postal number.
# A tax or company number in the words countries print it under: India's
# GSTIN, Poland's NIP and REGON, Brazil's CNPJ and CPF, Spain's CIF and NIF,
# Mexico's RFC, Italy's P.IVA, Germany's St.-Nr and USt-IdNr.
_OTHER_NUMBER = re.compile(r"\b(?:tel|telefon[eo]?|phone|fax|mob(?:ile)?|vat|tax|reg|nuit|nit|"
                           r"company|co|abn|gst|gstin|ust|ust-?id(?:nr)?|st\.?-?nr|siret|siren|"
                           r"nip|regon|cnpj|cpf|cif|nif|rfc|tin|p\.?\s?iva|"
                           # Kenya's KRA PIN, Andorra's NRT, Australia's ACN; a PIN is never printed
                           r"pin|kra|nrt|acn|"
                           # company and tax numbers further afield: Finland's Y-tunnus,
                           # Denmark's CVR, the Nordic Org.nr, the Dutch KvK, Hungary's
                           # adószám, Vietnam's MST (mã số thuế), Turkey's VKN, Paraguay's
                           # and Peru's RUC, Swiss UID. (Not yet the Czech IČO/DIČ: its
                           # unread flag is all that flags the doklad's unread exact cash.)
                           r"y-tunnus|cvr|org\.?\s?nr|kvk|ad[óo]sz[áa]m|mst|vkn|ruc|"
                           r"uid|" + NOT_THE_NUMBER + r"|"
                           r"p\.?o\.?\s*box|postfach)\b", re.I)
# A number under the word "number" alone ("N°: 200226-151", "No. 1234",
# "#1234"), at the start of a cell: "Co. No: 08123456" is another number; so
# is a house's number before a comma and its street's words, as addresses in
# Sri Lanka, India, Nigeria and Malaysia print it ("No. 12, Galle Road",
# "No. 5, Jalan Ampang": NUMBERS.md).
_NUMBER_CELL = re.compile(r"(?:^\s*|(?<=\s\s))(?:n\s?[°º]|no\b\.?|nr\b\.?|#)\s*[:#.]?\s*"
                          r"(?P<no>[A-Za-z0-9][A-Za-z0-9/_-]{0,31})\b(?!,\s?[^\W\d_]{2})", re.I)
# An account: a pupil's, student's or customer's number (never a name: the
# reader keeps only a value with a digit). A stored-value card's number
# ("Cashless ID", "Swipecard No", "Campus Card No", "Member No") is the
# account too, as is a pupil's UPN, and its account under a shortened word
# ("Card Acc: 203918", "Meal Acc No"). A card that says whose it is (a
# university's "UCard", a college's, a member's) is such a card, with or
# without its "No"; a card alone is a bank card, and a bank card's number is
# never printed whole.
_ACCOUNT = re.compile(
    # the account may say what kind it is ("Cashless A/C", "Meal account no"),
    # never a bank's ("Savings account 12345678" in an advert or a footer)
    r"^(?:(?:(?!(?:bank|savings?|current|cheque|checking|deposit|loan|isa|business|"
    r"joint|trading|merchant)\b)[^\W\d_]+\s+)?(?:account|acct|acc|a/c)\b\.?\s*"
    r"(?:no\b\.?|number|num|id|ref|#)?|"
    # a boarding house's bank, the boarders' pocket money the house keeps
    # ("House bank a/c SH-0844": the pupil's account, NUMBERS.md), no bank's
    r"house\s+bank\s+(?:account|acct|acc|a/c)\b\.?\s*(?:no\b\.?|number|num|id|#)?|"
    # (Welsh "Cyfrif", the account: "Cyfrif 48503", "Account | Cyfrif: 342411")
    # (a college's "Learner: 21376014   Callum Jones", the name after it: holdout31)
    r"(?:acc|pupil|student|learner|adm(?:ission)?|admin|customer|cust|cyfrif)\b\.?\s*"
    r"(?:no\b\.?|number|num|id|ref|#)?|upn\b|"
    # SIMS's admission number column ("Adno") and a school's MIS id
    r"adno\b\.?|mis\s?id\b|"
    # a purse's or wallet's number ("Purse ID 5264650")
    r"(?:purse|wallet)\s*(?:no\b\.?|number|num|id|#)|member(?:ship)?\b\.?\s*(?:no\b\.?|number|num|id|#|(?=:))|"
    r"(?:cashless|swipe\s?card|(?:campus|student|pupil|meal|smart|school|library|id)\s?card|"
    r"roll)\b\.?\s*(?:no\b\.?|number|num|id|ref|#)|"
    # a college's learner (by matriculation or enrolment number: Scottish,
    # Nigerian and Indian colleges), a canteen's staff member or employee, by number
    r"(?:learner|staff|employee|emp|payroll|matric(?:ulation)?|enrol(?:l)?ment)\b\.?\s*"
    r"(?:no\b\.?|number|num|id|#)|"
    # a card printed whole with its holder's name after it ("Card 6051726  C.
    # MacLeod", "Card 101963 Emma Nolan"): the school's own card, whose number
    # is the pupil's account (a bank card's number is never printed whole,
    # nor followed by a name: its scheme or its verdict follows)
    r"card(?=\s+\d{5,12}\s+(?!(?:visa|master\w*|maestro|amex|american|debit|credit|"
    r"contactless|chip|pin|approved|declined|auth\w*|diners|discover|jcb|union\w*|eftpos|"
    r"ending|expir\w*|exp|type|balance|bal|no|number|ref)\b)[^\W\d_]+\.?\s+"
    r"[^\W\d_]['’]?[^\W\d_])|"
    # (a school's swipe card, by the number on its magnetic strip: "Swipe card
    # 578993", Lancashire's and academies' cashless tills, NUMBERS.md; the
    # way it is read may follow in brackets, "Meal card (barcode) 20719077";
    # never an amount, "Meal card 1250.00")
    r"(?:u|uni|university|college|campus|member(?:ship)?|staff|student|pupil|cashless|dining|"
    r"swipe|meal)\s?card\b\.?\s*(?:\((?:bar\s?code|swipe|scan(?:ned)?|chip|nfc|rfid|"
    r"contactless|qr)\)\s*)?(?:no\b\.?|number|num|id|#)?(?=\s*[:#.]?\s*\d{4,}\b(?![.,]\d)))"
    r"\s*[:#.]?\s*(?P<account>[A-Za-z0-9][A-Za-z0-9_-]{0,31})\b", re.I)
# A pupil's number by its label, anywhere on a line ("Year 9 Adm No:
# 012345", "Oak class Pupil ID 30412"): the account printed. Where no
# account is read from the receipt, the pupil it names was not read and the
# journal would charge whoever tapped (``unread_account``, NUMBERS.md).
_PUPIL_NUMBER = re.compile(r"\b(?:(?:pupil|student|learner|adm(?:ission)?|mis)\.?\s*"
                           r"(?:no\b\.?|number|num|id|ref|#)|adno|upn)\s*[:#.]?\s*"
                           r"[A-Za-z]{0,3}\d", re.I)


def pupil_number_printed(line: str) -> bool:
    """Whether ``line`` prints a pupil's number under its label, anywhere."""
    return _PUPIL_NUMBER.search(line) is not None


# A card's number printed whole under "Card no." ("Card no. 72277076
# Tutor 9SH"): never a bank card's (whose number is never printed whole),
# so the school's own card, whose number is the pupil's account; where no
# account is read, flagged ``unread_account`` (NUMBERS.md, "A card's number
# printed whole").
_CARD_NUMBER_WHOLE = re.compile(r"^card\s*(?:no\b\.?|number|num|#)\s*[:#.]?\s*"
                                r"\d{5,12}\b(?![.,]\d)", re.I)


def card_number_printed(line: str) -> bool:
    """Whether ``line`` begins with a card's number printed whole under its label."""
    return _CARD_NUMBER_WHOLE.match(line) is not None


# A code under the bare word "Code" ("Code: 614"): a product's, an offer's,
# or (a school dining room's ticket prints the pupil's "Codigo:" under the
# pupil's name; fee receipts a "Student Code") the pupil's? The defaults
# never read it as the account; with no account read it is flagged
# ``unread_account`` as an unread pupil's number is (NUMBERS.md), and a
# till's profile may read it from its samples.
_BARE_CODE = re.compile(r"^code\s*[:#.]?\s*\d{3,12}$", re.I)


def bare_code(line: str) -> bool:
    """Whether ``line`` is a code of three digits or more under "Code" alone."""
    return _BARE_CODE.match(line) is not None


# The kind of id a fiscal receipt identifies its buyer by, printed beside
# the id ("CUSTOMER ID TYPE: TIN", Tanzania's VFD; "Buyer ID Type: NIN",
# Uganda's EFRIS; "ID Type: Passport"): the id printed with it is the
# buyer's tax or national identity for the tax office, never a pupil's
# account (NUMBERS.md, "The buyer's identity").
_BUYER_ID_TYPE = re.compile(r"^(?:(?:customer|buyer|client|purchaser)\s+)?id(?:entification)?\s+"
                            r"type\b", re.I)


_BUYER_ID_TYPES = Vocabulary("buyer id type", (_BUYER_ID_TYPE,))


@functools.lru_cache(maxsize=2048)  # asked of every label line of every receipt
def buyer_id_type(line: str) -> bool:
    """Whether ``line`` labels the kind of id the buyer is identified by."""
    return _BUYER_ID_TYPES.may_answer(line) and _BUYER_ID_TYPE.match(line) is not None


# Refund and void are banner lines ("REFUND", "*** VOID ***", "Sale refunded"),
# not words anywhere: footers say "Refund policy: see our website". In the
# languages real tills print: German ("Gutschrift", "Erstattung"), Italian
# ("Reso", "Rimborso"), French ("Remboursement", "Avoir", "Retour"), Spanish
# and Portuguese ("Reembolso", "Estorno"), Dutch.
_BANNER_EDGE = (r"^[\W_]*+(?:(?:" + DOC_TITLES + r")\s*(?:[/:.,|–-]\s*)?)?"
                r"(?:(?:sale|transaction|receipt|items?|merchandise|goods|customer)\s+)?")
# ("e-CREDIT NOTE": an electronic fiscal document's name, Uganda's EFRIS, KIND.md)
_REFUND = re.compile(_BANNER_EDGE + r"(?:refund(?:ed)?|(?:e-)?credit\s+note|refund\s+receipt|"
                     r"(?:product\s+)?return(?:ed)?|storno|devoluci[oó]n|devolu[cç][aã]o|"
                     r"r[üu]ckgabe|gutschrift|erstattung|retoure|reso|rimborso|remboursement|"
                     r"avoir|retour|reembolso|estorno|terugbetaling|" + MORE_REFUND_WORDS + r")"
                     r"(?:\s+(?:receipt|sale|voucher|slip|note|transaction|items?|"
                     + REFUND_OF + r"))?[\W_]*$", re.I)
# A title that says the document charges ("Nota de Débito de e-Ticket",
# "e-Ticket", "FACTURA B"): it decides the kind before any line saying money
# went back (``settle``).
_CHARGE_TITLE = re.compile(_BANNER_EDGE + r"(?:" + CHARGE_TITLES + r")"
                           r"(?:\s+(?:" + REFUND_OF + r"))?[\W_]*$", re.I)
# An operation that is no sale and no refund of one (``doc_words.PAYOUT_WORDS``).
_PAYOUT = re.compile(_BANNER_EDGE + r"(?:" + PAYOUT_WORDS + r")[\W_]*$", re.I)
# The heading of the items bought on an exchange's receipt, under those
# returned ("Returned items" / ... / "Bought", "New items", "Items
# purchased", "Sale items": ``KIND.md``, "An exchange").
_SOLD_HEADING = re.compile(r"^[\W_]*(?:(?:new|sale|sold|purchased?|bought)\s+items?|"
                           r"items?\s+(?:bought|purchased|sold)|bought|purchased?|purchases|"
                           r"sales?|sold|new\s+purchases?)[\W_]*$", re.I)


def sold_heading(line: str) -> bool:
    """Whether ``line`` heads the items bought on an exchange
    (``_SOLD_HEADING``), or either half of it in two languages ("Prynwyd |
    Bought")."""
    return any(_SOLD_HEADING.match(one) is not None for one in (line, *one_language(line)))


# A tender that says the money went back ("Refunded to: Cash", "Refund to
# card", "Cash refund £2.50", "Credited to account", "Back to dinner money"): a refund.
_REFUND_TENDER = re.compile(r"^[\W_]*+(?:(?:refund(?:ed)?|credited)\s+(?:to|by|via|in)\b|"
                            r"back\s+(?:to|into|onto)\b|"
                            r"[^\W\d_]++(?:\s+[^\W\d_]++)?\s+refund(?:ed)?\b)", re.I)
_VOID = re.compile(_BANNER_EDGE + r"(?:void(?:ed)?|cancel+ed|void\s+receipt|"
                   + MORE_VOID_WORDS + r")"
                   r"(?:\s+(?:receipt|sale))?[\W_]*$", re.I)
# "Customer copy" on a card slip is not a reprint.
_NOT_REPRINT = re.compile(r"\b(?:customer|merchant|cardholder|card\s+holder|store|shop|"
                          r"retailer)(?:'s)?\s+copy\b", re.I)
