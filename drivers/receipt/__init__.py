"""Receipt interpretation (pure): a captured receipt's text lines -> what was
sold (lines, total, tender, receipt number, time, account).

``interpret(captured, rules)`` never raises on odd text: a receipt it cannot
make sense of comes back with the flag ``unparsed_receipt`` (the sale is still
journaled with its raw bytes; nothing is dropped). A line longer than any till
prints (``LINE_MAX``) is read only up to it, and the receipt is flagged
``overlong_line``: a hostile line costs no more than a real one.

Per-till templates (``ReceiptRules.templates``, regular expressions with named
groups, built from the config by ``agent.sale.receipt_rules``) are tried on each
line before the default rules. The default rules read receipts as the
fixed-width text in columns real tills print (tests/receipts_corpus/README.md
describes the layouts they are measured on)::

    Pasta bake               £2.30       one item (amount = the line's value)
    2 x Cookie               £1.00       quantity first ("2x", "2 @", "- 2 Cookie")
    Cookie x2                 1.00       quantity last
    Salad box   £2.75   x2   £5.50       unit price and quantity in columns
    Pasta pot   £1.75    2   £3.50       a bare quantity in a column of its own
    2 Main meal              4.80        a bare quantity first
       2 Cookie  @ 0.50   1.00   S       amounts anywhere, a trailing tax code
    Jacket potato                        a name alone, then ...
        2 x £ 2.45            4.90       ... its quantity, unit price and value
    100101   2 x 2.65   5.30   A         an article number, its quantity and value, ...
             Roast chicken dinner        ... then its name alone
    2 X @0.70                            a quantity and unit price above ...
    YOGHURT T1               £1.40       ... the line whose value they make (a tax class after it)
    1 Pc    Veggie curry   2.80   2.80   a quantity with its unit
    Flapjack       A     4     £3.20     a tax class in a column of its own
    Cheese toast    3         7.05       a name the column cut, ...
      Cheese toastie                     ... printed whole under it
    Fruit pot (Qty 4)         2.40       a quantity labelled ("QTA 2", "Cant. 2", "2 pz", "(2)")
    Staff discount           -0.20       a discount: a line of its own (an amount off)
    Meal deal saving          0.40       an offer, saving, deduction: an amount off, either sign
    Food purse 5%            -0.18       a rate taken off under a purse's name (offs.py)
    TOTAL                    £3.30       a total's word with words around it: "Balance due",
                                         "AMT DUE", "PURCHASE TOTAL", "A total of", "Summe",
                                         "TOTAL A PAGAR", "Total (inc. tax)", "TTL", ...
    TL                                   a total's label alone, ...
                             £3.30       ... its amount alone on the next line
    A: £2.75 net, £0.55 VAT    Total £3.30   a total in the last cell (or per tax rate)
    Subtotal / VAT / MwSt / IVA / TA1    not items: the receipt's arithmetic
    Cash                     £5.00       a tender (TENDERS maps it to the contract), also
                                         Numerário, Multibanco, Card 577788, VISA ****8311,
                                         Pagamento: Cash, Paid (Card):, From free meal,
                                         Campus Card (account), Card Number:**** 8165
    Change / Tendered / Balance / Debt   never items ("Paid Amount", "Paid with £20.00,
                                         your change is £2.15": what was handed over)
    AMOUNT PAID              £2.10       what was paid, and under it ...
      Free meal credit       £1.20       ... payments, never items (tenders paying less
                                         than the total: unread_tender)
    Receipt No: 1234                     also Trans, Ticket, Order, Refund, Return, Ref,
                                         Sale ID: POS 1234 (the till's prefix is not in it),
                                         Belegnummer, Bon-Nr., Factura de venta No., Fatura
                                         No:, Talão Nº (a date is never a number)
                      TC2-2603-5352      a reference alone in the header, only when clear
    C05 JOHN          037436             a number alone at a header line's right (flagged
                                         unlabelled_number); a Ref after the total is
                                         flagged unsure_number (a payment's reference?)
    Bodcard           3420882            a number after words no rule knows, beside a
                                         labelled one: not read, flagged unread_number
    Date: 28/11/2026 12:01               also 2026-11-28, 28-Nov-2026, 1 March 2026,
                                         Sep 21, 2026, 02:01 PM, 09 Jun 26, Mar/28/2026,
                                         03/28/2026 (month first only where day first is
                                         no date, or beside a 12-hour clock: "4/7/2026,
                                         2:04:05 PM", or after a US address "Dayton, OH
                                         45402"; "4/7/2026" alone, or "04/07/2026 02:02
                                         PM", is flagged unsure_date), the same minute
                                         again with its seconds (not a TSE's "Ende")
    Closed: 10/01/2026 08:20 AM          a bill's closing time over its "Opened:" one
    Tanggal: 15/02/2026, 15.46           a time with a point after its date and a comma
    Receipt 7ab2ea04                     the receipt's own label over a "Txn" after the
                                         total; never "Original Invoice:", "ABN 51 ..."
    Account #: P123                      also Acct, Adm No, Pupil ID, Customer: 056780,
                                         Cashless ID, Swipecard No, Campus Card No, UPN,
                                         UCard 3420882
                                         (never a name, nor what follows a name, nor a
                                         bank's: "Savings account 12345678")
    *** REPRINT ***                      the markers, as whole words

Decisions (documented here because the journal depends on them):

* The receipt checks itself. An item line that can be read two ways (is
  "- 2 Cookie 0.50" two cookies for 50p, or at 50p each?) keeps both
  readings; the receipt takes the readings whose values add up to its
  total (or its subtotal, or its total less its tax), the likeliest first.
  A receipt that never adds up is ``unparsed_receipt`` and
  ``lines_total_mismatch``; one without a total or without item lines is
  ``unparsed_receipt``. Items that add up to the subtotal vouch only for a
  total that is the subtotal (with its tax). Two readings that both add up
  (a discount as large as the tax; two combinations of the lines' readings
  with other quantities or values) are ``lines_ambiguous``; a negative
  total made only by a discount larger than the items is ``kind_unsure``.
  A line read as no line because it is the unit price of the item above
  ("2 x Tea 1.00" / "0.50") is so only in a reading where that item's value
  is the one the price makes, and one with a name of its own ("2 x Tea
  2.00" / "1 x Tea 1.00") so set aside is ``lines_ambiguous`` (or an item
  sold again at that price?); a reading that makes the total but not the
  subtotal (or net) printed under the items, which another reading of them
  makes, is ``total_unsure``: no priced line is dropped unflagged.
  Lines and total found are still returned, so a reviewer sees what was
  read.
* A receipt that prints several totals ("Total", a discount, "Grand
  Total") is charged the one its items add up to, the final amount ("Grand
  Total", "Amount due", ...) before a plain "Total" before a "Net total";
  if none adds up, the highest ranked. A discount line (printed with
  either sign) is an amount off, and is read after a plain total up to the
  final one. A discount's rate alone ("Discount: 25.00%") takes the amount
  off from the next line's last amount.
* ``BALANCE`` alone is the pupil's account balance printed for information,
  not the amount due; only ``BALANCE DUE`` is a total.
* The tender is the contract's word (``cash``, ``card``, ``account``,
  ``fsm``) by ``TENDERS`` and the site's own words (``ReceiptRules.tenders``);
  a tender no table maps is returned as printed and flagged
  ``unmapped_tender``, never guessed ("Check", "E-wallet", "Transfer");
  a wallet, instant payment or bank transfer by its
  name ("PayNow", "MB WAY", "Transferencia", "Bank transfer") is returned as printed and
  not flagged (paid outside the school's ledger, ``TENDERS.md``), a cheque
  by its name ("Cheque", "Chèque") is ``cheque``, not flagged either, and a
  national debit network ("NETS", "TARJETA DEBITO REDCOMPRA") is
  ``card``; flagged too are two purses of different names each paying a
  part that only the family guess makes one word, and a bursary purse
  (read ``fsm``, a guess either way). A card named by its brand ("Debit
  Mastercard") or its terminal ("Atos", "PDQ") is ``card``; a payment
  label in the till's language names its tender ("Betalingswijze: Cash",
  ``tender_words``), and a purse named by where the money went ("Taken
  from balance", "Returned to cash balance") is ``account``. A tender printed after the
  total wins over one printed before it (a pupil's "FSM" marker in the
  header). Change alone (a cash refund) is cash. No tender read, but words
  after the total that pay it: ``unread_tender`` (the tender stays None). A
  split payment (two
  different tenders) is flagged ``split_tender`` and its tender is the one
  that paid the most: the contract's tender is one word, never null (the
  agent would fill a null with cash or account), and the flag tells the
  hub it is not the whole story. Its parts are ``tenders``
  (``TenderPart``: the contract's word, pence; ``split``), in printed
  order, each what its tender paid (the change off the cash part); they
  are trusted only when every tender printed its amount and they add up to
  the total, else the receipt is flagged ``split_unreconciled`` and
  carries none.
* A refund (a refund or return banner, a "Refund:" or "Return:" number,
  item lines with negative quantities, "x-1", "-2 x £0.50", or a negative
  total: Odoo, OSPOS, ERPNext print no banner) has lines carrying the items' (positive)
  value, a discount's negative, and a negative total, whichever way the till
  prints the signs; a void keeps the signs.
* A bare integer (1-3 digits) standing in a column of its own (two spaces
  or more from the text beside it) is the quantity: certain when quantity x
  unit price = value, else the receipt's arithmetic chooses whether a lone
  amount beside it is the value or the unit price. Two such columns: neither.
* ``occurred`` is the printed local time as RFC 3339 with the UK offset of
  that date (``2026-11-28T12:01:00+00:00``); a date without a time gives the
  RFC 3339 full-date (``2026-11-28``); nothing printed gives None.

Modules (each holds one kind of rule): ``amounts`` (printed money),
``labels`` (label families), ``total_labels`` (a total's label and rank),
``tenders`` (tender words and the contract's), ``dates``, ``columns`` (item
lines as fixed-width columns), ``facts`` (what one line says), ``chooser``
(the reconciling chooser), ``settle`` (the total, lines, kind and their
flags once every line is read), ``split`` (a split payment's parts),
``reader`` (``interpret``, ``lines_read``, ``misses``) on ``walk`` (the walk
over a receipt's lines; right-to-left paper sent in visual order put in
logical order first: ``rtl_paper``), ``template_lines`` (a till's templates on a line),
``apply`` (the default rules on a line, by its kind: ``apply_labels``,
``apply_items``, ``apply_dates``), ``result`` (the
reading assembled), ``state`` (what the walk has read so far), ``memo``
(what is remembered between receipts, bounded), ``vocabulary`` (a family
asked of a line only where it holds one of its own patterns' literals),
``model``, ``rules`` and
``profile`` (what a
till's complete learnt profile checks: a line it was not taught, or a field
every sample printed and this receipt did not, is ``template_miss``).
"""

