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
    # Russian and Ukrainian "чек", Bulgarian "бон" (the fiscal receipt, Наредба
    # Н-18: "ФИСКАЛЕН БОН", its number "БОН № 0024057"; Romanian "bon fiscal"
    # and German "Bon-Nr." the same word), receipts ("квитанция")
    r"чек|бон|квитанц[а-я]*|"
    # Brazil's electronic fiscal documents by their names, the number after
    # them ("NFC-e nº 000002210", "NF-e Nº 1234", "CF-e SAT nº 000123": the
    # SEFAZ's nNF / the SAT's nCFe, the document's own number)
    r"nfc-?e|nf-?e|cf-?e(?:\s+sat)?|"
    # Russia's 54-ФЗ "ФД" (фискальный документ: the document's serial number
    # in the fiscal drive, "ФД: 37954" or "ФД № 37954"); never ФН (the drive's
    # serial) nor ФП/ФПД (the fiscal sign), which NOT_THE_NUMBER holds
    r"фд|"
    # ... and Uganda's EFRIS "FDN" (the fiscal document number URA issues the
    # receipt; the seller's "Reference:" is the till's own, "Original FDN:"
    # the sale a credit note undoes)
    r"fdn|"
    r"resit|struk|resibo|risiti|kwitansie|tiquet|tique|nota\s+de\s+venta|"
    # a school office's booking slip for a club paid ahead ("Booking no.
    # 26-400": the slip's own number, NUMBERS.md)
    r"booking|"
    # Lithuanian "Kvitas" / "Kvito Nr." (Maxima's "Kvitas 1/15 #00000908", Rimi's
    # "Kvito Nr."), Latvian "Čeks" / "Čeka Nr."
    r"kvitas|kvito|[čc]eks|[čc]eka|"
    # a document's word and its number's joined ("Ticketnummer", "Bonnr", "Factuurnr")
    r"(?:ticket|factuur|bon|kassabon|beleg|quittung|kvittering|kvitto|ordre|order|faktura|"
    r"kuitti)s?-?(?:nummer|nr|numero|nro)|"
    # Chinese "單號"/"单号" (the slip's number), "流水号" (serial), "小票号", Japanese
    # "伝票番号" (slip number), "レシートNo", "取引番号", Korean "영수증번호"
    # (receipt number), "거래번호" (transaction number), Thai "เลขที่" (number)
    r"[單单]號|[單单]号|流水[号號]|小票[号號]|[訂订][單单][號号]|伝票番号|伝票no|"
    r"レシート(?:no|番号)|取引番号|영수증\s?번호|거래\s?번호|주문\s?번호|เลขที่|"
    r"tran|" + TRANSACTION_WORDS)
# Abbreviations that are labels only with a number's mark after them: the
# Philippine official receipt's and sales invoice's ("OR#44928", "O.R. No.
# 123", "SI No: 88"); "or" and "si" alone are words, never labels. A
# transaction's "TN" with its colon or mark ("TN: SA260001", "TN# 4410"; a
# US address's "Nashville, TN 37201" has neither), and a token's number,
# the order's own on canteen and counter-service slips ("TOKEN # 007",
# "Token No: 45"; a card slip's payment "Token:" alone is none) (NUMBERS.md).
MARKED_ONLY_WORDS = (r"o\.?r(?=\.?\s*(?:#|no\b|n[°º]))|s\.?i(?=\.?\s*(?:#|no\b|n[°º]))|"
                     r"tn(?=\s*(?:[:#]|no\b))|token(?=\s*(?:#|no\b|n[°º]|number))")
