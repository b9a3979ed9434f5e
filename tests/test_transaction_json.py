"""The typed Transaction serialises byte for byte as the dicts the agent
journaled before it: the same canonical JSON, so the same chain hashes and
the same bodies at the hub. Proved two ways: against today's dict for a range
of sales, and against a journal the dict-era code wrote (the demo's service
plus a register import, kept in tests/data)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.clock import FakeClock
from agent.journal import Journal, canonical_json
from sync.contract import IDENTIFIED_BY, TXN_KINDS, Line, Transaction, validate_transaction

OLD_JOURNAL = Path(__file__).parent / "data" / "journal_dict_era.sqlite.gz"

texts = st.text(min_size=0, max_size=24)
ids = st.from_regex(r"[A-Za-z0-9._:-]{1,40}", fullmatch=True)
pence = st.integers(-10**6, 10**6)
lines = st.lists(st.tuples(texts, st.integers(-99, 99), pence), max_size=6)
flags = st.lists(st.sampled_from(["clock_unsynced", "roster_stale", "offline_debt",
                                  "over_debt_limit", "allergen_alert", "unknown_pupil",
                                  "account_mismatch", "cut_off_receipt", "raster_only",
                                  "recovered_after_restart", "ünïcode_flag"]),
                 unique=True).map(sorted)


def dict_era(tid, till, kind, at, synced, pupil, by, no, lns, total, tender, offline, fl):
    """The dict the correlator (and the register import) built by hand,
    after the policy merged its flags and set the tender."""
    return {
        "id": tid, "till_id": till, "kind": kind, "occurred_at": at,
        "clock_synced": bool(synced), "pupil_id": pupil, "identified_by": by,
        "receipt_no": no,
        "lines": [{"description": d, "quantity": int(q), "amount_pence": int(a)}
                  for d, q, a in lns],
        "total_pence": int(total), "tender": tender, "offline": bool(offline),
        "flags": sorted(fl),
    }


@settings(max_examples=300, deadline=None)
@given(ids, ids, st.sampled_from(TXN_KINDS),
       st.sampled_from(["2026-12-01T12:00:00.000Z", "2026-11-28T11:59:59.123Z"]),
       st.booleans(), st.none() | ids, st.none() | st.sampled_from(IDENTIFIED_BY),
       st.none() | ids, lines, pence, st.sampled_from(["cash", "account", "fsm", "card",
                                                          "luncheon voucher", ""]),
       st.booleans(), flags)
def test_a_transaction_is_the_same_canonical_json_as_the_dict_it_replaces(
        tid, till, kind, at, synced, pupil, by, no, lns, total, tender, offline, fl):
    old = dict_era(tid, till, kind, at, synced, pupil, by, no, lns, total, tender, offline, fl)
    new = Transaction(tid, till, kind, at, synced, pupil, by, no,
                      tuple(Line(d, q, a) for d, q, a in lns), total, tender, offline,
                      tuple(fl))
    assert canonical_json(new.to_json()) == canonical_json(old)
    assert Transaction.from_json(old) == new
    # And with the seq the journal adds, the contract still takes it.
    validate_transaction(dict(new.to_json(), seq=1))


def test_a_journal_written_by_the_dict_era_code_verifies_and_reads_back_byte_for_byte(
        tmp_path):
    with gzip.open(OLD_JOURNAL) as src, open(tmp_path / "journal.sqlite", "wb") as dst:
        shutil.copyfileobj(src, dst)
    j = Journal.in_state_dir(tmp_path, FakeClock())
    try:
        assert j.verify().ok
        entries = list(j.entries())
        kinds = {e.kind for e in entries}
        assert len(entries) == 81 and kinds == {"sale", "refund", "manual"}
        for e in entries:
            body = json.loads(e.payload)
            txn = Transaction.from_json(body)
            assert canonical_json(dict(txn.to_json(), seq=e.seq)) == e.payload
        # Appending a Transaction after the old entries keeps the chain whole.
        last = Transaction.from_json(entries[-1].transaction)
        again = Transaction(**{f: getattr(last, f) for f in last.__slots__}
                            | {"id": "after-the-old-code"})
        entry, created = j.append(again.id, again.kind, again)
        assert created and json.loads(entry.payload) == dict(again.to_json(), seq=82)
        assert j.verify().ok
    finally:
        j.close()
