"""Which tests share an xdist worker in CI's ``pytest -n 2`` (``tests/conftest.py``).

The tests of one receipts set (a holdout group's layouts, or one layout of
the first corpus) read the same 200 receipts with the defaults, learn the
same profiles and score them: ``tests.receipts_score`` works each out once
per process, so the work is saved only where the tests that need it run on
the worker that did it. xdist's own ``load`` hands tests out one by one, so
a layout's defaults floor, its learnt floor, its never-worse check and its
office check landed on either worker and each worker read and learnt it
again. (Its ``loadgroup`` would group them, but under pytest 9 it groups
nothing: xdist 3.8 renames ``item._nodeid``, which ``item.nodeid`` no
longer reads; that is why last session's try gained nothing.)

Here each set's tests are one unit of work, handed out whole, the largest
first; every other test is a unit of its own, as under ``load``.
Measured on 7 December (with the per-process capture cache of
``tests.receipts_score``), holdout20-22's tests of the floors, holdouts and
learn_truth files under ``-n 2``: 139 -> 89 s of CPU (user+sys, 172 tests).
"""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

# The test files whose tests of a set or of one of its layouts (their id
# ``[holdout22:racun-rs]``, ``[holdout22]``, ``[chromis]``) ask
# ``tests.receipts_score`` for the same readings and profiles (seed 11).
SHARE_READINGS = frozenset({
    "tests/test_receipt_profile_floors.py",
    "tests/test_receipts_holdouts.py",
    "tests/test_receipt_learn_truth.py",
    "tests/test_flag_words.py",
    "tests/test_receipt_profile_mutants.py",
    "tests/test_receipt_profile_vouched.py",
    "tests/test_receipts_corpus.py",
})


def scope(nodeid: str) -> str:
    """The unit of work ``nodeid`` belongs to: its receipts set (the group
    before the ``:`` of its id) in ``SHARE_READINGS``, else the test alone."""
    path, _, name = nodeid.partition("::")
    if path in SHARE_READINGS and name.endswith("]"):
        param = name[name.index("[") + 1:-1]
        return "receipts set " + param.split(":")[0]
    return nodeid


class ReceiptSetScheduling(LoadScopeScheduling):
    """xdist's ``loadscope`` with ``scope`` as the scope (units with the most
    tests first: the receipts sets, then every other test in file order)."""

    def _split_scope(self, nodeid: str) -> str:
        return scope(nodeid)
