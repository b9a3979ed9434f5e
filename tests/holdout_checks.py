"""What every corpus of real receipt layouts is checked for (the holdouts,
tests/test_receipts_holdouts.py, and the first corpus where it is the same):
its renderings are sound ESC/POS our decoder reads back line for line, its
truths add up, the scoreboard prints it, and the default rules' scores only
rise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.receipts_score import FIELDS, decode, main, score, scored


def decodes_to_one_receipt_with_no_unknown_command(corpus: Callable, layout: str) -> None:
    """Each rendering is one receipt, every command known and whole."""
    for data, _ in corpus(layout, 60, seed=3):
        receipts, unknown = decode(data)
        assert len(receipts) == 1 and unknown == 0
        assert receipts[0].stats.unknown == 0 and receipts[0].stats.truncated == 0


def scored_renderings_decode_to_one_receipt_with_no_unknown_command(scored_as: str) -> None:
    """``decodes_to_one_receipt_with_no_unknown_command`` of the 200 receipts
    the scoreboard reads (seed 11), as it decoded them (made once per
    process, shared with the floors' tests on the worker): more receipts
    than 60 of another seed, none decoded again (~8 s of CI's CPU)."""
    for receipts, unknown, _ in scored(scored_as, 200, 11):
        assert len(receipts) == 1 and unknown == 0
        assert receipts[0].stats.unknown == 0 and receipts[0].stats.truncated == 0


def decoder_gives_back_every_printed_line(rendered: Callable, layout: str,
                                         scored_as: str) -> None:
    """So every miss on the scoreboard is the rules', not the decoder's: the
    200 receipts it reads (seed 11; ``scored_as``: its name for the layout),
    as it decoded them, give back line for line what each printed (the
    scoreboard's own decoding, made once per process for the floors' tests
    on the same worker, not a second one: this re-decoded 200 receipts of
    every layout, ~26 s of CI's CPU)."""
    decoded = scored(scored_as, 200, 11)
    for (printed, _), (receipts, _, _) in zip(rendered(layout, 200, seed=11), decoded,
                                              strict=True):
        got = [t.strip() for t in receipts[0].text if t.strip()]
        assert got == [t.strip() for t in printed.shown() if t.strip()]


def same_seed_same_receipts(corpus: Callable, layout: str) -> None:
    """The corpus is reproducible by its seed, and seeds differ; the first
    receipts of a longer run are the shorter run's (``tests.receipts_score``
    reads a layout's first 200 once for the tests that ask 60, 200 or 300)."""
    ten = corpus(layout, 10, seed=5)
    assert corpus(layout, 10, seed=5) == ten
    assert ten[:4] == corpus(layout, 4, seed=5)
    assert corpus(layout, 10, seed=6) != ten


def truths_add_up(receipts: Callable, layout: str,
                  beyond_lines: Callable[[list[str]], int]) -> None:
    """Each truth's lines (plus what the layout's notes say the total holds
    beyond them) make its total; refunds, and only refunds, are negative.
    ``receipts(layout, n, seed)`` gives (what is printed, truth) pairs."""
    for _, t in receipts(layout, 100, seed=4):
        assert t.total is not None
        assert sum(a for _, _, a in t.lines) + beyond_lines(t.notes) == abs(t.total)
        assert (t.total < 0) == (t.kind == "refund")
        assert all(q >= 1 for _, q, _ in t.lines)


def scoreboard_prints_the_group(group: str, layouts: list[str], capsys: Any) -> None:
    """``python -m tests.receipts_score --<group>`` prints it beside the corpus.
    At the floors' seed (11): the profiles it learns from five samples are
    the ones the floors' tests learn on the same worker (``tests.xdist_scopes``),
    not learnt again (at seed 1 each set's took up to 10 s of CI); none from
    three, which no floor holds (learning them for every set cost ~29 s of
    CI's CPU; the first corpus's board test still prints that column)."""
    assert main(["-n", "2", "--seed", "11", "--no-learnt3", f"--{group}"]) == 0
    out = capsys.readouterr().out
    for layout in layouts:
        assert layout in out
    assert "unicenta" in out and f"{group} layouts" in out


def reads_at_least(group: str, layout: str, floor: tuple[int, dict[str, int]]) -> None:
    """The default rules read ``group:layout`` (200 receipts, seed 11) at least
    as well as the floor: fully right, and field by field."""
    right, fields = floor
    sc = score(f"{group}:{layout}", 200, seed=11)
    assert sc.unknown == 0
    assert sc.right >= right, (layout, sc.right)
    for f in FIELDS:
        assert sc.fields[f] >= fields[f], (layout, f, sc.fields[f], fields[f])