from __future__ import annotations

from drivers.receipt.amounts import MONEY, amount_label, parse_money
from drivers.receipt.model import UNPARSED, ParsedReceipt, ReceiptLine, Template, TenderPart
from drivers.receipt.profile import TEMPLATE_MISS
from drivers.receipt.reader import (
    LINE_MAX,
    OVERLONG_LINE,
    interpret,
    lines_judged,
    lines_read,
    misses,
    tenders_printed,
)
from drivers.receipt.rules import DEFAULT_REPRINT_MARKERS, DEFAULT_RULES, ReceiptRules
from drivers.receipt.tenders import (
    CONTRACT_TENDERS,
    TENDERS,
    UNMAPPED_TENDER,
    UNMAPPED_TENDERS,
    contract_tender,
)

__all__ = [
    "CONTRACT_TENDERS", "DEFAULT_REPRINT_MARKERS", "DEFAULT_RULES", "LINE_MAX", "MONEY",
    "OVERLONG_LINE", "TENDERS",
    "UNMAPPED_TENDER", "UNMAPPED_TENDERS", "UNPARSED", "ParsedReceipt", "ReceiptLine",
    "ReceiptRules", "TEMPLATE_MISS", "Template", "TenderPart", "amount_label", "contract_tender",
    "interpret", "lines_judged", "lines_read", "misses", "parse_money", "tenders_printed",
]
