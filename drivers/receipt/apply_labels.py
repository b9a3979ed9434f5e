"""The default rules on a line without an amount (or a labelled amount
before the total): an amount off's label, the rest of the name above, a
total's label alone, an article number's name, the account, the receipt's
number, a tender named alone, the date and time (``apply_dates``)."""

from __future__ import annotations

from collections.abc import Container

from drivers.receipt.apply_dates import _read_date
from drivers.receipt.doc_words import PERSON_COLUMN, PERSON_LABEL, PUPIL_REF, PUPIL_ROW
from drivers.receipt.facts import _Facts
from drivers.receipt.item_shapes import (
    count_column,
    counted,
    labelled_code,
    name_goes_on,
    option_under,
    wrapped_at_edge,
)
from drivers.receipt.labels import buyer_id_type
from drivers.receipt.model import _NOT_A_LINE, ReceiptLine
from drivers.receipt.offs import rate_alone_off
from drivers.receipt.pay_unread import pay_label
from drivers.receipt.state import _State
from drivers.receipt.tenders import _key, family_tender


def _label(f: _Facts, st: _State, site: Container[str], item_above: tuple | None,
           code_item: int | None, name_above: str | None = None,
           pupil_row: str | None = None) -> None:
    """A line without an amount: an amount off's label, the rest of the name
    above, a total's label, an article number's name, else what it numbers
    or dates; an option of the item named above or read above. ``pupil_row``:
    the pupil's row two lines up when the line above was its number."""
    name_indent, name_at = st.name_indent, st.name_at
    if f.person_id is not None and name_above is not None and st.account is None \
            and (PERSON_LABEL.match(name_above) or PERSON_COLUMN.match(st.raw_prev)):
        st.account = f.person_id  # "Student: Kai Robinson" / "ID: 1721898": the card's account
    row = name_above if name_above is not None else pupil_row
    if row is not None and not st.after_total and PUPIL_ROW.match(row) \
            and (m := PUPIL_REF.match(f.normal)) is not None:
        # "Ella Robson Y4" / "Ref 16041": the pupil's number, never the receipt's;
        # another "Ref 40703" right under it, another pupil's (``_pupil_account``)
        _pupil_account(st, m["id"])
        st.pupil_row = row
        return
    _label_said(f, st, site, item_above, code_item)
    if name_above is not None and not st.after_total and (
            (f.name_only and (name_goes_on(name_above, f.text)
                              or wrapped_at_edge(st.raw_prev, f.text, st.width,
                                                 st.edge_shown)))
            or (f.indent == name_at and f.text and not counted(f.text))):
        # "Banh bao nhan thit" / "trung cut" / "  5 cai x 22.000 ₫": one name,
        # wrapped ("Mafuta ya Kupikia Korie Sunflower Oil 3" / "Litres": at the edge;
        # "2   Wiener Schnitzel vom Kalb mit" / "    Erdäpfelsalat": in its column,
        # under the count's)
        st.name_above, st.name_indent, st.name_at = f"{name_above} {f.text}", name_indent, \
            name_at
    elif name_above is not None and f.name_only and not st.after_total \
            and (option_under(f.text, f.indent, name_indent, counted(name_above))
                 or labelled_code(f.text)):
        # ("1. Рентгенография зуба" / "   Код услуги: A06.07.003": a labelled
        # detail under the name is the item's note, never its name; ITEMS.md)
        # "1x Flat white" / "   └ Oat milk" / "  £3.40": the item's option,
        # not its name; the name still waits for its value.
        st.name_above, st.name_indent = name_above, name_indent


def _pupil_account(st: _State, account: str) -> None:
    """``account`` printed as a pupil's: the receipt's account, unless
    another pupil's was read (two children on one slip: no one account, a
    person says whose each part is, ``unread_account``, NUMBERS.md)."""
    if st.account is None and not st.accounts_apart:
        st.account = account
    elif st.account != account:
        st.account, st.accounts_apart, st.account_promised = None, True, True


