"""Money that moves only one way by default (issue 20, part 2).

A refund identified only by the account the receipt printed, a sale
whose printed account contradicts the card read just before it, and a slip
that prints two pupils' accounts (hold26: ``several_accounts``) are
journaled, pushed and stored, but held for a person's review: the hub moves
no balance for them, the till's provisional balance does not count them,
and ``agent report debt`` lists them under "needs review". Real receipts
(hwsim's till encoder), the real pipeline, journal and roster cache, the
simulated hub over loopback HTTP and the real command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from agent.cli import main
from agent.clock import FakeClock
from agent.config import Config, PolicyConfig
from agent.journal.store import Journal
from agent.sale.balances import Ledger
from agent.sale.pipeline import ReceiptPipeline
from agent.sale.transaction import Books, Sale, transaction
from drivers.events import CardRead
from hwsim import escpos_encoder as enc
from hwsim.till import SaleSpec, compose
from sync.roster_store import RosterStore
from tests.sync_helpers import TILL, TOKEN, running_hub

T0 = 1_795_000_000.0
CARD_ADA = "0A1B2C3D"


def hub_pupil(pid: str, name: str, balance: int, cards: tuple[str, ...] = ()) -> dict:
    return {"id": pid, "display_name": name, "year_group": "Y5", "card_uids": list(cards),
            "biometric_ids": [], "balance_pence": balance, "fsm": False,
            "daily_limit_pence": None, "debt_limit_pence": 0, "allergens": [],
            "biometric_consent": True}


@pytest.fixture
def hub():
    with running_hub([hub_pupil("P1", "Ada Lovelace", 500, (CARD_ADA,)),
                      hub_pupil("P2", "Alan Turing", 100)]) as h:
        yield h


@pytest.fixture
def till(tmp_path, hub, monkeypatch):
    """A till whose roster was pulled from the hub, with its config file."""
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state = tmp_path / "state"
    tok = tmp_path / "token"
    tok.write_text(TOKEN + "\n")
    tok.chmod(0o600)
    cfg = tmp_path / "agent.toml"
    cfg.write_text(f'till_id = "{TILL}"\nstate_dir = "{state}"\n[sync]\n'
                   f'base_url = "{hub.base_url}"\ntoken_file = "{tok}"\n'
                   "backoff_initial_s = 0.02\nbackoff_max_s = 0.05\n")
    assert main(["sync", "--config", str(cfg)]) == 0
    return Till(state, str(cfg))


class Till:
    """The receipt pipeline of a till, fed real ESC/POS bytes."""

    def __init__(self, state, cfg: str):
        self.state, self.cfg = state, cfg
        self.now = T0

    def prints(self, spec: SaleSpec | bytes, card: str | None = None) -> dict:
        with (Journal.in_state_dir(self.state, FakeClock()) as journal,
              RosterStore.in_state_dir(self.state) as roster):
            pipeline = ReceiptPipeline(Config(till_id=TILL, state_dir=str(self.state)),
                                       journal, roster, offline=lambda: False)
            if card:
                pipeline.identification(CardRead("door", card, self.now), self.now)
            data = spec if isinstance(spec, bytes) else compose(spec)
            pipeline.till_bytes(data, self.now + 2)
            pipeline.job_end(self.now + 2.2)
            self.now += 60
            return list(journal.entries())[-1].transaction

    def sync(self) -> None:
        assert main(["sync", "--config", self.cfg]) == 0

    def debt_report(self, capsys, *fmt: str) -> str:
        capsys.readouterr()
        assert main(["report", "debt", "--config", self.cfg, *fmt]) == 0
        return capsys.readouterr().out


def refund(account: str | None, pence: int, no: str) -> SaleSpec:
    return SaleSpec([("Refund: pasta bake", 1, pence)], tender="Account", receipt_no=no,
                    account=account, kind="refund")


def test_a_refund_by_printed_account_alone_credits_nobody_until_reviewed(till, hub, capsys):
    txn = till.prints(refund("P1", 5000, "000101"))
    assert txn["kind"] == "refund" and txn["pupil_id"] == "P1"
    assert txn["identified_by"] == "receipt" and txn["total_pence"] == -5000
    assert "review_refund_by_account" in txn["flags"]

    till.sync()
    assert hub.pupil("P1")["balance_pence"] == 500  # not £55
    assert [t["id"] for t in hub.held_for_review()] == [txn["id"]]
    # Stored and settled: the queue is empty and till_seq_applied moved past it.
    assert [r["id"] for r in hub.ledger(TILL)] == [txn["id"]]
    assert hub.till_seq_applied(TILL) == 1

    got = json.loads(till.debt_report(capsys, "--json"))
    assert got["pupils"] == [] and got["total_owed_pence"] == 0
    (held,) = got["needs_review"]
    assert (held["txn_id"], held["pupil_id"], held["display_name"]) == (txn["id"], "P1",
                                                                        "Ada Lovelace")
    assert (held["kind"], held["total_pence"], held["flags"]) == (
        "refund", -5000, ["review_refund_by_account"])
    text = till.debt_report(capsys)
    assert "Needs review (1)" in text and "review_refund_by_account" in text
    assert "-£50.00" in text
    rows = list(csv.DictReader(io.StringIO(till.debt_report(capsys, "--csv"))))
    assert [(r["pupil_id"], r["owed_pence"], r["flags"]) for r in rows] == [
        ("P1", "", "review_refund_by_account")]  # owed: nobody, yet

    # A person approves it at the hub: only now does the money move.
    hub.review(txn["id"], approve=True)
    assert hub.pupil("P1")["balance_pence"] == 5500


def test_a_declined_review_never_moves_the_balance(till, hub):
    txn = till.prints(refund("P1", 5000, "000102"))
    till.sync()
    hub.review(txn["id"], approve=False)
    assert hub.held_for_review() == []
    assert hub.pupil("P1")["balance_pence"] == 500
    with pytest.raises(KeyError):
        hub.review(txn["id"], approve=True)  # decided once


def test_a_refund_with_the_pupils_card_is_applied_as_before(till, hub, capsys):
    txn = till.prints(refund("P1", 240, "000103"), card=CARD_ADA)
    assert txn["identified_by"] == "card"
    assert not {"review_refund_by_account", "account_mismatch"} & set(txn["flags"])
    till.sync()
    assert hub.held_for_review() == []
    assert hub.pupil("P1")["balance_pence"] == 740
    assert json.loads(till.debt_report(capsys, "--json"))["needs_review"] == []


def test_a_printed_account_contradicting_the_card_is_charged_to_nobody(till, hub, capsys):
    # Ada taps her card; the receipt that follows prints Alan's account.
    sale = SaleSpec([("Pasta bake", 1, 240)], tender="Account", receipt_no="000104",
                    account="P2")
    txn = till.prints(sale, card=CARD_ADA)
    assert "account_mismatch" in txn["flags"]
    # Alan (£1.00, no debt allowed) would be over his debt limit: not his debt
    # until a person says whose sale it was.
    assert not {"over_debt_limit", "offline_debt", "insufficient_funds"} & set(txn["flags"])

    till.sync()
    assert hub.pupil("P1")["balance_pence"] == 500
    assert hub.pupil("P2")["balance_pence"] == 100
    assert [t["id"] for t in hub.held_for_review()] == [txn["id"]]
    got = json.loads(till.debt_report(capsys, "--json"))
    assert got["pupils"] == []
    assert [(r["txn_id"], r["flags"]) for r in got["needs_review"]] == [
        (txn["id"], ["account_mismatch"])]
    # The reviewer sees both: the printed account (Alan) and who tapped (Ada).
    assert txn["pupil_id"] == "P2"
    assert txn["identified_at_till"] == {"pupil_id": "P1", "identified_by": "card"}
    assert hub.held_for_review()[0]["identified_at_till"]["pupil_id"] == "P1"
    (review,) = got["needs_review"]
    assert review["identified_at_till"].endswith(", by card")
    assert "the till identified" in till.debt_report(capsys)


def test_an_unknown_card_then_a_printed_account_is_no_contradiction(till):
    # A pupil who lost their card: the operator keys the account instead.
    txn = till.prints(SaleSpec([("Pasta bake", 1, 240)], tender="Account",
                               receipt_no="000105", account="P1"), card="FFFF0000")
    assert txn["pupil_id"] == "P1" and txn["identified_by"] == "receipt"
    assert "account_mismatch" not in txn["flags"]
    assert "identified_at_till" not in txn  # only a contradiction carries it


def slip(*lines: str) -> bytes:
    """A school till's slip as its printer is sent it (ESC/POS, CP437)."""
    def cols(left: str, right: str) -> str:
        return left + " " * (48 - len(left) - len(right)) + right

    return enc.init() + b"".join(enc.text(cols(*ln) if isinstance(ln, tuple) else ln, "cp437")
                                 for ln in lines) + enc.cut()


