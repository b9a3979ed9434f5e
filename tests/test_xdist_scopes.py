"""CI's ``pytest -n 2`` keeps a receipts set's tests on one worker
(``tests.xdist_scopes``), so its readings and profiles are worked out once."""

from __future__ import annotations

from pathlib import Path

from tests.xdist_scopes import SHARE_READINGS, scope

ROOT = Path(__file__).resolve().parent.parent


def test_a_sets_tests_and_its_layouts_tests_in_every_file_are_one_unit():
    ids = ["tests/test_receipt_profile_floors.py::test_never_worse[holdout22:racun-rs]",
           "tests/test_receipt_profile_floors.py::test_floors[holdout22:ebm-rw]",
           "tests/test_receipts_holdouts.py::test_reads_at_least[holdout22:racun-rs]",
           "tests/test_receipts_holdouts.py::test_the_scoreboard_prints[holdout22]",
           "tests/test_receipt_learn_truth.py::test_blind_sets[holdout22]",
           "tests/test_flag_words.py::test_every_flag_read_from_the_corpora_has_words[holdout22]"]
    assert {scope(i) for i in ids} == {"receipts set holdout22"}
    # another set, and the first corpus's layouts each on their own
    assert scope("tests/test_receipts_holdouts.py::t[holdout2:triangle]") \
        == "receipts set holdout2"
    assert scope("tests/test_receipt_profile_floors.py::t[chromis]") == "receipts set chromis"
    assert scope("tests/test_receipts_corpus.py::test_the_default_rules_read_every_receipt"
                 "_of_each_real_layout_fully_right[chromis]") == "receipts set chromis"


def test_any_other_test_is_a_unit_of_its_own():
    for nodeid in ("tests/test_chaos.py::test_a_soak_keeps_memory_and_descriptors_flat",
                   "tests/test_receipt_amounts.py::test_x[holdout22:racun-rs]",
                   "tests/test_receipt_profile_floors.py::test_with_no_layout"):
        assert scope(nodeid) == nodeid


def test_the_files_that_share_readings_are_there():
    # a file renamed would quietly stop being grouped (and CI lose the time again)
    assert all((ROOT / path).is_file() for path in SHARE_READINGS)