def accounts_joined_on(st: _State) -> None:
    """Two pupils' numbers printed on one row ("Admission No.: 2956 / 2313"):
    no one account, a person says whose (``unread_account``, NUMBERS.md)."""
    st.account, st.accounts_apart, st.account_promised = None, True, True


def _label_said(f: _Facts, st: _State, site: Container[str], item_above: tuple | None,
                code_item: int | None) -> None:
    """What a line without an amount says (``_label``)."""
    if st.subtotal is not None and not st.after_total \
            and (rate := rate_alone_off(f.normal)) is not None:
        st.rate_off = rate  # "DESCONTO 5,00%": its amount unprinted (``settle``)
    if f.discount:
        st.discount_above = f.text
        return
    if f.name_only and item_above is not None and not st.after_total \
            and option_under(f.text, f.indent, item_above[1], True):
        # "Bottomless Coffee  4  $2.50  $16.00" / "    2xNo onions  -" / "    Add
        # bacon  $1.50": an option with no price keeps the item for those below
        st.item_above = item_above
    if f.name_only and item_above is not None \
            and len(f.text) > len(item_above[0].description) > 0 \
            and f.text.startswith(item_above[0].description):
        # "Cheese toast   3   7.05" / "  Cheese toastie": the name the column cut, whole
        st.items[-1] = tuple(r if r is _NOT_A_LINE else ReceiptLine(f.text, r.quantity,
                                                                      r.amount_pence)
                             for r in st.items[-1])
        return
    if f.total_label is not None:
        st.total_above = f.total_label
        return
    st.total_unread = st.total_unread or f.total_unread
    if code_item is not None and f.name_only:
        st.items[code_item] = tuple(ReceiptLine(f.text, r.quantity, r.amount_pence)
                                    for r in st.items[code_item])
        return
    _numbers_and_dates(f, st, site)


