"""What a receipt has read so far, line by line (the reader's state)."""

from __future__ import annotations

from datetime import date

from drivers.receipt.model import ReceiptLine


class _State:
    """What has been read so far, and what the receipt can hold at all."""

    __slots__ = ("items", "total", "subtotal", "tax", "tenders", "late_tenders", "receipt_no",
                 "account", "buyer_id_typed", "date", "time", "refund", "void", "payout",
                 "reprint", "after_total", "after_final", "totals", "paid_by", "code_item",
                 "bare_ref",
                 "unlabelled_no", "words_after_total",
                 "unsure_no", "unsure_date", "unplaced", "unplaced_below",
                 "discount_above", "item_above", "items_at_subtotal", "items_at_net", "discounts",
                 "name_above", "pupil_row", "name_indent", "name_at", "name_under", "raw",
                 "raw_prev", "width", "edge_shown",
                 "total_above", "qty_above", "paid", "paid_at",
                 "tender_amounts", "change", "unknown", "untaught_offs", "no_belongs", "no_title",
                 "no_alone",
                 "title_above", "total_unread", "no_late", "exact_time", "opened",
                 "month_first", "no_weak", "words_above", "words_prev",
                 "rival_totals", "tax_sum", "set_aside", "aside_known", "zero_tenders",
                 "zero_ways",
                 "no_promised", "account_promised", "accounts_apart", "net", "headline",
                 "headline_above", "rounding", "tax_rate",
                 "pay_unread", "counts_ignored", "columns", "offs_after_total",
                 "balances_of", "balances_after", "unit_rows", "words_placed", "words_below",
                 "ignored_after_total", "aside_above_total", "paid_whole", "paid_for",
                 "slip_amounts", "way_totals", "headings_raw", "cut_unsure", "plan",
                 "card_surcharge", "item_field", "rate_off", "rate_made",
                 "refund_among_items", "refund_above", "sold_from", "banner_unsure",
                 "refund_half", "unread_ways", "own_purses", "charge_title",
                 "name_wrap_doubt")

    def __init__(self) -> None:
        # Each item: its readings, likeliest first (``_choose`` picks one).
        self.items: list[tuple[ReceiptLine, ...]] = []
        self.total: int | None = None
        # The amounts a profile's rival total lines printed (``Template.total_rival``).
        self.rival_totals: list[int] = []
        self.subtotal: int | None = None
        self.tax: int | None = None
        self.tax_rate: float | None = None  # the rate the first tax line printed ("VAT 7%")
        # Every tax line before the total summed ("CGST 5.50" + "SGST 5.50"), or
        # the line that sums them ("Total Tax Amount 11.00"): ``settle.summed_tax``.
        self.tax_sum: int | None = None
        # A total printed big above the lines ("€9.00" / "Total"), and an
        # amount alone on the line just read before any item (perhaps one).
        self.headline: int | None = None
        self.headline_above: int | None = None
        # The amount before tax, when printed ("Before VAT", "Netto", "Základ DPH").
        self.net: int | None = None
        self.items_at_net = 0  # how many items were read before it (``settle._net_unmade``)
        # The roundings to the coin printed ("Rundung -0.02"), summed.
        self.rounding: int | None = None
        # A card surcharge the arithmetic put on top of the subtotal ("Card
        # Surcharge $1.13"): a card paid (``result``, TENDERS.md).
        self.card_surcharge = False
        self.paid: int | None = None  # "Tendered:", "Received:"
        self.paid_at = 0  # how many items were read before it (0: a header's)
        self.tender_amounts: list[int] = []  # the amounts on tender lines ("Cash £5.00")
        self.zero_tenders = 0  # tender lines that paid nothing ("Voucher £0.00"): no tender
        self.zero_ways: list[str] = []  # ... their ways, as printed
        self.paid_by: dict[str, int] = {}  # printed tender -> the amounts on its lines
        # The item just read when its description was an article number (its
        # name may follow alone), and a discount's label just read without
        # its amount (the amount follows).
        self.code_item: int | None = None
        self.discount_above: str | None = None
        self.change: int | None = None
        # A payment printed after the total that no rule read as a tender
        # ("Espèces: 1 500,00" misread, "Paid back to: <way>"): ``pay_unread``.
        self.pay_unread = False
        # Count rows a profile ignores ("5.000 BUC x 11.50"): (quantity, value).
        self.counts_ignored: list[tuple[int, int]] = []
        # The amounts of lines after the total whose words the rules do not know.
        self.words_after_total: list[int] = []
        # Which of them are placed already (their indexes): a row of a table
        # (several amounts: a tax summary's), or printed on the samples of a
        # complete profile (``walk``).
        self.words_placed: set[int] = set()
        # The items read below the subtotal (or the total) from words the
        # rules do not know (their indexes): ``settle`` flags one set aside.
        self.words_below: set[int] = set()
        # The amounts of lines after the total whose labels the rules set
        # aside ("VUELTO: $92.00", "Saldo: 4.10"): perhaps the change.
        self.ignored_after_total: list[int] = []
        # The amounts of lines above the total, under words no rule knows,
        # that a profile sets aside ("Мобильный платеж: 3 330,00" over
        # "ИТОГО:"): ``result.paid_above_unread``.
        self.aside_above_total: list[int] = []
        # Money handed over printed as a whole figure ("TENDERD:  200"), in
        # pence: ``result.handed_back``.
        self.paid_whole: int | None = None
        # What a receipt with no item rows said was bought ("Purpose: School
        # dinners", "Meals: 10"): its one line (``settle``, ``paid_for``).
        self.paid_for: tuple[str, int] | None = None
        # The amounts under a payment slip's bare "Amount:" ("Amount: £11.40"):
        # the sum paid on a slip with no item rows (``settle._paid_for_line``).
        self.slip_amounts: list[int] = []
        # Each total printed as what one way paid ("Cash (Total): 1.68"): the
        # way as printed and its amount (``settle._way_total_paid``).
        self.way_totals: list[tuple[str, int]] = []
        # The table's headings row as printed ("Item Name      Qty  Price"):
        # where its name column ends (``item_shapes.name_cut_rest``).
        self.headings_raw = ""
        # A name's rest joined that may have been a note, or cut between
        # words (``item_shapes.name_cut_rest``): the lines are not sure.
        self.cut_unsure = False
        # The meal plan that paid, its meals, and whether they went back to it
        # ("Meal plan: 1 meal"): what it paid, ``settle._plan_paid``.
        self.plan: tuple[str, int, bool] | None = None
        # The amounts off printed after a total (not the final one), as printed.
        self.offs_after_total: list[int] = []
        # What the balances printed name as holding them ("Card Balance": "card").
        self.balances_of: list[str] = []
        # Each amount set aside after the total, with the holder its words name
        # ("Cashless balance £6.00": "cashless"; "" for none), in print order
        # (``stored_value.purse_paid``).
        self.balances_after: list[tuple[str, int]] = []
        # Each line after the total under words no rule knows: its words (as
        # ``tenders._key`` keys them), amount and place in ``words_after_total``:
        # a way paid, perhaps, that a balance under its name proves a purse
        # (``stored_value.own_purse``).
        self.unread_ways: list[tuple[str, int, int]] = []
        # The ways paid that the receipt itself proves the holder's account by
        # their own balance printed ("cash+", "Card balance"), which no table
        # names so (``ReceiptRules.with_own_purses``).
        self.own_purses: set[str] = set()
        # That amount when its line was the one just read, and the one before
        # this line (a card named under it paid it: ``apply_labels._numbers_and_dates``).
        self.words_above: int | None = None
        self.words_prev: int | None = None
        self.tenders: list[str] = []  # printed before the total
        self.late_tenders: list[str] = []  # printed after it (these win)
        self.receipt_no: str | None = None
        self.bare_ref: str | None = None  # a reference alone on a header line
        self.unlabelled_no: str | None = None  # a number alone at a header line's right
        self.unsure_no = False  # receipt_no is a "Ref" after the total (a payment's?)
        self.no_belongs = False  # receipt_no is an order's or a bill's (``_Facts.belongs_no``)
        self.no_late = False  # receipt_no was read after the total
        self.no_weak = False  # receipt_no is under "Ref" or "Txn" (``_Facts.weak_no``)
        self.no_alone = False  # receipt_no is a number alone under a title (no label of its own)
        # A number's label alone on the line just read, and on the line
        # before it (``_Facts.no_title``): its number may be on the next line.
        self.no_title = self.title_above = 0
        # Numbers in the header after words the rules do not know (``_Facts.unplaced``).
        self.unplaced: list[str] = []
        # ... and under the items (a footer's "TN: SA260001"): perhaps the
        # receipt's number, where no other was read (``result``).
        self.unplaced_below = False
        # A receipt number's label and mark in the header with no number read
        # from it (``_Facts.no_promised``): with no number at all, flagged.
        self.no_promised = False
        self.account: str | None = None
        # A pupil's number printed under its label and not read (``_Facts.account_promised``).
        self.account_promised = False
        # Two different accounts printed (two pupils served on one slip): no one
        # account the sale belongs to.
        self.accounts_apart = False
        # The buyer's id printed with its kind ("CUSTOMER ID TYPE: TIN"): the
        # customer's id under it is a tax or national id, never an account.
        self.buyer_id_typed = False
        self.date: date | None = None
        self.unsure_date = False  # the date reads two ways, nothing printed says which
        self.time: tuple[int, int, int] | None = None
        self.exact_time = False  # the time was printed with its seconds (":00" too)
        # The date was read from a bill's opening time ("Opened:"): its
        # closing time ("Closed:") is the sale's (``dates.time_event``).
        self.opened = False
        self.month_first = False  # a US till's receipt (its address): dates month first
        self.refund = self.void = self.reprint = self.after_total = self.after_final = False
        # The receipt names an operation that is no sale nor refund of one
        # ("РАСХОД", the shop paying out: ``KIND.md``): its kind is not sure.
        self.payout = False
        # A refund's word read alone among the items, after one and before the
        # total ("Cookie -0.50" / "  Returned" / "Pasta bake 2.30"): perhaps a
        # line's return in a sale; the receipt's kind where nothing else says
        # a refund (``settle``, ``KIND.md``).
        self.refund_among_items = False
        # A refund's banner read above every item ("Returned items"), and the
        # item a sale's heading under it began ("Bought", "New items"): an
        # exchange, the items above that returned (``walk``, ``settle``).
        self.refund_above = False
        self.sold_from: int | None = None
        # A banner whose two languages' halves name two operations ("VOID /
        # REFUND"); a refund's half after a dash alone ("MEAL CANCELLED -
        # REFUND"): the kind is not sure where the money does not say it.
        self.banner_unsure = self.refund_half = False
        # A title saying the document charges ("Nota de Débito de e-Ticket",
        # "e-Ticket"): a line saying money went back contradicts it (``settle``).
        self.charge_title = False
        self.totals: list[tuple[int, int]] = []  # every total printed: (amount, rank)
        # The line just read when it was a name alone (an item's name whose
        # quantity and value are on the next line).
        self.name_above: str | None = None
        # the pupil's row ("Ella McLean Y4") when the line just read was the
        # pupil's number under it ("Ref 17470"): a second under that is another's
        self.pupil_row: str | None = None
        # the item a slip printed as a field ("Meal: Breakfast"), until its
        # price under its own label names it (``item_shapes.item_field``)
        self.item_field: str | None = None
        # the item a name alone was printed right under (its name's rest, wrapped?)
        self.name_under: int | None = None
        self.raw, self.raw_prev = "", ""  # the line being read as printed, and the one before
        self.width = 0  # the receipt's widest printed line: the paper's edge, as far as it shows
        self.edge_shown = False  # more than one line as wide: the edge is the paper's
        self.name_indent = 0  # the indent that name was printed at
        # words above a table's row that may be its name's first row, or not
        # (``apply_items``: lines_ambiguous)
        self.name_wrap_doubt = False
        # where that name's words began after its count in a column of its own
        # ("2   Heißer Apfelsaft": 4; ``item_shapes.count_column``), else None
        self.name_at: int | None = None
        # The line just read when it was a total's label alone (its amount is
        # on the next line): the total's rank, and whether it is a refund's.
        self.total_above: tuple[int, bool] | None = None
        # A total's label was printed with a number no rule read as its amount.
        self.total_unread = False
        # A quantity and unit price alone ("2 X @0.70"): the quantity, the
        # value they make, the item read from them with the name above, and
        # the item above as it was before they were taken for its quantity.
        self.qty_above: tuple[int, int, int | None,
                              tuple[int, tuple[ReceiptLine, ...]] | None] | None = None
        # The item read on the line just before, and that line's indent.
        self.item_above: tuple[ReceiptLine, int] | None = None
        self.items_at_subtotal = 0  # how many items were read before the subtotal
        # A discount's rate printed alone after the subtotal, its amount not
        # printed ("DESCONTO 5,00%"), and the total it makes (``settle``).
        self.rate_off: float | None = None
        self.rate_made: int | None = None
        self.discounts: list[int] = []  # which items are discounts
        # Lines a complete profile does not know, and where (``profile.knows``).
        self.unknown: list[tuple[str, str]] = []
        # Discounts read as items that the profile does not know: (line,
        # description); untaught only if the reading keeps them as items.
        self.untaught_offs: list[tuple[str, str]] = []
        # Item lines a complete profile knows only as lines its samples'
        # arithmetic set aside (``Template.aside``): (line, item's index);
        # untaught if the reading keeps that item.
        self.aside_known: list[tuple[str, int]] = []
        # The items the arithmetic set aside (their indexes; ``settle``).
        self.set_aside: set[int] = set()
        # The columns the item table's heading row named (``headings``).
        self.columns: tuple[str, ...] = ()
        # Lines that may be the unit price of the item above ("2 x Tea  1.00"
        # / "0.50"): their index, and the value the item above must have for
        # them to be (``chooser``: no reading drops one and reads another value).
        self.unit_rows: dict[int, int] = {}

    def add_tender(self, tender: str) -> None:
        (self.late_tenders if self.after_total else self.tenders).append(tender)

    def words_were_way(self, way: tuple[str, int, int]) -> None:
        """One of ``unread_ways`` read as a way paid after all: its amount is no
        longer one under words no rule knows (the places after it move up)."""
        at = way[2]
        self.unread_ways = [(k, a, i - (i > at)) for k, a, i in self.unread_ways if i != at]
        del self.words_after_total[at]
        self.words_placed = {i - (i > at) for i in self.words_placed if i != at}
