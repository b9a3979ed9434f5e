"""A till's own templates (``ReceiptRules.templates``: regular expressions
with named groups, from the config) on one printed line, before the default
rules."""

from __future__ import annotations

import re

from drivers.receipt.amounts import _MONEY_END, parse_money
from drivers.receipt.apply_labels import _pupil_account, accounts_joined_on
from drivers.receipt.dates import _read_when
from drivers.receipt.model import ReceiptLine, Template
from drivers.receipt.numbers import another_account_at
from drivers.receipt.profile import read_date
from drivers.receipt.state import _State

# A minus glued to the amount, perhaps before its currency's mark ("£-6.35",
# "Cyfanswm (Total)  -£0.95"), that a learnt label's pattern took with the
# label's punctuation (its ``\W*``): the amount's sign, as ``amounts`` reads
# it ("-£2.30"). A dash and a space before the mark separates ("Total - £1.25").
_SIGN_TAKEN = re.compile(r"-[^\w\s.,()@&<>-]{0,2}$")


def _template_line(line: str, t: Template, st: _State) -> bool:
    """Apply one template to a line; True when it claimed the line."""
    if t.name_below and st.item_above is not None and (m := t.name_below.search(line)):
        name, read = (_group(m, "description") or "").strip(), st.items[-1]
        if read[0].description and name.startswith(read[0].description):
            st.items[-1] = tuple(ReceiptLine(name, r.quantity, r.amount_pence) for r in read)
            st.item_above = None
            return True
    if t.total_rival and (m := t.total_rival.search(line)):
        rival = parse_money(_group(m, "amount") or "")
        if rival is not None:
            st.rival_totals.append(rival)  # (read on by the rules too: not claimed)
    if t.total and (m := t.total.search(line)):
        if _group(m, "amount") is None:
            # the total's label alone ("GENEL TOPLAM"), its amount alone on
            # the row under it ("237.60 TL"): read there, as the site's total
            st.total_above = (3, False)
            return True
        amount = parse_money(_group(m, "amount") or "")
        if amount is not None and amount > 0 and _SIGN_TAKEN.search(line[:m.start("amount")]):
            amount = -amount  # "£-6.35", "-£0.95": a pattern's label took the sign printed on it
        if amount is not None:
            st.total = amount
            st.totals.append((amount, 3))  # the site's template outranks the defaults
            st.after_total = st.after_final = True
            return True
    if t.tender and (m := t.tender.search(line)):
        tender = _group(m, "tender")
        if tender:
            st.add_tender(tender.strip())
            _tender_paid(tender.strip(), line, m, st)
            return True
    # A number, an account and a date may share a line ("Bill 40870  29 JUL 26").
    claimed = False
    if t.receipt_no and (m := t.receipt_no.search(line)) and (no := _group(m, "receipt_no")):
        st.receipt_no = st.receipt_no or no.strip()
        claimed = True
    if t.account and (m := t.account.search(line)) and (acc := _group(m, "account")):
        # A learnt account's label proves whose number follows it, once: a
        # second pupil's on its row ("Diner: 61525, 70211") or another line
        # under it with another number is no sample's, two children on one
        # slip (as the default rules read an account's label: NUMBERS.md).
        if another_account_at(line, m.end("account"), acc.strip()):
            accounts_joined_on(st)
        else:
            _pupil_account(st, acc.strip())
        claimed = True
    if t.when and (m := t.when.search(line)):
        text = " ".join(filter(None, (_group(m, "date"), _group(m, "time"))))
        when_date, when_time = (read_date(text, t.date_format) if t.date_format
                                else _read_when(text))
        if st.date is None:
            st.date = when_date
        if st.time is None:
            st.time = when_time
        claimed = True
    if claimed:
        return True
    if t.line and not st.after_total and (m := t.line.search(line)):
        amount = parse_money(_group(m, "amount") or "")
        desc = (_group(m, "description") or "").strip()
        if "description" not in t.line.groupindex:
            # the item's name alone on the row above ("Rohlík" / "1ks x 3.00 ... 3.00")
            desc = st.name_above or ""
        if amount is not None and desc:
            qty = _count(_group(m, "quantity"))
            st.items.append((ReceiptLine(desc, qty, amount),))
            return True
    return False


def _tender_paid(tender: str, line: str, m: re.Match[str], st: _State) -> None:
    """What a till's own tender line paid (its ``amount`` group, else the
    amount ending the line after the tender: "Taken from balance  £0.05"),
    as the default rules keep a tender's amount: a split's part, and a
    tender that paid less than the total says another paid the rest."""
    printed = _group(m, "amount")
    if printed is None:
        end = _MONEY_END.match(line[m.end():])
        printed = end.group("money") if end and not end.group("label").strip(" :.-") else None
    amount = parse_money(printed or "")
    if amount:  # (a tender that paid nothing is none: "Voucher 0.00")
        st.tender_amounts.append(amount)
        st.paid_by[tender] = st.paid_by.get(tender, 0) + abs(amount)


def _count(printed: str | None) -> int:
    """An item's count as printed, whole ("2") or with decimals ("2.00"); 1
    when none is printed (or a weight: "0.25")."""
    m = re.fullmatch(r"(\d+)(?:[.,]0+)?", (printed or "").strip())
    return int(m.group(1)) if m else 1


def _group(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None