# What a document's number is qualified by between its word and its mark:
# "SCONTRINO FISCALE N.", "Documento commerciale n.", "Bon fiscal nr.", and
# the electronic document of the fiscal systems that issue one (Chile's
# "BOLETA ELECTRÓNICA N°", Peru's "Boleta de venta electrónica", Brazil's
# "Nota Fiscal Eletrônica", Colombia's "Factura electrónica", France's
# "Facture électronique"; NUMBERS.md).
NUMBER_QUALIFIERS = (r"fiscal[e]?|commerciale|elettronico|electr[oó]nic[ao]|"
                     r"eletr[oô]nic[ao]|[ée]lectronique")
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
                     # Lithuanian "Grąžinimas" (a return: KIND.md)
                     r"gr[ąa][žz]inimas|"
                     r"visszáru|возврат|повернення|"
                     # Serbia's e-fiscal refund ("ПРОМЕТ РЕФУНДАЦИЈА", Latin "REFUNDACIJA")
                     r"рефундација|refundacija|"
                     # Ukraine's ПРРО refund receipt (DOCSUBTYPE 1, "Видатковий чек
                     # (повернення)"; its sale is "Фіскальний/Касовий чек"): ``KIND.md``
                     r"видатковий\s+чек(?:\s*\(повернення\))?|"
                     r"nota\s+(?:de\s+|di\s+)?cr[eé]dito|nota\s+de\s+abono|abono|"
                     r"credit\s?nota|creditfactuur|kredit(?:nota|faktura)|hyvityslasku|"
                     r"dobropis|faktura\s+koryguj[aą]ca|j[óo]v[áa][íi]r[áa]s|"
                     r"factur[aă]\s+de\s+stornare|vr[áa]ten[ée]|vr[áa]tenie|"
                     # Greece's credit note of retail, myDATA's type 11.4 "Πιστωτικό
                     # Στοιχ. Λιανικής" (its sale: 11.1 "ΑΛΠ", 11.2 "ΑΠΥ"), and of an
                     # invoice, "Πιστωτικό Τιμολόγιο" (5.1): a refund's document
                     r"πιστωτικ[όο](?:\s+(?:στοιχ(?:ε[ίι]ο|\.)|τιμολ[όο]γιο))?"
                     r"(?:\s+λιανικ[ήη]ς)?|"
                     # The UK's and Ireland's other languages: Welsh "Ad-daliad"
                     # (GOV.UK's Welsh for "refund", "Hawlio ad-daliad"), Irish
                     # "Aisíocaíocht", Scottish Gaelic "Ais-dhìoladh" (a refund
                     # policy's): a bilingual slip's banner, "REFUND - AD-DALIAD" (KIND.md)
                     r"ad[-\s]?daliad(?:au)?|ais[ií]oca[ií]ocht|ais-dh[ìi]oladh")
# A fiscal document's own name printed before the operation it records, on
# the operation's line (``KIND.md``): Russia's 54-ФЗ "КАССОВЫЙ ЧЕК / ВОЗВРАТ
# ПРИХОДА", Kazakhstan's "ФИСКАЛЬНЫЙ ЧЕК ВОЗВРАТ ПРОДАЖИ", Ukraine's
# "ФІСКАЛЬНИЙ ЧЕК", Italy's RT "DOCUMENTO COMMERCIALE emesso per RESO MERCE",
# Poland's "PARAGON FISKALNY". The name, then a separator or none.
DOC_TITLES = (r"(?:(?:кассовый|фискальный|фіскальний|касовий)\s+)?чек|"
              # Serbia's e-fiscal transaction type: "ПРОМЕТ ПРОДАЈА" / "ПРОМЕТ РЕФУНДАЦИЈА"
              r"промет|promet|"
              r"(?:documento\s+commerciale\s+)?emesso\s+per|documento\s+commerciale|"
              r"paragon(?:\s+fiskalny)?")
# What a refund word says was undone, after it: the sale ("ВОЗВРАТ ПРИХОДА",
# 54-ФЗ's refund of an income; "ВОЗВРАТ ПРОДАЖИ"; "RESO MERCE", goods returned;
# "Devolución de venta"); Argentina's lettered credit note ("NOTA DE CREDITO
# C": AFIP's comprobante classes A, B, C, M, E); the electronic document
# it corrects, Uruguay's CFE types 102 and 112 "Nota de Crédito de e-Ticket",
# "de e-Factura" (DGI's CFE table), Chile's and Peru's "Nota de crédito
# electrónica" (KIND.md).
REFUND_OF = (r"прихода|продажи|merce|de\s+venta|da\s+venda|[abcem]|electr[oó]nica|"
             r"de\s+(?:la\s+)?e-?(?:ticket|factura|boleta)|de\s+(?:la\s+)?(?:factura|boleta)")
