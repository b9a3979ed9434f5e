"""The journal: append-only, chained, idempotent, durable."""

from __future__ import annotations

import sqlite3

import pytest

from agent.clock import FakeClock
from agent.journal.schema import SCHEMA_VERSION
from agent.journal.store import Capture, Journal, JournalError
from sync.journal_port import PushOutcome


def sale(total: int, pupil: str | None = "P0001") -> dict:
    return {
        "till_id": "till-1", "occurred_at": "2026-11-28T12:01:02.123Z", "clock_synced": True,
        "pupil_id": pupil, "identified_by": "card" if pupil else None, "receipt_no": None,
        "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": total}],
        "total_pence": total, "tender": "account" if pupil else "cash", "offline": False,
        "flags": [],
    }


@pytest.fixture
def journal(tmp_path):
    j = Journal.in_state_dir(tmp_path, FakeClock())
    yield j
    j.close()


def test_a_lunch_queue_is_journaled_in_order_with_a_chain(journal):
    for i in range(1, 6):
        entry, created = journal.append(f"till-1:r:{i}", "sale", sale(230 + i))
        assert created and entry.seq == i
    entries = list(journal.entries())
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))
    assert journal.verify().ok
    body = entries[2].transaction
    assert body["seq"] == 3 and body["id"] == "till-1:r:3" and body["kind"] == "sale"


def test_a_resent_receipt_returns_the_existing_entry_and_adds_nothing(journal):
    first, created = journal.append("till-1:r:42", "sale", sale(230))
    again, created_again = journal.append("till-1:r:42", "sale", sale(999))
    assert created and not created_again
    assert again == first
    assert journal.last_seq() == 1


def test_rows_cannot_be_updated_deleted_or_replaced(journal, tmp_path):
    journal.append("a", "sale", sale(100), capture=Capture(0, "tcp", b"raw", ["text"]))
    journal.append("b", "sale", sale(200))
    db = sqlite3.connect(tmp_path / "journal.sqlite")
    db.execute("PRAGMA recursive_triggers = ON")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE entries SET payload = '{}' WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM entries WHERE seq = 2")
    # REPLACE must delete the old 'a' row first: the delete trigger stops it.
    row = db.execute("SELECT * FROM entries WHERE seq = 2").fetchone()
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (3, "a", *row[2:]))
    # Nor can a row jump the sequence or reuse a number.
    with pytest.raises(sqlite3.DatabaseError, match="next number"):
        db.execute("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", (7, "c", *row[2:]))
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("UPDATE captures SET data = x'00'")
    db.close()
    assert journal.verify().ok and journal.last_seq() == 2


def _tamper(path, sql, *params):
    db = sqlite3.connect(path)
    db.execute("DROP TRIGGER entries_no_update")
    db.execute("DROP TRIGGER entries_no_delete")
    db.execute(sql, params)
    db.commit()
    db.close()


def _verify_tampered(state, amounts: list[int], sql: str):
    """Journal sales of these amounts, change the file behind the triggers
    with ``sql``, then verify it read-only."""
    j = Journal.in_state_dir(state, FakeClock())
    for i, pence in enumerate(amounts):
        j.append(f"t{i}", "sale", sale(pence))
    j.close()
    _tamper(state / "journal.sqlite", sql)
    with Journal(state / "journal.sqlite", readonly=True) as j:
        return j.verify()


def test_verify_finds_the_seq_whose_payload_was_edited_behind_the_triggers(tmp_path):
    # Flip one byte of seq 6's payload: 105 pence becomes 107.
    result = _verify_tampered(tmp_path, [100 + i for i in range(10)],
                              "UPDATE entries SET payload = replace(payload, '105', '107') "
                              "WHERE seq = 6")
    assert not result.ok and result.first_bad_seq == 6 and result.checked == 5


def test_verify_finds_a_truncated_journal(tmp_path):
    result = _verify_tampered(tmp_path, [100] * 4, "DELETE FROM entries WHERE seq = 4")
    assert not result.ok and result.first_bad_seq == 4 and "truncated" in result.problem


def test_a_gap_in_seq_is_reported(tmp_path):
    result = _verify_tampered(tmp_path, [100] * 4, "DELETE FROM entries WHERE seq = 2")
    assert not result.ok and result.first_bad_seq == 2