# Two pupils served at once: each one's card and items, then one total paid
# from the smart card (safety25's holdout sac-ie): no one account on it.
TWO_PUPILS = slip("Trans: 88011   Terminal: T2", "Card 004765  Ciara Byrne  3rd Yr",
                  ("Panini", "4.50"), ("Subtotal", "4.50"), "Card 004875  Aisling Ryan  5th Yr",
                  ("Fruit", "1.60"), ("Subtotal", "1.60"), "-" * 48, ("TOTAL", "\u00a36.10"),
                  ("Smart Card", "\u00a36.10"))


def test_a_slip_that_prints_two_pupils_is_not_charged_whole_to_the_one_who_tapped(
        till, hub, capsys):
    # Ada taps her card; the till prints her meal and another pupil's on one slip.
    txn = till.prints(TWO_PUPILS, card=CARD_ADA)
    assert (txn["pupil_id"], txn["identified_by"], txn["total_pence"], txn["tender"]) == (
        "P1", "card", 610, "account")
    assert {"unread_account", "several_accounts"} <= set(txn["flags"])
    assert "identified_at_till" not in txn  # no printed account contradicts her
    # £6.10 on Ada's £5.00, no debt allowed: not her debt until a person says.
    assert not {"over_debt_limit", "offline_debt", "insufficient_funds"} & set(txn["flags"])

    till.sync()
    assert [r["id"] for r in hub.ledger(TILL)] == [txn["id"]]  # stored and acknowledged
    assert hub.till_seq_applied(TILL) == 1
    assert [t["id"] for t in hub.held_for_review()] == [txn["id"]]
    assert hub.pupil("P1")["balance_pence"] == 500  # no balance moved
    got = json.loads(till.debt_report(capsys, "--json"))
    assert got["pupils"] == []
    (held,) = got["needs_review"]
    assert held["txn_id"] == txn["id"] and "several_accounts" in held["flags"]
    # The office gives each pupil their part; approved there, it moves as sent.
    hub.review(txn["id"], approve=True)
    assert hub.pupil("P1")["balance_pence"] == -110


