"""The two entry points every holdout package whose renderers print a
``Printed`` gives (``tests.receipts_holdout3`` on): ``rendered(layout, n,
seed)``, what each receipt prints and its truth, and ``corpus(layout, n,
seed)``, the same receipts as ESC/POS bytes (the scoreboard's input). Written
once here; a package takes them with

    rendered, corpus = printed_corpus(__name__, numbered_from=0)

The renderers and their random streams stay each package's own
(``tests.receipts_corpus.renderings``: one stream per layout and seed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.receipts_corpus import Truth, encoded, renderings

Rendered = Callable[[str, int, int], list[tuple[Any, Truth]]]
Corpus = Callable[[str, int, int], list[tuple[bytes, Truth]]]


def printed_corpus(package: str, numbered_from: int | None = None) -> tuple[Rendered, Corpus]:
    """``rendered`` and ``corpus`` for ``package`` (its ``layouts.LAYOUTS``
    renderers; with ``numbered_from``, each is also given its receipt's
    number, counted from there)."""

    def rendered(layout: str, n: int, seed: int) -> list[tuple[Any, Truth]]:
        """``n`` receipts of ``layout`` as printed, with their truth; the same
        for the same seed."""
        return renderings(package, layout, n, seed, numbered_from=numbered_from)

    def corpus(layout: str, n: int, seed: int) -> list[tuple[bytes, Truth]]:
        """The scoreboard's pairs: each receipt's ESC/POS bytes and its truth."""
        return encoded(rendered(layout, n, seed))

    return rendered, corpus