# Operations whose money goes the other way from a sale's, or back from
# that, and that are no refund of a sale (54-ФЗ's "РАСХОД", the shop paying
# out, and "ВОЗВРАТ РАСХОДА"; "ВОЗВРАТ ПОКУПКИ", a card slip's refund of a
# purchase in Russia but a fiscal receipt's return of the shop's own
# purchase in Kazakhstan): the kind is not sure (``KIND.md``).
PAYOUT_WORDS = r"(?:возврат\s+)?расхода?|возврат\s+покупки"
# A title that says the document charges: a debit note (more charged on an
# invoice or a ticket), by its name in the e-invoicing standards' document
# types: UN/CEFACT 1001's 383 "Debit note" (French "Note de débit"),
# Uruguay's CFE 103 "Nota de Débito de e-Ticket" and Latin America's "Nota
# de débito", Italy's FatturaPA TD05 "Nota di debito", Dutch and Norwegian
# "Debetnota"; and a sale's own fiscal document, whose refund is a document
# of another name (KIND.md's table): Uruguay's "e-Ticket", "e-Factura" (CFE
# 101, 111), Argentina's lettered "FACTURA B", Uganda's "e-INVOICE/TAX
# INVOICE", Serbia's "ПРОМЕТ ПРОДАЈА", Kazakhstan's "ПРОДАЖА", Russia's
# "ПРИХОД". No refund, whatever a line says went back (KIND.md).
CHARGE_TITLES = (r"debit\s+note|nota\s+(?:de\s+|di\s+)?d[eé]bito|note\s+de\s+d[eé]bit|debetnota|"
                 r"e-?ticket|e-?factura|factura\s+[abcem]|e-?invoice(?:\s*/\s*tax\s+invoice)?|"
                 r"продаја|prodaja|продажа|приход")

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

# A payment's own reference: "Ref" right after the words of the way that
# paid it ("Voucher ref. 11077253" under "Edenred childcare voucher 3.50", a
# gift card's, a cheque's): the voucher's or the bank's number, never the
# receipt's (NUMBERS.md).
_PAYMENT_WORDS = r"\b(?:vouchers?|gift\s?cards?|cheques?|chq)"
PAYMENT_REF_BEFORE = re.compile(_PAYMENT_WORDS + r"\s*$", re.I)
# ... and its code after them, under "ref" or "no." ("Chq no. 525704"):
# the payment's, so no number left unread either.
PAYMENT_CODE_LABEL = re.compile(
    _PAYMENT_WORDS + r"\s+(?:ref(?:erence)?|no|number)\b\.?\s*[:#.]?\s*$", re.I)

# A person named by role on a line of its own ("Student: Kai Robinson",
# "Staff: Dr P. Shah", "Name   : Ellie Hughes"): an ``ID``/``Card`` number on
# the next line is that person's account (``apply._label``).
# (the role and "name" together too: "STUDENT NAME : DAFYDD PRITCHARD", a
# student kiosk's payment slip)
PERSON_LABEL = re.compile(r"^(?:(?:student|pupil|learner|staff|member)(?:'?s)?\s+name|"
                          r"student|pupil|learner|staff|member|name|cardholder)\s*:", re.I)
# ... or the role, then the name in a column of its own, no colon ("Pupil
# KAUR Ffion": a village college's card till; NUMBERS.md, "The card under
# its holder's row"). On the row as printed: the run of spaces is the column.
PERSON_COLUMN = re.compile(r"^\s*(?:student|pupil|learner|cardholder)\s{2,}[^\W\d_]", re.I)
# A pupil's row: the name, then the year group or form it is in ("Ella
# Robson Y4", "Ella Hughes Nursery", "O'NEILL, Megan   Form 13G", "Price,
# Rhys (7N)"): a school office's or a till's slip names the child so
# (NUMBERS.md, "The pupil's number under the pupil's row").
# ... or the year group first, as Northern Ireland's and Scotland's primary
# classes are named ("P4 Zofia Kelly", "Nursery Ruairi Patel": an Education
# Authority office's dinner-money slip, holdout31 ea-dinner).
PUPIL_ROW = re.compile(r"^[^\W\d_][^\d:|]*?[^\W\d_]\.?,?\s+\(?(?:y(?:ea)?r?\s?\d{1,2}|"
                       r"form\s+\d{1,2}[a-z]{0,3}|\d{1,2}[a-z]{1,3}|nursery|reception)\)?$|"
                       r"^(?:p[1-7]|y(?:ea)?r?\s?\d{1,2}|nursery|reception)\s+"
                       r"[^\W\d_][^\d:|]*?[^\W\d_]$", re.I)
# The pupil's number right under that row, under a short label, perhaps how
# the till knew the pupil in brackets after it ("Ref 16041", "ID 3961
# (Finger)", "ID 4810  (ID no.)"), the authority's initials before it ("EA
# ref: 1678901", Northern Ireland's Education Authority): the pupil's
# account, never the receipt's.
PUPIL_REF = re.compile(r"^(?:(?-i:[A-Z]{2,4})\s+)?(?:id|ref(?:erence)?)\.?\s*(?:no\b\.?)?"
                       r"\s*[:#.]?\s*(?P<id>\d{3,12})(?:\s+\([^()\d]{1,20}\))?$", re.I)