def test_a_slip_of_two_pupils_with_nobody_identified_is_held_too(till, hub):
    txn = till.prints(TWO_PUPILS)
    assert txn["pupil_id"] is None and "several_accounts" in txn["flags"]
    till.sync()
    assert [t["id"] for t in hub.held_for_review()] == [txn["id"]]


def test_one_pupils_slip_with_the_account_unread_is_charged_to_who_tapped_as_before(till, hub):
    txn = till.prints(slip("Trans: 88012   Terminal: T2", "Year 9 Adm No: 012345",
                           ("Panini", "4.50"), "-" * 48, ("TOTAL", "\u00a34.50"),
                           ("Smart Card", "\u00a34.50")), card=CARD_ADA)
    assert (txn["pupil_id"], txn["identified_by"]) == ("P1", "card")
    assert "unread_account" in txn["flags"] and "several_accounts" not in txn["flags"]
    till.sync()
    assert hub.held_for_review() == []
    assert hub.pupil("P1")["balance_pence"] == 50


# --- the rules themselves ------------------------------------------------------------------


class _Pupil:
    id = "P1"
    balance_pence = 0
    fsm = False
    daily_limit_pence = None
    debt_limit_pence = 0
    allergens = ()


def _refund(identified_by: str | None, tender: str = "account") -> dict:
    return {"id": "t:1", "kind": "refund", "occurred_at": "2026-11-30T12:00:00.000Z",
            "pupil_id": "P1", "identified_by": identified_by, "total_pence": -500,
            "tender": tender, "lines": [], "flags": []}


@pytest.mark.parametrize("identified_by, tender, held", [
    ("receipt", "account", True),
    ("receipt", "fsm", True),
    ("receipt", "cash", False),  # cash back over the counter: no account moves
    ("card", "account", False),
    ("biometric", "account", False),
])
def test_which_refunds_wait_for_review(identified_by, tender, held):
    by_receipt = identified_by == "receipt"
    refund = Sale("t:1", "till-1", "refund", "2026-11-30T12:00:00.000Z", None, (), -500,
                  tender, frozenset(), "P1" if by_receipt else None,
                  None if by_receipt else "P1", None if by_receipt else identified_by,
                  True, False)
    txn = transaction(refund, _Pupil(), Books(Ledger(240), PolicyConfig(), 0, 60.0))
    assert txn.identified_by == identified_by
    assert ("review_refund_by_account" in txn.flags) is held


def test_the_tills_provisional_balance_never_counts_a_held_transaction():
    led = Ledger(240)
    held = {**_refund("receipt"), "flags": ["review_refund_by_account"]}
    led.add(1, held)
    led.add(2, {**_refund("card"), "id": "t:2"})
    assert led.provisional_balance(0, "P1", 0) == 500  # only the card refund's credit
