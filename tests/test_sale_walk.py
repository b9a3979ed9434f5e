"""One straight walk for a sale (issue 16): the till's bytes are decoded,
interpreted, correlated, the pupil looked up once, the policy applied and
the Transaction journaled, each module entered once, with no calls back.
And every way into the journal goes through the one constructor: a meal
from a paper register gets the same policy flags as the same meal at the
till. Real ESC/POS bytes from the simulated till, a real roster store and
journal in tmp_path."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from agent.clock import FakeClock
from agent.config import Config, PolicyConfig
from agent.journal import store as journal
from agent.journal.store import Journal
from agent.reports.registers import HEADER, MEAL_DESCRIPTION, import_register
from agent.sale import correlation, policy
from agent.sale import pipeline as receipt_pipeline
from agent.sale import transaction as sale
from agent.sale.pipeline import ReceiptPipeline
from drivers.events import CardRead
from hwsim.till import SaleSpec, compose
from sync.contract import Pupil
from sync.roster_store import RosterStore

T0 = 1_795_000_000.0
CARD = "0A1B2C3D"
# The modules a sale walks through, by their files (named by import, so the
# walk is checked wherever the modules live).
WALK = {m.__name__: m.__file__ for m in (receipt_pipeline, correlation, sale, policy, journal)}


def pupil(pid: str, balance: int, debt_limit: int, cards: tuple[str, ...] = ()) -> Pupil:
    return Pupil(id=pid, display_name=f"Pupil {pid}", year_group="Y4", card_uids=cards,
                 biometric_ids=(), balance_pence=balance, fsm=False, daily_limit_pence=None,
                 debt_limit_pence=debt_limit, allergens=(), biometric_consent=True)


def till(tmp_path: Path, pupils: list[Pupil]) -> tuple[ReceiptPipeline, Journal]:
    store = RosterStore.in_state_dir(tmp_path)
    store.apply(pupils, [], "c1", 0, T0 - 60, True)
    journal = Journal.in_state_dir(tmp_path, FakeClock())
    cfg = Config(till_id="till-1", state_dir=str(tmp_path),
                 policy=PolicyConfig(meal_price_pence=240))
    return ReceiptPipeline(cfg, journal, store, offline=lambda: True), journal


def entries_into(modules: dict[str, str], run) -> Counter[str]:
    """Run ``run()``, counting each time code of one of ``modules`` (name ->
    file) is called from outside that module (an entry at its boundary)."""
    files = {str(Path(f).resolve()): name for name, f in modules.items()}
    seen: Counter[str] = Counter()

    def profile(frame, event, _arg):
        if event != "call":
            return
        callee = files.get(frame.f_code.co_filename)
        caller = frame.f_back
        if callee is not None and caller is not None and (
                caller.f_code.co_filename != frame.f_code.co_filename):
            seen[callee] += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return seen


@pytest.mark.parametrize("how", ["card", "printed account"])
def test_one_sale_enters_each_module_of_its_walk_once(tmp_path, how):
    pipeline, journal = till(tmp_path, [pupil("P000001", 1000, 0, (CARD,))])
    account = None
    if how == "card":
        pipeline.identification(CardRead("door", CARD, T0), T0)
    else:
        account = "P000001"
    receipt = compose(SaleSpec([("Pasta bake", 1, 240)], tender="Account",
                               receipt_no="000001", account=account))
    # The receipt's cut is in these bytes: the whole sale happens in this call.
    seen = entries_into(WALK, lambda: pipeline.till_bytes(receipt, T0 + 5))
    (entry,) = journal.entries()
    assert entry.transaction["pupil_id"] == "P000001"
    assert entry.transaction["identified_by"] == ("card" if how == "card" else "receipt")
    assert seen == {m: 1 for m in WALK}
    journal.close()


def test_a_register_meal_over_the_debt_limit_gets_the_flags_of_the_same_meal_at_the_till(
        tmp_path):
    # The pupil is at -900 with a 1000 limit: a 240 meal passes the limit.
    owing = pupil("P000001", -900, 1000, (CARD,))
    pipeline, at_till = till(tmp_path / "till", [owing])
    pipeline.identification(CardRead("door", CARD, T0), T0)
    pipeline.till_bytes(compose(SaleSpec([(MEAL_DESCRIPTION, 1, 240)], tender="Account",
                                         receipt_no="000001")), T0 + 5)
    (sale,) = at_till.entries()

    office = tmp_path / "office"
    office.mkdir()
    store = RosterStore.in_state_dir(office)
    store.apply([owing], [], "c1", 0, T0 - 60, True)
    paper = ",".join(HEADER) + "\n2026-11-30,P000001,Pupil P000001,Y4,y\n"
    registered = Journal.in_state_dir(office, FakeClock())
    report = import_register(paper, store, registered, "till-1",
                             PolicyConfig(meal_price_pence=240), now=T0)
    (meal,) = registered.entries()

    assert report.journaled == [meal.id] and meal.kind == "manual"
    assert sale.transaction["flags"] == ["offline_debt", "over_debt_limit"]
    assert meal.transaction["flags"] == sale.transaction["flags"]
    assert (meal.transaction["pupil_id"], meal.transaction["total_pence"]) == (
        sale.transaction["pupil_id"], sale.transaction["total_pence"])
    at_till.close()
    registered.close()