# An identifier alone under its short label ("ID: 1721898", "Card No 4471"),
# or a pupil's registration number under a student's name ("Student: Amelia
# Nowak" / "Reg No: ADM2402": school fee and office payment receipts in
# Kenya, Nigeria and India print the admission or registration number so;
# never a VAT or company registration, whose word comes first).
_PERSON_ID_LABELLED = (r"^(?:id|card(?:\s+(?:no\b\.?|number|#))?|"
                       r"reg(?:istration)?\.?\s*(?:no\b\.?|number|#))\s*[:#.]?\s*"
                       r"(?P<id>(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9_-]{0,31})")
PERSON_ID = re.compile(_PERSON_ID_LABELLED
                       # the holder's tutor group or form beside it ("Card no.
                       # 72277076   Tutor 9SH"): the pupil's class, no part of the id
                       + r"(?:\s+(?:tutor|form|class|tg)\s*[:.]?\s*[A-Za-z0-9]{1,6})?$", re.I)
# ... and the first of more on its row ("ID: 9076603, 2309936": two pupils',
# ``numbers.people_joined``).
PERSON_IDS = re.compile(_PERSON_ID_LABELLED + r"(?=\s*(?:[/&+,]|\band\b))", re.I)

# The word "number" printed BEFORE the document's word, the order most
# languages other than English and German use (``NUMBERS.md``): Czech and
# Slovak "Číslo dokladu", Polish "Numer/Nr paragonu", Romanian "Nr. bonului",
# Spanish "Número/Nº de ticket", Portuguese "N.º do talão", Italian "Numero
# scontrino", French "Numéro/N° de ticket", Russian and Ukrainian "Номер
# чека", Serbo-Croatian "Broj računa" (Serbian Cyrillic "Број рачуна"), Slovenian "Številka računa",
# Hungarian "Sorszám", Vietnamese "Số hóa đơn"/"Số HĐ", English "No. of
# receipt"; with its particle ("de", "do", "du", "di", "of").
FIRST_MARKS = (r"[čc][ií]slo|[čc][ií]s\.|numer|numero|n[uú]mero|num[ée]ro|nummer|nro\.?|"
               r"n[uú]m\.|nr\.?|n\.?\s?[°º]\.?|no\.?|№|номер|broj|број|br\.|[šs]tevilka|[šs]t\.|"
               r"s[ốo]|"
               # Greek "Αρ." / "Αριθμός" (number) before "Απόδειξης", "Παραστατικού"
               r"αρ\.|αριθμ[όο]ς|"
               # Arabic "رقم" (number) before "الإيصال" (the receipt), "الفاتورة" (the invoice)
               r"رقم|"
               # Hebrew "מספר" (number) before "חשבונית" (invoice), "קבלה" (receipt)
               r"מספר")
FIRST_PARTICLES = r"(?:de\s+|del\s+|do\s+|da\s+|du\s+|di\s+|of\s+|the\s+)?(?:l[ae]\s+|l')?"
# The document's word as it stands after "number", inflected where the
# language inflects it (the genitive: "dokladu", "paragonu", "bonului",
# "računa", "чека"). Only after a number's mark: "ID dokladu" (the fiscal
# server's identifier, eKasa's UID) and "Kód pokladnice" (the register's
# code) are no receipt numbers.
FIRST_DOC_WORDS = (
    r"dokladu|pokladni[cč]n[ée]ho\s+dokladu|[uú][cč]tenky|paragonu|rachunku|bonului|bonu|"
    r"chitan[tț]ei|facturii|ra[cč]una|рачуна|fakture|faktury|fakt[uú]ry|чека|чеку|документа|"
    r"квитанц[а-яії]+|рахунку|"
    r"ticket|tiquete|factura|fatura|boleta|folio|recibo|comprobante|documento|tal[aã]o|"
    r"scontrino|ricevuta|facture|re[çc]u|transacci[oó]n|transa[cç][aã]o|operaci[oó]n|"
    r"h[oó]a\s+[dđ][oơ]n|h[dđ]|bi[eê]n\s+lai|"
    r"receipt|invoice|transaction|document|bill|order|pedido|orden|commande|ordine|"
    # Greek, in the genitive: "Αρ. Απόδειξης", "Αριθμός Παραστατικού", "Αρ. Τιμολογίου"
    r"απ[όο]δειξης|παραστατικο[ύυ]|τιμολογ[ίι]ου|"
    # Arabic, with its article: "رقم الإيصال" (receipt number), "رقم الفاتورة"
    # (invoice number; Saudi ZATCA's simplified tax invoice), the hamza often dropped
    r"ال[إا]يصال|الفاتورة|"
    # Hebrew, in the construct state: "מספר חשבונית", "מספר קבלה"
    r"חשבונית|קבלה")

