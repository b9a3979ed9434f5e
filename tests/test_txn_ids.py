"""Transaction ids: deterministic, in the contract's alphabet, never colliding
where two sales differ."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agent.txn_ids import (
    content_digest,
    day_of,
    manual_id,
    numbered_sale_id,
    parse_unnumbered,
    unnumbered_sale_id,
)

CONTRACT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
PASTA = [{"description": "Pasta bake", "quantity": 1, "amount_pence": 230}]


@given(till=st.text(min_size=1, max_size=64), no=st.text(min_size=1, max_size=80),
       day=st.from_regex(r"[0-9]{8}", fullmatch=True) | st.text(max_size=12),
       pupil=st.text(min_size=1, max_size=80),
       k=st.integers(1, 10**6))
def test_every_id_fits_the_contract_whatever_the_till_prints(till, no, day, pupil, k):
    digest = content_digest("sale", PASTA, 230, None, None)
    for tid in (numbered_sale_id(till, day, no, digest), unnumbered_sale_id(till, day, digest, k),
                manual_id(till, day, pupil)):
        assert CONTRACT_ID.fullmatch(tid), tid


def test_the_same_sale_always_gets_the_same_id():
    d = content_digest("sale", PASTA, 230, "2026-11-28T12:01", None)
    assert numbered_sale_id("till-1", "20261128", "001234", d) == \
        numbered_sale_id("till-1", "20261128", "001234", d) == "till-1:20261128:001234:" + d


def test_receipt_numbers_that_only_differ_in_odd_characters_stay_apart():
    d = content_digest("sale", PASTA, 230, None, None)
    a = numbered_sale_id("till-1", "20261128", "A/1", d)
    b = numbered_sale_id("till-1", "20261128", "A_1", d)
    assert a != b


def test_a_refund_under_the_sale_number_is_a_different_transaction():
    sale = content_digest("sale", PASTA, 230, None, None)
    refund = content_digest("refund", PASTA, -230, None, None)
    assert numbered_sale_id("t", "20261128", "9", sale) != \
        numbered_sale_id("t", "20261128", "9", refund)


def test_long_till_ids_are_shortened_but_still_distinct():
    d = content_digest("sale", PASTA, 230, None, None)
    a = unnumbered_sale_id("canteen-main-hall-till-number-01", "20261128", d, 1)
    b = unnumbered_sale_id("canteen-main-hall-till-number-02", "20261128", d, 1)
    assert a != b and len(a) <= 64


def test_days_come_from_the_printed_date_else_the_capture():
    assert day_of("2026-11-28T12:01", 0.0) == "20261128"
    assert day_of(None, 1_795_000_000.0) == "20261118"
    assert day_of("12:01", 1_795_000_000.0) == "20261118"


def test_unnumbered_ids_read_back():
    d = content_digest("sale", PASTA, 230, None, None)
    assert parse_unnumbered(unnumbered_sale_id("till-1", "20261128", d, 7)) == \
        ("20261128", d, 7)
    assert parse_unnumbered("till-1:20261128:000123:abcdef0123") is None


def test_a_register_meal_is_one_per_pupil_per_day_per_till():
    assert manual_id("till-1", "20261128", "P0001") == "till-1:20261128:m:P0001"
    assert manual_id("till-1", "20261129", "P0001") != manual_id("till-1", "20261128", "P0001")