def test_a_bounded_walk_checks_the_newest_entries_and_says_where_it_began(tmp_path):
    j = Journal.in_state_dir(tmp_path, FakeClock())
    for i in range(10):
        j.append(f"t{i}", "sale", sale(100 + i))
    j.close()
    with Journal(tmp_path / "journal.sqlite", readonly=True) as j:
        res = j.verify(newest=4)
        assert res.ok and (res.checked, res.walked_after) == (4, 6)
        whole = j.verify(newest=10)
        assert whole.ok and (whole.checked, whole.walked_after) == (10, 0)
    # Damage among the newest is found; damage before them is not walked.
    _tamper(tmp_path / "journal.sqlite", "UPDATE entries SET payload = "
            "replace(replace(payload, '108', '118'), '101', '111') WHERE seq IN (2, 9)")
    with Journal(tmp_path / "journal.sqlite", readonly=True) as j:
        assert (j.verify(newest=4).first_bad_seq, j.verify(newest=4).walked_after) == (9, 6)
        assert j.verify(newest=1).ok
        assert j.verify().first_bad_seq == 2


def test_seq_keeps_rising_across_reopen(tmp_path):
    for round_ in range(3):
        with Journal.in_state_dir(tmp_path, FakeClock()) as j:
            entry, _ = j.append(f"r{round_}", "sale", sale(100))
            assert entry.seq == round_ + 1
    with Journal.in_state_dir(tmp_path) as j:
        assert j.verify().ok and j.last_seq() == 3


def test_the_raw_receipt_is_kept_beside_its_entry(journal):
    raw = b"\x1b@Pasta bake   \x9c2.30\n\x1dV\x00"
    entry, _ = journal.append("t1", "sale", sale(230),
                              capture=Capture(0, "tcp", raw, ["Pasta bake   £2.30"]))
    cap = journal.capture(entry.seq)
    assert cap.data == raw and cap.text == ["Pasta bake   £2.30"] and cap.source == "tcp"


def test_entries_record_clock_state_boot_and_monotonic_time(tmp_path):
    clock = FakeClock(is_synced=False, boot="boot-1")
    with Journal.in_state_dir(tmp_path, clock) as j:
        entry, _ = j.append("t1", "sale", sale(230))
    assert entry.clock_synced is False and entry.boot_id == "boot-1"
    assert entry.mono_ns == clock.mono and entry.wall_time.endswith("Z")


def test_sync_progress_lives_beside_the_entries_and_never_changes_them(journal):
    for i in range(5):
        journal.append(f"t{i}", "sale", sale(100 + i))
    before = [e.hash for e in journal.entries()]
    pend = journal.pending(0, 3)
    assert [p.seq for p in pend] == [1, 2, 3]
    assert pend[0].body == journal.get_seq(1).payload
    journal.record_attempt([1, 2, 3], 1.0, "timeout")
    journal.record_attempt([1], 2.0, "")
    journal.record_outcomes([PushOutcome(1, "t0", "accepted"), PushOutcome(2, "t1", "duplicate"),
                             PushOutcome(3, "t2", "rejected", "conflict")], 3.0)
    # A second, different answer for a seq already answered is ignored.
    journal.record_outcomes([PushOutcome(3, "t2", "accepted")], 4.0)
    # An outcome whose id does not match the seq is ignored.
    journal.record_outcomes([PushOutcome(4, "t0", "accepted")], 4.0)
    assert [p.seq for p in journal.pending(0, 10)] == [4, 5]
    assert journal.pending_count() == 2
    assert journal.sync_status_counts() == {"accepted": 1, "duplicate": 1, "rejected": 1}
    assert journal.rejected()[0]["reason"] == "conflict"
    assert journal.attempts(1) == (2, "")
    assert [e.hash for e in journal.entries()] == before and journal.verify().ok