# What is printed near a receipt's number and is never it (``NUMBERS.md``):
# fiscal codes a tax authority assigns or a signature device computes
# (Portugal's ATCUD and its software certificate, Croatia's JIR and ZKI,
# Slovakia's OKP and eKasa UID, Czechia's FIK/BKP/PKP, Argentina's CAE,
# Colombia's CUFE, Germany's TSE signature and serial, Russia's and
# Ukraine's fiscal drive, fiscal sign and register numbers ФН/ФП/ФПД/ЗН/РН
# ККТ/ФН РРО); tax and company numbers beyond ``labels._OTHER_NUMBER``'s
# (Ukraine's ІПН/ЄДРПОУ, Russia's ИНН/ОГРН/КПП, Belarus's УНП, Kazakhstan's
# БИН/ИИН, Croatia's OIB, Serbia's PIB, Chile's and Argentina's RUT/CUIT/
# CUIL, Venezuela's RIF, Honduras's RTN, UAE's TRN, Indonesia's NPWP,
# Greece's ΑΦΜ, Japan's invoice registration 登録番号, Korea's 사업자번호);
# and the register or terminal the sale was rung on ("Kód pokladnice",
# "Terminal ID", "POS ID", "Kasa", "Caixa", "Cassa", "Caja", "Касса").
NOT_THE_NUMBER = (
    r"atcud|jir|zki|okp|pkp|bkp|fik|cae|cufe|tse|"
    r"фн|фп|фпд|зн|рн|ккт|рро|іпн|iпн|ипн|инн|єдрпоу|едрпоу|огрн|кпп|унп|бин|иин|"
    r"oib|pib|rut|cuit|cuil|rif|rtn|trn|npwp|αφμ|afm|"
    r"登録番号|사업자번호|사업자등록번호|"
    r"k[oó]d\s+pokladni(?:ce|ca)|terminal(?:\s+id)?|tid|pos\s?id|kasa|kassa|caixa|cassa|caja|"
    r"касса|каса|термінал|терминал|"
    # ... and (safety17) Bosnia's JIB, Romania's CUI, Bulgaria's ЕИК/BULSTAT,
    # Portugal's NIPC, Pakistan's NTN and STRN, the Dominican RNC, Estonia's
    # KMKR, Slovenia's ZOI and EOR, Montenegro's IKOF and JIKR.
    r"jib|cui|eik|еик|bulstat|nipc|ntn|strn|rnc|kmkr|zoi|eor|ikof|jikr|"
    # ... and (rules22a) Bulgaria's VAT number under the VAT act's name ("ЗДДС №
    # BG103994512", "ИН по ЗДДС": Наредба Н-18 чл. 26, the trader's VAT number)
    r"зддс|"
    # ... and (safety19) a customer's identity document, printed under the
    # sale on a boleta, a factura or a fiscal receipt: Peru's, Argentina's and
    # Spain's DNI, Spain's NIE (with its colon: Polish "nie" is "not"),
    # Mexico's CURP, Latin America's cédula, Russia's СНИЛС
    r"dni|nie(?=\s*[:.#])|curp|c[ée]dula|снилс|"
    # ... and (safety24) Egypt's and the Arab world's commercial register,
    # "السجل التجاري", printed "س.ت" (NUMBERS.md)
    r"س\.\s?ت|السجل\s+التجاري|"
    # ... and (rules23) Israel's company number "ח.פ." and licensed dealer's
    # (its VAT number) "ע.מ." / "עוסק מורשה"; Lithuania's VAT payer's and
    # company's codes, "PVM mokėtojo kodas", "Įmonės kodas" (the VMI's header)
    r"ח\.פ|ע\.מ|עוסק\s+מורשה|mok[ėe]tojo\s+kodas|[įi]mon[ėe]s\s+kodas")