def _numbers_and_dates(f: _Facts, st: _State, site: Container[str]) -> None:
    """A label (or, before the total, a labelled amount): the account, the
    receipt's number, a tender, the date and time, or a name alone (perhaps
    the next line's item's)."""
    if not st.items and not st.after_total:
        if f.unplaced is not None:
            st.unplaced.append(f.unplaced)
        st.no_promised = st.no_promised or f.no_promised
    elif f.unplaced is not None:
        st.unplaced_below = True
    st.account_promised = st.account_promised or f.account_promised
    if f.paid_for is not None and st.paid_for is None:
        st.paid_for = f.paid_for
    if f.plan is not None and st.plan is None:
        st.plan = f.plan
        if f.plan[1]:
            st.add_tender(f.plan[0])  # the plan paid: what, ``settle._plan_paid`` proves
    if f.no_title:
        st.no_title = f.no_title
    st.buyer_id_typed = st.buyer_id_typed or buyer_id_type(f.normal)
    if st.title_above and f.alone_no is not None and _header_number(st, st.title_above == 1):
        # "ORDER SLIP" / "O-306": the number under its label
        st.receipt_no, st.no_belongs = f.alone_no, st.title_above == 1
        st.no_alone = True
    elif f.several_accounts:
        accounts_joined_on(st)
    elif f.account is not None and st.account != f.account:
        if st.buyer_id_typed or st.accounts_apart:
            pass
        else:
            # (a second: "Card 004765  Ciara Byrne" then "Card 004875  Aisling Ryan")
            _pupil_account(st, f.account)
    elif f.bare_ref or f.unlabelled_no:
        if not st.items and not st.after_total:  # a labelled number wins (``_result``)
            if f.bare_ref and st.bare_ref is None:
                st.bare_ref = f.receipt_no
            elif f.unlabelled_no and st.unlabelled_no is None:
                st.unlabelled_no = f.receipt_no
        if f.tender is not None and st.after_total:
            # "Card       8808" under the total: the way paid, the card's last
            # digits in the amount's column (never dropped with the number)
            st.add_tender(f.tender)
    elif f.receipt_no is not None and (
            st.receipt_no is None or _header_number(st, f.belongs_no or f.weak_no)
            # "FISKALNI RAČUN" / "108765432" (the seller's PIB, alone under the
            # title) then "PFR broj računa: ZFRF-...-1327": the number under its
            # own label wins over one alone with none (NUMBERS.md)
            or (st.no_alone and not (f.belongs_no or f.weak_no or f.refund_no))
            # "  Txn 3476904829" under a card after the total, then "Receipt
            # 7ab2ea04": the receipt's own label wins over a payment's
            or (st.no_late and st.no_weak and not (_weak_late(f, st) or f.belongs_no))):
        # A "Ref" or "Txn" after the total may be the payment's reference (a
        # card slip's) as well as the receipt's: read, and flagged.
        st.unsure_no = st.no_weak = _weak_late(f, st)
        # (a "Reference:" in the header gives way to the receipt's own label
        # under it as an order's number does: EFRIS's seller "Reference:
        # POS-040210" over URA's "FDN: 325030386481", NUMBERS.md)
        st.receipt_no, st.no_belongs = f.receipt_no, f.belongs_no or (
            f.weak_no and not st.after_total and not st.items)
        st.no_late, st.no_alone = st.after_total, False
        st.refund = st.refund or f.refund_no
    elif f.receipt_no is not None and st.no_late and f.receipt_no != st.receipt_no \
            and not (f.belongs_no or _weak_late(f, st)):
        # Two numbers under labels after the total ("Txn 6056626542" under the
        # card, "Receipt 36aac799" at the foot): a payment's and the receipt's,
        # and which is which the rules cannot tell.
        st.unsure_no = True
    elif f.receipt_no is not None and f.receipt_no != st.receipt_no and not st.after_total \
            and not (f.belongs_no or f.weak_no or st.no_belongs or st.no_weak):
        # Two numbers under the receipt's own labels ("Kvittering nr. 27843",
        # "Bon nr. 12"): which one is the receipt's the rules cannot tell.
        st.unsure_no = True
    elif st.after_total and f.tender is None and f.name_only and pay_label(f.text):
        st.pay_unread = True  # "Paid back to: <a way no rule reads>": unread_tender
    elif f.tender is not None or (f.key and f.key in site):
        st.add_tender(f.tender or f.key)
        if st.words_prev is not None and f.tender is not None \
                and family_tender(_key(f.tender)) == "card":
            # "myPOS   EUR 38.50" / "  girocard · auth 855468": a payment
            # provider's leg, paid by the card named under it
            st.paid_by[f.tender] = st.paid_by.get(f.tender, 0) + abs(st.words_prev)
            st.tender_amounts.append(st.words_prev)
    if f.no_tender is not None:
        st.add_tender(f.no_tender)  # "Bon-Nr: 1860 - Bankomatkarte": the way paid
    if (st.date is None or st.time is None or not st.exact_time or st.opened) \
            and f.tender is None:
        _read_date(f.text, st)
    if f.name_only and not st.after_total:
        st.name_above, st.name_indent, st.name_at = f.text, f.indent, count_column(st.raw)


def _weak_late(f: _Facts, st: _State) -> bool:
    """Whether a number read after the total is under a label a payment's
    block prints ("Ref", "Txn", "Trans"): perhaps the payment's."""
    return st.after_total and (f.weak_no or f.payment_no)


def _header_number(st: _State, belongs: bool) -> bool:
    """Whether a labelled number read now is the receipt's: none read yet,
    or (in the header) the one read is an order's or a bill's and this one
    is under the receipt's own label ("Order: ORD-7" then "Receipt: RC-1"),
    not a "Ref" (perhaps a payment's: "Order #: 69052" then "Reference: EC3493")."""
    return st.receipt_no is None or (st.no_belongs and not belongs and not st.items
                                     and not st.after_total)