def test_the_schema_comes_from_migrations(journal, tmp_path):
    version = sqlite3.connect(tmp_path / "journal.sqlite").execute(
        "PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION
    assert journal._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_journal_written_by_the_first_schema_is_upgraded_and_keeps_its_sales(tmp_path):
    from agent.journal.schema import STEPS
    path = tmp_path / "journal.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    for stmt in STEPS[0].run:
        db.execute(stmt)
    db.execute("PRAGMA user_version = 1")
    db.close()
    with Journal.in_state_dir(tmp_path, FakeClock()) as old:  # opening migrates
        old.append("a", "sale", sale(230), capture=Capture(0, "tcp", b"one", ["Pasta"]))
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        j.append("b", "sale", sale(240), capture=Capture(0, "tcp", b"two", ["Cookie"]))
        assert [e.id for e in j.entries()] == ["a", "b"] and j.verify().ok
        assert j.capture(1).data == b"one" and j.capture(2).text == ["Cookie"]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_entry_and_its_capture_commit_together_or_not_at_all(journal, tmp_path):
    # A capture the store refuses (here: a trigger standing for a full disk
    # between the two rows) takes its entry with it.
    db = sqlite3.connect(tmp_path / "journal.sqlite")
    db.execute("CREATE TRIGGER refuse_captures BEFORE INSERT ON captures "
               "BEGIN SELECT RAISE(ABORT, 'no room for the capture'); END")
    db.commit()
    with pytest.raises(sqlite3.DatabaseError, match="no room"):
        journal.append("a", "sale", sale(230), capture=Capture(0, "tcp", b"raw", []))
    assert journal.last_seq() == 0 and journal.get("a") is None
    db.execute("DROP TRIGGER refuse_captures")
    db.commit()
    db.close()
    entry, created = journal.append("a", "sale", sale(230), capture=Capture(0, "tcp", b"raw", []))
    assert created and entry.seq == 1 and journal.capture(1).data == b"raw"
    journal.append("b", "sale", sale(240))  # no capture: no capture row
    assert journal.capture(2) is None and journal.verify().ok


def test_a_journal_from_a_newer_agent_is_refused_clearly(tmp_path):
    Journal.in_state_dir(tmp_path).close()
    db = sqlite3.connect(tmp_path / "journal.sqlite")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(JournalError, match="newer"):
        Journal.in_state_dir(tmp_path)


def test_a_damaged_database_file_gets_one_clear_message(tmp_path):
    (tmp_path / "journal.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(JournalError) as info:
        Journal.in_state_dir(tmp_path)
    assert "journal.sqlite" in str(info.value) and "do not delete" in str(info.value)


def test_the_journal_file_is_private(tmp_path):
    Journal.in_state_dir(tmp_path).close()
    assert (tmp_path / "journal.sqlite").stat().st_mode & 0o077 == 0


def test_unknown_kinds_are_refused(journal):
    with pytest.raises(ValueError):
        journal.append("x", "gift", sale(1))


def test_two_writers_on_one_file_never_fork_the_chain(tmp_path):
    # The daemon and a technician's `agent register import` may both append.
    daemon = Journal.in_state_dir(tmp_path, FakeClock())
    technician = Journal.in_state_dir(tmp_path, FakeClock())
    for i in range(10):
        writer = daemon if i % 3 else technician
        entry, created = writer.append(f"t{i}", "sale", sale(100 + i))
        assert created and entry.seq == i + 1
    again, created = technician.append("t4", "sale", sale(1))
    assert not created and again.seq == 5
    assert daemon.verify().ok and technician.last_seq() == 10
    daemon.close()
    technician.close()


def test_the_till_queue_is_right_with_results_arriving_out_of_order(journal, tmp_path):
    # The daemon asks for the queue after every few sales; it must read only
    # the unsynced tail, yet answer exactly as counting everything would.
    for i in range(1, 301):
        journal.append(f"t{i}", "sale", sale(100 + i))

    def synced(*seqs: int) -> None:
        journal.record_outcomes([PushOutcome(s, f"t{s}", "accepted") for s in seqs], 5.0)

    other = Journal.in_state_dir(tmp_path, readonly=True)  # e.g. the publisher's
    assert journal.pending_count() == 300 and journal.oldest_pending().seq == 1
    synced(*range(1, 200), *range(201, 290))  # seq 200 unanswered; 290-300 not sent yet
    for j in (journal, other):
        assert j.pending_count() == 12
        assert j.oldest_pending().seq == 200
        assert [p.seq for p in j.pending(0, 3)] == [200, 290, 291]
        assert [p.seq for p in j.pending(200, 2)] == [290, 291]
    synced(200)
    journal.append("t301", "sale", sale(401))
    for j in (journal, other):
        assert j.pending_count() == 12 and j.oldest_pending().seq == 290
    synced(*range(290, 302))
    for j in (journal, other):
        assert j.pending_count() == 0 and j.oldest_pending() is None
        assert j.pending(0, 10) == []
    journal.append("t302", "sale", sale(402))
    assert other.pending_count() == 1 and [p.seq for p in other.pending(0, 5)] == [302]
    other.close()


def test_a_sale_journaled_while_the_sync_loop_asks_what_is_pending_is_still_sent(tmp_path):
    # The till's writer and the sync loop have their own connections. A sale
    # appended at the moment the loop asks for its first unsynced entry must
    # not be taken for synced (it then never left the till: seen under load).
    till = Journal.in_state_dir(tmp_path, FakeClock())
    loop = Journal.in_state_dir(tmp_path, FakeClock())
    till.append("t-1", "sale", sale(240))
    loop.record_outcomes([PushOutcome(1, "t-1", "accepted", "")], 1.0)
    appended = []

    def the_till_appends_meanwhile(sql: str) -> None:
        if "MAX(seq)" in sql and not appended:
            appended.append(till.append("t-2", "sale", sale(230))[0].seq)

    loop._db.set_trace_callback(the_till_appends_meanwhile)
    first = [p.seq for p in loop.pending(0, 10)]
    loop._db.set_trace_callback(None)
    assert appended == [2]
    assert [p.seq for p in loop.pending(0, 10)] == [2] and first in ([], [2])
    till.close()
    loop.close()
