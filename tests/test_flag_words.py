"""Every flag a journaled sale can carry has plain words for the till and the
office (agent/sale/flag_words.py), found by reading the code that raises
flags and by reading every corpus's receipts; and the screens say them."""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import re
from pathlib import Path

import pytest

from agent.cli import main
from agent.console.debt_view import debt_page_context
from agent.console.queue_view import flagged_sales
from agent.console.views import sale_view, tender_words
from agent.journal.store import Journal
from agent.reports.debt import DebtReport, ReviewLine
from agent.sale import flag_words
from hwsim.till import SaleSpec, compose
from tests.receipts_score import HOLDOUTS, all_layouts, group_layouts, score

ROOT = Path(__file__).resolve().parents[1]
# Where a sale's flags are raised: the receipt reader and the printer tap,
# the sale path, OCR and the runtime.
RAISERS = ("drivers", "agent/sale", "agent/ocr", "agent/runtime")
# Raised by another engineer's branch of the receipt reader, arriving today.
ARRIVING = {"lines_ambiguous", "kind_unsure", "total_unsure"}
CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


def _constants() -> dict[str, set[str]]:
    """Module-level ``NAME = "string"`` across the code (a flag is often one)."""
    out: dict[str, set[str]] = {}
    for d in ("agent", "drivers", "sync"):
        for path in (ROOT / d).rglob("*.py"):
            for node in ast.parse(path.read_text()).body:
                if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                        and isinstance(node.value.value, str)):
                    for t in node.targets:
                        if isinstance(t, ast.Name) and t.id.isupper():
                            out.setdefault(t.id, set()).add(node.value.value)
    return out


def _codes(node: ast.AST, consts: dict[str, set[str]]) -> set[str]:
    """Flag codes written in ``node``: string literals and constants, not a
    key looked up (``txn.get("flags")``, ``txn["flags"]``)."""
    if isinstance(node, ast.Subscript) or (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"):
        return set()
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value} if CODE.match(node.value) else set()
    if isinstance(node, ast.Name) and node.id in consts:
        return {c for c in consts[node.id] if CODE.match(c)}
    found: set[str] = set()
    for child in ast.iter_child_nodes(node):
        found |= _codes(child, consts)
    return found


def _about_flags(node: ast.AST) -> bool:
    return "flag" in ast.unparse(node).lower()


def _raised_at(node: ast.AST) -> list[ast.AST]:
    """The parts of ``node`` that put a flag on a sale, if it does."""
    if isinstance(node, ast.Call):
        keywords = [k.value for k in node.keywords if k.arg and "flag" in k.arg]
        f = node.func
        if isinstance(f, ast.Attribute) and (f.attr == "job_flag" or (
                f.attr in {"append", "add", "extend", "update"} and _about_flags(f.value))):
            return list(node.args) + keywords  # flags.add("x"), core.job_flag("x")
        return keywords  # extra_flags=(CUT_OFF_FLAG,), flags=["unparsed_receipt"]
    if isinstance(node, ast.AugAssign) and _about_flags(node.target):
        return [node.value]  # flags += [UNPARSED, "lines_total_mismatch"]
    if isinstance(node, ast.Assign) and any(
            _about_flags(t) and not (isinstance(t, ast.Name) and t.id.isupper())
            for t in node.targets):
        return [node.value]  # flags = set(original.flags) | {"raster_only", ...}
    if isinstance(node, ast.FunctionDef) and "flag" in (ast.get_docstring(node) or ""):
        # A function that returns the flags it calls for: return (), [SPLIT_UNRECONCILED]
        return [x for r in ast.walk(node) if isinstance(r, ast.Return) and r.value
                for x in ast.walk(r.value) if isinstance(x, (ast.List, ast.Set))]
    return []


