"""What a receipt calls itself, its number and its kind, in the languages
real tills print, beyond the families ``labels`` started from: the words a
till prints before its own document's number, the marks that say "number",
refund and void banners, and the labels under which a number is never the
receipt's (loyalty points) or is the person's account (an ``ID`` under a
student's name).

The words are families, not one till's strings. Sources read for them:
fiscal and POS receipt templates in public code (Ukrainian zstore's
``Чек``/``№``, Turkish ``Fiş No``/``Adisyon No``/``Belge No``, Italian
``Scontrino fiscale n.``/``Documento commerciale``), the Philippine BIR's
official receipt and sales invoice (``OR No.``/``OR#``, ``SI No.``/``SI#``),
Nordic ``Kvittering nr.``/``Kvitto nr``/``Kuitti nro``, Czech and Slovak
``Doklad č.``/``Pokladní doklad``, Romanian ``Bon fiscal nr.``/``Chitanță``,
Serbo-Croatian ``Račun br.``, Malay/Indonesian ``Resit``/``Struk``/``Nota``,
Tagalog ``Resibo``, Swahili ``Risiti``, Afrikaans ``Kwitansie``."""

from __future__ import annotations

import re

# "Transaction" in other languages (Spanish, Portuguese, German and Nordic,
# Dutch, Italian, Turkish "İşlem"): after the total, perhaps a card
# payment's number, not the receipt's (``numbers._PAYMENT``).
TRANSACTION_WORDS = r"transacci[oó]n|transa[cç][aã]o|transaktion|transactie|transazione|i[sş]lem"
# Words a till prints before its own document's number (beyond ``labels``'):
# Nordic, Finnish, Turkish (the dotless and dotted i alike), Czech/Slovak,
# Romanian, Hungarian, Slavic, South-East Asian and African languages.
# ``tran`` is a short "transaction" (``Tran: 68093``).
MORE_NUMBER_WORDS = (
    r"kvittering(?:snummer|snr)?|kvitto(?:nummer|nr)?|kuitti|"
    r"fi[sş]|belge|adisyon|"
    r"doklad|pokladn[ií]\s+doklad|"
    r"bon\s+fiscal|chitan[tț][aă]|sz[aá]mla|"
    # Hungarian "Sorszám" (serial number: a receipt's own), "Bizonylat"
    # (voucher), "Nyugtaszám"; Vietnamese "Hóa đơn" (invoice), "Biên lai"
    # (receipt), with or without their accents
    r"sorsz[aá]m(?:a)?|bizonylat(?:sz[aá]m)?|nyugtasz[aá]m|h[oó]a\s+[dđ][oơ]n|"
    r"bi[eê]n\s+lai|"
    r"чек|квитанц[а-я]*|"
    r"resit|struk|resibo|risiti|kwitansie|tiquet|tique|nota\s+de\s+venta|"
    # a document's word and its number's joined ("Ticketnummer", "Bonnr", "Factuurnr")
    r"(?:ticket|factuur|bon|kassabon|beleg|quittung|kvittering|kvitto|ordre|order|faktura|"
    r"kuitti)s?-?(?:nummer|nr|numero|nro)|"
    r"tran|" + TRANSACTION_WORDS)
# Abbreviations that are labels only with a number's mark after them: the
# Philippine official receipt's and sales invoice's ("OR#44928", "O.R. No.
# 123", "SI No: 88"); "or" and "si" alone are words, never labels.
MARKED_ONLY_WORDS = r"o\.?r(?=\.?\s*(?:#|no\b|n[°º]))|s\.?i(?=\.?\s*(?:#|no\b|n[°º]))"
# What a document's number is qualified by between its word and its mark:
# "SCONTRINO FISCALE N.", "Documento commerciale n.", "Bon fiscal nr.".
NUMBER_QUALIFIERS = r"fiscal[e]?|commerciale|elettronico"
# Marks that say "number" after the label, beyond No/Nr/N°/#/Num: Finnish
# and Spanish "nro", Serbo-Croatian "br." (broj), Czech and Slovak "č."
# (číslo), the numero sign "№", Polish "numer", Nordic/German "nummer".
MORE_NUMBER_MARKS = r"nro\b\.?|br\b\.?|č\.|№|numer\b|nummer\b"

# Refund banners in more languages: Nordic "Retur"/"Returnering", Finnish
# "Palautus"/"Hyvitys", Turkish "İade", Polish "Zwrot", Czech "Vratka",
# Croatian "Povrat", Hungarian "Visszáru", Russian/Ukrainian "Возврат"/"Повернення".
# A credit note (the document that refunds an invoice) by its name in the
# fiscal systems that print one: Portugal's and Brazil's "Nota de crédito"
# (the AT's NC document type), Spain's and Latin America's "Nota de
# crédito"/"Abono", Italy's "Nota di credito", Dutch "Creditnota"/
# "Creditfactuur", Nordic "Kreditnota"/"Kreditfaktura", Finnish
# "Hyvityslasku", Czech and Slovak "Dobropis", Polish "Faktura korygująca",
# Hungarian "Jóváírás", Romanian "Factură de stornare" ("Storno" is ``labels``').
MORE_REFUND_WORDS = (r"retur|returnering|palautus|hyvitys|iade|zwrot|vratka|povrat|"
                     r"visszáru|возврат|повернення|"
                     r"nota\s+(?:de\s+|di\s+)?cr[eé]dito|nota\s+de\s+abono|abono|"
                     r"credit\s?nota|creditfactuur|kredit(?:nota|faktura)|hyvityslasku|"
                     r"dobropis|faktura\s+koryguj[aą]ca|j[óo]v[áa][íi]r[áa]s|"
                     r"factur[aă]\s+de\s+stornare|vr[áa]ten[ée]|vr[áa]tenie")
# Void banners: Italian "Annullato", French "Annulé"/"Annulation", Spanish
# and Portuguese "Anulado"/"Anulación"/"Cancelado", German "Storniert",
# Turkish "İptal", Nordic "Annullert"/"Makulert", Polish "Anulowany".
MORE_VOID_WORDS = (r"annullat[oa]|annullamento|annul[ée]e?|annulation|anulad[oa]|"
                   r"anulaci[oó]n|cancelad[oa]|storniert|iptal|annuller(?:t|et|ad)|"
                   r"makulert|anulowan[ya]")

# Loyalty points, in the words tills print them: a number labelled after
# them ("Punten Ticket: 42", "Points this receipt: 7") counts points, never
# the receipt. Dutch, English, German, Spanish, Portuguese, Italian,
# French, Nordic, Finnish, Polish, Czech; stamps and bonus the same.
POINTS_BEFORE = re.compile(r"\b(?:punten|points?|punkte|puntos|pontos|punti|poeng|poäng|"
                           r"pisteet|punkty|stamps?|bonus)\b", re.I)

# A person named by role on a line of its own ("Student: Kai Robinson",
# "Staff: Dr P. Shah", "Name   : Ellie Hughes"): an ``ID``/``Card`` number on
# the next line is that person's account (``apply._label``).
PERSON_LABEL = re.compile(r"^(?:student|pupil|learner|staff|member|name|cardholder)\s*:",
                          re.I)
# An identifier alone under its short label ("ID: 1721898", "Card No 4471").
PERSON_ID = re.compile(r"^(?:id|card(?:\s+(?:no\b\.?|number|#))?)\s*[:#.]?\s*"
                       r"(?P<id>(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9_-]{0,31})$", re.I)