@functools.cache
def raised_in_code() -> dict[str, list[str]]:
    """flag -> where the code raises it (the code does not change under a
    test run: read once per process)."""
    consts = _constants()
    found: dict[str, list[str]] = {}
    for d in RAISERS:
        for path in sorted((ROOT / d).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                for part in _raised_at(node):
                    for code in _codes(part, consts):
                        found.setdefault(code, []).append(
                            f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


# The corpora read as the floors' tests read them (200 receipts a layout, seed 11,
# the defaults): ``tests.receipts_score`` reads each once per process, and
# ``tests.xdist_scopes`` runs this file's tests of a set on the worker that
# reads it for the floors, so the flags are checked from that reading, not
# from a second one (reading 40 of every layout again cost ~21 s of CI).
N, SEED = 200, 11
# Each first-corpus layout is a set of its own; our simulated till's and
# each holdout's layouts are read as a set.
SETS = {**{lay: [lay] for lay in all_layouts() if not lay.startswith("hwsim:")},
        "hwsim": [lay for lay in all_layouts() if lay.startswith("hwsim:")],
        **{g: group_layouts(g) for g in HOLDOUTS}}
# Sets whose receipts raise these flags (a reading that passed no flags on
# would fail here, not pass for having nothing to check).
RAISED_IN = {"holdout21": {"split_tender", "unparsed_receipt", "unmapped_tender"},
             # (holdout7's cupom, unparsed before rulesb28, is read now)
             "holdout7": {"split_tender", "unmapped_tender"},
             # (holdout28's office-fee, unparsed before rules29, is read now)
             "holdout28": {"several_accounts", "unread_account"},
             # (holdout29's najah-month "For:" slips, unparsed before rules30, and
             # comberton-card's card under its holder, unread_account, are read now)
             "holdout29": {"split_tender", "unread_tender"},
             # (safety30b: "Cash inserted" the total taken from the money put
             # in; "3/9/26"; rules31: "cash+" over its own balance the account,
             # foodex-ie's card balance and pre-orders read: no receipt left
             # unparsed or its way unread)
             "holdout30": {"split_tender", "total_unsure", "unsure_date"},
             # (holdout31, blind at 9045956: "Meal cost" read as a line; the
             # childcare vouchers; safety31: "Cash in envelope", "House bank"
             # read, no longer unread_tender; a name's first row wrapped above
             # its row, or a note?)
             "holdout31": {"unparsed_receipt", "unmapped_tender", "total_unsure",
                           "unread_number", "lines_ambiguous"}}


def raised_by_corpora(layouts: list[str]) -> set[str]:
    """The flags the reader raises on these layouts' receipts (our simulated
    till's, the real layouts' and every holdout's)."""
    return set().union(*(score(lay, N, SEED).raised for lay in layouts))


def test_the_code_is_read_for_the_flags_it_raises():
    # The reader of the code finds flags of every kind of raiser: a check
    # that it reads the code, not that the code raises exactly these.
    raised = raised_in_code()
    for code in ("over_daily_limit", "split_unreconciled", "lines_total_mismatch",
                 "job_truncated", "ocr_failed", "recovered_after_restart", "cut_off_receipt",
                 "account_mismatch", "template_miss"):
        assert code in raised, code
    assert "flags" not in raised  # txn.get("flags") names no flag


def test_every_flag_the_code_raises_has_words():
    raised = raised_in_code()
    without = {c: raised[c][:2] for c in sorted(raised) if c not in flag_words.WORDS}
    assert not without, f"flags without words in agent/sale/flag_words.py: {without}"


@pytest.mark.parametrize("group", SETS)
def test_every_flag_read_from_the_corpora_has_words(group):
    seen = raised_by_corpora(SETS[group])
    assert RAISED_IN.get(group, set()) <= seen
    assert not seen - set(flag_words.WORDS), sorted(seen - set(flag_words.WORDS))


def test_the_flags_arriving_today_have_words_and_no_word_is_for_a_flag_nobody_raises():
    assert set(flag_words.WORDS) >= ARRIVING
    documented = set(re.findall(r"`([a-z_]+)`", (ROOT / "sync/protocol.md").read_text()))
    dead = set(flag_words.WORDS) - set(raised_in_code()) - ARRIVING - documented
    assert not dead, f"words for flags nothing raises: {sorted(dead)}"


def test_the_words_are_plain_and_name_nobody():
    for code, w in flag_words.WORDS.items():
        for text in (w.sentence, w.action):
            assert text and "_" not in text and "{" not in text, (code, text)
            assert code not in text.lower()
            # The same words on a euro till as on a pound one (currency = "EUR").
            assert not {"£", "€", "pound", "pence", "cent"} & set(re.findall(
                r"[£€]|[a-z]+", text.lower())), (code, text)
        assert w.action.endswith("."), code
    # A sale someone must look at says what to check, in the guidance's terms.
    assert flag_words.WORDS["unparsed_receipt"].review
    assert "payment provider" in flag_words.WORDS["split_unreconciled"].action
    assert not flag_words.WORDS["split_tender"].review


def test_a_flag_without_words_says_so_rather_than_guess():
    said = flag_words.words("kettle_boiled")
    assert said.sentence == 'Marked "kettle boiled" (no plain words for it yet)'
    assert said.review and "till supplier" in said.action


def split_sale() -> dict:
    return {"kind": "sale", "pupil_id": "P-0001", "tender": "fsm", "total_pence": 325,
            "lines": [{"description": "Jacket potato", "quantity": 1, "amount_pence": 325}],
            "tenders": [{"tender": "fsm", "amount_pence": 273},
                        {"tender": "cash", "amount_pence": 52}],
            "flags": ["split_tender", "lines_ambiguous"]}


def test_the_operator_display_says_a_split_sales_parts_and_its_flags():
    s = sale_view(split_sale(), "Ava Thompson")
    assert s["tender"] == "£2.73 meal allowance + £0.52 cash"
    assert s["flags"] == ["Paid in parts (e.g. meal allowance and cash)",
                          "Some items could be read more than one way"]
    assert s["flag_words"][1]["action"].startswith("Check the paper receipt")
    assert tender_words({"tender": "Luncheon voucher"}) == "Luncheon voucher"
    refund = {"tenders": [{"tender": "account", "amount_pence": -100},
                          {"tender": "Voucher", "amount_pence": -50}]}
    assert tender_words(refund) == "-£1.00 pupil account + -£0.50 Voucher"


def test_a_split_whose_parts_the_receipt_never_printed_is_said_so_not_as_one_tender():
    unread = {"tender": "account", "flags": ["split_unread"]}
    assert tender_words(unread) == "Paid in parts (amounts not read)"
    assert sale_view(unread, "Ava Thompson")["flags"] == [
        "Paid in parts, but the receipt does not say what each part paid"]


def test_the_queue_page_lists_flagged_sales_newest_first_with_words(tmp_path):
    tmp_path.chmod(0o700)
    with Journal.in_state_dir(tmp_path) as j:
        for i, flags in enumerate((["split_unreconciled"], [], ["raster_only", "ocr_failed"])):
            txn = {**split_sale(), "id": f"t-{i}", "till_id": "till-1",
                   "occurred_at": "2026-12-04T12:0{i}:00.000Z", "flags": flags}
            j.append(f"t-{i}", "sale", txn)
        shown = flagged_sales(j, None, 0.0)
    assert [s["seq"] for s in shown] == [3, 1]
    assert shown[0]["flags"][1]["sentence"] == "The picture of the receipt could not be read"
    assert shown[1]["paid"] == "£2.73 meal allowance + £0.52 cash"
    assert shown[1]["review"] and shown[1]["what"] == "Sale of £3.25"


def test_the_debt_pages_needs_review_says_every_flag_of_a_held_sale():
    line = ReviewLine("t-1", "2026-12-04", "sale", 230, "account", "P-0001", "Ava Thompson",
                      "Y4", ["account_mismatch", "unknown_pupil"])
    [row] = debt_page_context(DebtReport([], None, [line]), None)["review"]
    assert row["why"].startswith(flag_words.WORDS["account_mismatch"].sentence)
    assert row["why"].endswith("is not on the till's pupil list.")
    assert "Ask the kitchen who had the meal" in row["todo"]


def test_agent_receipt_parse_says_what_each_flag_means(tmp_path):
    capture = tmp_path / "split.bin"
    capture.write_bytes(compose(SaleSpec([("Jacket potato", 1, 325)], tender="Sodexo Pass",
                                         receipt_no="000042")))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["receipt", "parse", str(capture)])
    # A tender no table knows, printed after the total, is not read as one.
    assert "  flags   unread_tender\n" in out.getvalue()
    assert ("  means   unread_tender: How the sale was paid could not be read. Check the paper "
            "receipt against the screen; the office settles it with the payment provider.\n"
            ) in out.getvalue()


def test_agent_status_lists_the_flagged_sales_in_the_same_words(tmp_path):
    tmp_path.chmod(0o700)
    with Journal.in_state_dir(tmp_path) as j:
        j.append("t-0", "sale", {**split_sale(), "id": "t-0", "till_id": "till-1",
                                 "occurred_at": "2026-12-04T12:00:00.000Z",
                                 "flags": ["split_tender", "total_unsure"]})
        j.append("t-1", "sale", {**split_sale(), "id": "t-1", "till_id": "till-1",
                                 "occurred_at": "2026-12-04T12:01:00.000Z", "flags": []})
        # The unchecked clock alone is not a note to act on (the alarm says it);
        # beside another it marks the time, as the queue page does.
        j.append("t-2", "sale", {**split_sale(), "id": "t-2", "till_id": "till-1",
                                 "occurred_at": "2026-12-04T12:02:00.000Z",
                                 "flags": ["clock_unsynced"]})
        j.append("t-3", "sale", {**split_sale(), "id": "t-3", "till_id": "till-1",
                                 "occurred_at": "2026-12-04T12:03:00.000Z",
                                 "flags": ["clock_unsynced", "unsure_number"]})
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["status", "--state-dir", str(tmp_path)])
    text = out.getvalue()
    assert "  sales to check    : 2 flagged" in text
    assert "      seq 1 " in text
    assert "seq 3 " not in text and "clock_unsynced" not in text.split("sales to check")[1]
    assert " (time unsure: the clock was not checked): Sale of £3.25" in text
    assert "Sale of £3.25, paid by £2.73 meal allowance + £0.52 cash\n" in text
    assert ("          total_unsure: The total could not be read for certain. Check the paper "
            "receipt against the screen; the office settles it with the payment provider if "
            "the total is wrong.\n") in text
    assert "seq 2 " not in text


def test_a_split_the_till_could_not_tell_apart_says_one_thing_not_two():
    # The reader marks it both paid in parts and not told apart; staff are
    # told only to check the paper, not also "nothing to do".
    flags = ["split_tender", "split_unreconciled", "unknown_pupil"]
    said = [w["code"] for w in flag_words.explain(flags)]
    assert said == ["split_unreconciled", "unknown_pupil"]
    assert flag_words.explain(["split_tender"])[0]["code"] == "split_tender"
    # Nor twice that the paper must be checked: its parts not told apart say it.
    assert [w["code"] for w in flag_words.explain(["split_unreconciled", "unread_tender"])] \
        == ["split_unreconciled"]


def test_the_offline_debt_and_unknown_pupil_flags_say_what_happened_in_a_cooks_words():
    debt, unknown = flag_words.WORDS["offline_debt"], flag_words.WORDS["unknown_pupil"]
    assert "hub" not in debt.sentence and "below zero" in debt.sentence
    assert debt.action.startswith("Keep serving.")
    assert "roster" not in unknown.sentence and "pupil list" in unknown.sentence
    assert "note who had the meal" in unknown.action
