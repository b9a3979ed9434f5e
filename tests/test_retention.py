"""Retention (agent/journal/retention.py, issue 17 part 3): acknowledged entries older
than the current and previous school year leave the till; the chain still
verifies from its anchor; nothing unsynced or rejected is ever dropped, and
the database itself refuses any other delete."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from agent.clock import FakeClock, parse_rfc3339
from agent.config import ConfigError, JournalConfig, parse_config, parse_window
from agent.journal.retention import (
    RetentionJob,
    cutoff_date,
    describe,
    describe_anchor,
    in_window,
    retention_report,
)
from agent.journal.store import Capture, Journal
from sync.journal_port import PushOutcome
from tests.retention_support import LONDON, at, sale


def ack(j: Journal, status: str = "accepted", only: set[int] | None = None) -> None:
    """The hub answers every pending entry (or only ``only``) with ``status``."""
    got = [p for p in j.pending(0, 100_000) if only is None or p.seq in only]
    j.record_outcomes([PushOutcome(p.seq, p.id, status) for p in got], j.clock.wall())


# --- the cutoff and the window ------------------------------------------------

def test_two_school_years_on_6_december_2026_keep_everything_from_1_september_2025():
    assert cutoff_date(date(2026, 12, 6), 2) == date(2025, 9, 1)
    assert cutoff_date(date(2026, 12, 6), 1) == date(2026, 9, 1)
    # August is still the previous school year.
    assert cutoff_date(date(2026, 8, 31), 2) == date(2024, 9, 1)
    assert cutoff_date(date(2026, 9, 1), 2) == date(2025, 9, 1)
    assert cutoff_date(date(2026, 12, 6), 0) is None


def test_the_cutoff_is_local_midnight_of_1_september():
    job = RetentionJob(JournalConfig(), LONDON)
    # BST: midnight in London is 23:00 UTC the day before.
    assert job.cutoff(at(2026, 12, 6)) == "2025-08-31T23:00:00.000Z"


def test_the_window_runs_in_local_time_and_may_cross_midnight():
    w = parse_window("01:00-05:00")
    assert in_window(datetime(2026, 1, 1, 1, 0).time(), w)
    assert not in_window(datetime(2026, 1, 1, 5, 0).time(), w)
    night = parse_window("23:00-02:00")
    assert in_window(datetime(2026, 1, 1, 23, 30).time(), night)
    assert in_window(datetime(2026, 1, 1, 1, 59).time(), night)
    assert not in_window(datetime(2026, 1, 1, 12, 0).time(), night)
    for bad in ("1-5", "25:00-05:00", "01:00-01:00", "night"):
        with pytest.raises(ValueError):
            parse_window(bad)


def test_the_config_checks_the_journal_section_and_hints_at_a_misspelt_key():
    cfg = parse_config("[journal]\nretention_school_years = 3\nretention_window = '00:30-04:00'\n")
    assert cfg.journal.retention_school_years == 3
    with pytest.raises(ConfigError) as e:
        parse_config("[journal]\nretention_school_year = 2\n")
    assert "did you mean 'retention_school_years'" in str(e.value)
    with pytest.raises(ConfigError) as e:
        parse_config("[journal]\nretention_school_years = -1\nretention_window = '1am-5am'\n")
    text = str(e.value)
    assert "journal.retention_school_years" in text and "journal.retention_window" in text


# --- the database refuses every other delete ---------------------------------

def test_the_database_refuses_to_delete_a_pending_rejected_or_unanchored_entry(tmp_path):
    clock = FakeClock(now=at(2024, 3, 1))
    with Journal.in_state_dir(tmp_path, clock) as j:
        for i in range(4):
            j.append(f"t{i}", "sale", sale(i))
        ack(j, "accepted", only={1, 2})
        ack(j, "rejected", only={3})
        db = sqlite3.connect(j.path, isolation_level=None)
        db.execute("PRAGMA recursive_triggers = ON")
        # Acknowledged, but above the anchor (nothing dropped yet): refused.
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM entries WHERE seq = 1")
        # The anchor cannot be set onto a made-up hash nor moved back.
        with pytest.raises(sqlite3.IntegrityError, match="anchor"):
            db.execute("UPDATE anchor SET seq = 3, hash = 'x'")
        db.execute("UPDATE anchor SET seq = 4, hash = (SELECT hash FROM entries WHERE seq = 4)")
        # At or below the anchor now, but rejected (3) or pending (4): refused.
        for seq in (3, 4):
            with pytest.raises(sqlite3.IntegrityError, match="only acknowledged entries"):
                db.execute("DELETE FROM entries WHERE seq = ?", (seq,))
        with pytest.raises(sqlite3.IntegrityError, match="anchor"):
            db.execute("UPDATE anchor SET seq = 1, hash = (SELECT hash FROM entries "
                       "WHERE seq = 1)")
        # A REPLACE cannot delete its way past either.
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT OR REPLACE INTO entries SELECT * FROM entries WHERE seq = 4")
        db.close()
        assert j.count() == 4 and len(j.pending(0, 10)) == 1


# --- a year of service --------------------------------------------------------

def _school_days(start: date, end: date):
    d = start
    while d < end:
        holiday = d.month == 8 or (d.month == 12 and d.day > 19) or (d.month == 4 and d.day < 14)
        if d.weekday() < 5 and not holiday:
            yield d
        d += timedelta(days=1)


def test_a_year_of_service_keeps_only_the_retained_entries_and_never_an_unsynced_one(tmp_path):
    """Sales every school day from September 2025 to mid-December 2026, the hub
    acknowledging most each afternoon; a few rejected and a few left pending
    in the retained year. The job is asked every night (and sometimes at noon,
    when it must not run). With one school year kept, the drop on the night
    after 1 September 2026 takes the 2025-26 school year, other nights take
    nothing more, the chain verifies from its anchor, and the file is smaller
    than the same journal without retention."""
    clock = FakeClock(now=at(2025, 9, 1, 0, 5))
    settings = JournalConfig(retention_school_years=1)
    job = RetentionJob(settings, LONDON, clock)
    kept = Journal.in_state_dir(tmp_path / "kept", clock)
    full = Journal.in_state_dir(tmp_path / "full", clock)  # the same till without retention
    rejected: set[str] = set()
    pending: set[str] = set()
    runs = []
    n = 0
    for day in _school_days(date(2025, 9, 1), date(2026, 12, 17)):
        for k in range(12):
            clock.now = at(day.year, day.month, day.day, 12, k * 3)
            receipt = Capture(0, "printer:127.0.0.1", b"\x1b@MEAL OF THE DAY  2.40\n" * 60)
            for j in (kept, full):
                j.append(f"till-1:{n}", "sale", sale(n), capture=receipt)
            n += 1
        if day.year == 2026 and day.month == 11 and day.day in (3, 17):  # refused by the hub
            rejected.add(f"till-1:{n - 1}")
        clock.now = at(day.year, day.month, day.day, 14)
        # The service is over; nothing is due at 14:00 (outside the window).
        assert job.run_if_due(kept) is None
        for j in (kept, full):
            got = j.pending(0, 100_000)
            if day >= date(2026, 12, 15):  # the hub was away for the last two days
                pending.update(p.id for p in got)
                continue
            j.record_outcomes([PushOutcome(p.seq, p.id, "rejected" if p.id in rejected
                                           else "accepted") for p in got], clock.now)
        clock.now = at(day.year, day.month, day.day, 2, 30) + 86400  # the next night
        r = job.run_if_due(kept)
        assert r is not None, day
        runs.append(r)
        assert job.run_if_due(kept) is None  # once a day
    clock.now = at(2026, 12, 17, 15)

    drops = [r for r in runs if r.dropped]
    first_kept = at(2026, 9, 1, 0, 0)
    # Everything of the 2025-26 school year went on the first night of 2026-27 ...
    assert len(drops) == 1 and drops[0].at.startswith("2026-09-02")
    remaining = list(kept.entries())
    assert parse_rfc3339(remaining[0].wall_time) >= first_kept
    assert all(parse_rfc3339(e.wall_time) >= first_kept for e in remaining)
    # ... and nothing of the current year was dropped.
    young = [e for e in full.entries() if parse_rfc3339(e.wall_time) >= first_kept]
    assert [e.id for e in remaining] == [e.id for e in young]
    ids = {e.id for e in remaining}
    assert rejected <= ids and pending <= ids and len(pending) == 24
    assert {p.id for p in kept.pending(0, 1000)} == pending
    res = kept.verify()
    assert res.ok, res.problem
    assert res.anchor.seq == remaining[0].seq - 1 and res.checked == len(remaining)
    assert kept.count() == len(remaining) and kept.last_seq() == full.last_seq()
    assert full.verify().ok and full.count() == n
    # The sales, captures and pupils of the dropped year are gone from the file.
    report = retention_report(kept, settings, LONDON, clock.now)
    assert report["entries"] == len(remaining) and report["anchor"]["seq"] == res.anchor.seq
    assert report["blocked_by"] is None and report["due"] == 0
    assert drops[0].bytes_after < drops[0].bytes_before
    assert "anchor seq" in describe_anchor(res.anchor) and "before 1 Sep 2026" in \
        describe_anchor(res.anchor)
    # The till goes on journaling after the drop: the chain continues from the head.
    clock.now = at(2026, 12, 17, 12)
    kept.append("till-1:after", "sale", sale(0))
    assert kept.verify().ok
    # Closed (the last connection copies the log back and removes it): the files alone.
    kept.close()
    full.close()
    kept_bytes, full_bytes = kept.path.stat().st_size, full.path.stat().st_size
    print(f"\nyear of service: {n} sales, {len(remaining)} kept; file {kept_bytes:,} bytes "
          f"with retention vs {full_bytes:,} without; the drop took the file and log from "
          f"{drops[0].bytes_before:,} to {drops[0].bytes_after:,} bytes")
    assert kept_bytes < full_bytes * 0.4


def test_one_rejected_entry_stops_the_drop_at_it_and_is_named(tmp_path):
    clock = FakeClock(now=at(2023, 10, 2))
    settings = JournalConfig(retention_school_years=1)
    with Journal.in_state_dir(tmp_path, clock) as j:
        for i in range(10):
            clock.now = at(2023, 10, 2 + i)
            j.append(f"t{i}", "sale", sale(i))
        ack(j, "accepted", only={1, 2, 3, 4, 6, 7, 8, 9, 10})
        ack(j, "rejected", only={5})
        clock.now = at(2025, 1, 10, 2)
        r = RetentionJob(settings, LONDON, clock).run_if_due(j)
        assert r is not None and r.dropped == 4 and r.blocked_by == (5, "rejected")
        assert [e.seq for e in j.entries()][0] == 5 and j.verify().ok
        assert retention_report(j, settings, LONDON, clock.now)["blocked_by"] == \
            {"seq": 5, "status": "rejected", "since": "2024-08-31T23:00:00.000Z"}


def test_all_of_a_journal_may_go_and_seq_carries_on_from_the_anchor(tmp_path):
    clock = FakeClock(now=at(2023, 10, 2))
    with Journal.in_state_dir(tmp_path, clock) as j:
        for i in range(3):
            j.append(f"t{i}", "sale", sale(i))
        ack(j)
        clock.now = at(2025, 1, 10, 2)
        r = RetentionJob(JournalConfig(retention_school_years=1), LONDON, clock).run_if_due(j)
        assert r is not None and r.dropped == 3
        assert j.count() == 0 and j.last_seq() == 3 and j.verify().ok
        assert j.pending(0, 10) == [] and j.oldest_pending() is None
    with Journal.in_state_dir(tmp_path, clock) as j:  # a new connection: head from the anchor
        e, _ = j.append("t3", "sale", sale(3))
        assert e.seq == 4 and j.verify().ok and [p.seq for p in j.pending(0, 10)] == [4]


def test_who_chose_a_pupil_by_name_leaves_with_the_sales_of_that_time(tmp_path):
    clock = FakeClock(now=at(2023, 10, 2))
    with Journal.in_state_dir(tmp_path, clock) as j:
        j.record_name_choice("c-old", "P001", "kiosk")
        j.acknowledge("a-old", "allergen", "P001", {}, "kiosk")
        j.append("t0", "sale", sale(0))
        ack(j)
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            j._db.execute("DELETE FROM name_choices")  # not before a drop's cutoff
        clock.now = at(2025, 1, 10, 2)
        j.record_name_choice("c-new", "P002", "kiosk")
        r = RetentionJob(JournalConfig(retention_school_years=1), LONDON, clock).run_if_due(j)
        assert r is not None and r.dropped == 1
        assert [c["choice_id"] for c in j.name_choices()] == ["c-new"]
        assert j.acknowledgements() == []


def test_no_drop_during_service_or_with_an_unsynchronised_clock(tmp_path):
    clock = FakeClock(now=at(2023, 10, 2))
    job = RetentionJob(JournalConfig(retention_school_years=1), LONDON, clock)
    with Journal.in_state_dir(tmp_path, clock) as j:
        j.append("old", "sale", sale(0))
        ack(j)
        clock.now = at(2025, 1, 10, 2)
        j.append("night", "sale", sale(1))  # a sale at 02:00
        clock.now += 29 * 60
        assert "30 minutes" in job.not_due(j, clock.now)
        clock.now += 2 * 60
        clock.is_synced = False
        assert "not synchronised" in job.not_due(j, clock.now)
        clock.is_synced = True
        assert job.not_due(j, clock.now) == ""
        off = RetentionJob(JournalConfig(retention_school_years=0), LONDON, clock)
        assert "off" in off.not_due(j, clock.now)


def test_a_journal_of_the_previous_schema_migrates_verifies_and_can_then_be_pruned(tmp_path):
    from agent.journal.schema import STEPS
    from agent.journal.store import GENESIS_HASH, canonical_json, chain_hash
    from sync.migrations import MigrationSet

    # Schema 3, as the previous agent left it: five sales, the hub took them.
    db = sqlite3.connect(tmp_path / "journal.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    MigrationSet("journal", STEPS[:3]).migrate(db)
    prev = GENESIS_HASH
    for seq in range(1, 6):
        payload = canonical_json({**sale(seq), "id": f"t{seq}", "kind": "sale", "seq": seq})
        h = chain_hash(prev, payload, seq, f"t{seq}")
        db.execute("INSERT INTO entries_with_capture (seq, id, kind, payload, wall_time, "
                   "clock_synced, boot_id, mono_ns, prev_hash, hash, capture_source, "
                   "capture_data, capture_text) VALUES (?, ?, 'sale', ?, "
                   "'2023-10-02T11:00:00.000Z', 1, 'b', 1, ?, ?, 'printer', x'1b40', '[]')",
                   (seq, f"t{seq}", payload, prev, h))
        db.execute("INSERT INTO sync_state VALUES (?, ?, 'accepted', '', "
                   "'2023-10-02T12:00:00.000Z')", (seq, f"t{seq}"))
        prev = h
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    db.close()
    clock = FakeClock(now=at(2025, 1, 10, 2))
    # `agent status` between the upgrade and the agent's restart reads it as it is.
    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        assert j.verify().ok and j.pending_count() == 0 and j.last_seq() == 5
        assert retention_report(j, JournalConfig(), LONDON, clock.now)["anchor"] is None
    with Journal.in_state_dir(tmp_path, clock) as j:
        res = j.verify()
        assert res.ok and res.checked == 5 and res.anchor.seq == 0
        r = RetentionJob(JournalConfig(retention_school_years=1), LONDON, clock).run_if_due(j)
        assert r is not None and r.dropped == 5 and j.verify().ok
        clock.now = at(2025, 1, 10, 12)
        e, _ = j.append("t6", "sale", sale(6))
        assert e.seq == 6 and e.prev_hash == prev and j.verify().ok


def held(i: int) -> dict:
    """A sale whose printed account contradicts the card: held for review."""
    return {**sale(i), "flags": ["account_mismatch"]}


def test_a_sale_held_for_review_stays_but_no_longer_holds_back_the_sales_around_it(tmp_path):
    clock = FakeClock(now=at(2023, 9, 4))
    settings = JournalConfig(retention_school_years=1)
    with Journal.in_state_dir(tmp_path, clock) as j:
        for i in range(10):  # September 2023; the third is held for review
            clock.now = at(2023, 9, 4 + i)
            j.append(f"t{i}", "sale", held(i) if i == 2 else sale(i),
                     capture=Capture(0, "printer", b"\x1b@MEAL\n"))
        ack(j)
        clock.now = at(2024, 10, 1)
        j.append("young", "sale", sale(10))
        ack(j)
        clock.now = at(2025, 1, 10, 2)
        r = RetentionJob(settings, LONDON, clock).run_if_due(j)
        assert r is not None and (r.dropped, r.kept, r.blocked_by) == (9, 1, None)
        assert [e.id for e in j.entries()] == ["t2", "young"]
        assert j.capture(3).data == b"\x1b@MEAL\n" and j.sync_status_map()[3] == "accepted"
        res = j.verify()
        assert res.ok and (res.checked, res.kept, res.anchor.seq) == (1, 1, 10)
        report = retention_report(j, settings, LONDON, clock.now)
        assert (report["kept_for_review"], report["blocked_by"], report["due"]) == (1, None, 0)
        assert "1 held for review kept past the retention" in describe(report)
        # The database refuses to delete it, however asked.
        with pytest.raises(sqlite3.IntegrityError, match="only acknowledged entries"):
            j._db.execute("DELETE FROM entries WHERE seq = 3")
        # The till goes on: the next seq after the anchor's, on this connection and a new one.
        clock.now = at(2025, 1, 10, 12)
        assert j.append("t11", "sale", sale(11))[0].seq == 12
    with Journal.in_state_dir(tmp_path, clock) as j:
        assert j.append("t12", "sale", sale(12))[0].seq == 13 and j.verify().ok


def a_year_past_a_held_sale(j: Journal, clock: FakeClock):
    """Three sales, the second held for review, the others acknowledged; the
    next school year's retention run, a year on: what it did."""
    for i in range(3):
        j.append(f"t{i}", "sale", held(i) if i == 1 else sale(i))
    ack(j)
    clock.now = at(2025, 1, 10, 2)
    return RetentionJob(JournalConfig(retention_school_years=1), LONDON, clock).run_if_due(j)


def test_a_journal_from_before_two_pupils_slips_were_held_keeps_them_past_retention(
        tmp_path, monkeypatch):
    from agent.journal.schema import STEPS
    from sync.contract import REVIEW_FLAGS
    from sync.migrations import MigrationSet

    clock = FakeClock(now=at(2023, 10, 2))
    # The agent before hold26 wrote this file (schema 9): a sale of each kind.
    with monkeypatch.context() as old_agent:
        old_agent.setattr("agent.journal.store.JOURNAL_MIGRATIONS",
                          MigrationSet("journal", STEPS[:9]))
        with Journal.in_state_dir(tmp_path, clock) as old:
            old.append("before", "sale", sale(0))
    with Journal.in_state_dir(tmp_path, clock) as j:  # opening migrates
        # Every review flag, the two pupils' slip's among them, held the same way.
        for i, flag in enumerate(REVIEW_FLAGS, 1):
            j.append(f"held-{flag}", "sale", {**sale(i), "flags": ["unread_account", flag]})
        j.append("after", "sale", sale(9))
        ack(j)
        clock.now = at(2025, 1, 10, 2)
        r = RetentionJob(JournalConfig(retention_school_years=1), LONDON, clock).run_if_due(j)
        assert r is not None and (r.dropped, r.kept) == (2, len(REVIEW_FLAGS))
        assert [e.id for e in j.entries()] == [f"held-{f}" for f in REVIEW_FLAGS]
        assert j.verify().ok
        for seq in range(2, 2 + len(REVIEW_FLAGS)):  # the file itself refuses, however asked
            with pytest.raises(sqlite3.IntegrityError, match="only acknowledged entries"):
                j._db.execute("DELETE FROM entries WHERE seq = ?", (seq,))


def test_with_only_held_sales_left_the_next_seq_still_counts_on_from_the_anchor(tmp_path):
    clock = FakeClock(now=at(2023, 10, 2))
    with Journal.in_state_dir(tmp_path, clock) as j:
        r = a_year_past_a_held_sale(j, clock)
        assert r is not None and (r.dropped, r.kept) == (2, 1)
        assert j.count() == 1 and j.last_seq() == 3 and j.verify().ok
    with Journal.in_state_dir(tmp_path, clock) as j:  # the head from the anchor, not seq 2
        e, _ = j.append("t3", "sale", sale(3))
        assert e.seq == 4 and e.prev_hash == j.anchor().hash and j.verify().ok
        assert [p.seq for p in j.pending(0, 10)] == [4]


def test_a_kept_sale_edited_behind_the_triggers_back_fails_verify(tmp_path):
    from agent.journal.store import chain_hash

    clock = FakeClock(now=at(2023, 10, 2))
    with Journal.in_state_dir(tmp_path, clock) as j:
        a_year_past_a_held_sale(j, clock)
        e = j.get_seq(2)
        forged = e.payload.replace('"total_pence":240', '"total_pence":1')
        db = sqlite3.connect(j.path, isolation_level=None)
        db.execute("DROP TRIGGER entries_no_update")
        # Its hash recomputed too: nothing after it links to it any more.
        db.execute("UPDATE entries SET payload = ?, hash = ? WHERE seq = 2",
                   (forged, chain_hash(e.prev_hash, forged, 2, e.id)))
        db.close()
        res = j.verify()
        assert not res.ok and res.first_bad_seq == 2
        assert res.problem == "hash differs from the one recorded when retention kept it " \
            "(kept for review)"


def test_a_kept_sale_deleted_behind_the_triggers_back_fails_verify(tmp_path):
    clock = FakeClock(now=at(2023, 10, 2))
    with Journal.in_state_dir(tmp_path, clock) as j:
        a_year_past_a_held_sale(j, clock)
        assert j.verify().kept == 1
        db = sqlite3.connect(j.path, isolation_level=None)  # foreign keys off, as by default
        db.execute("DROP TRIGGER entries_no_delete")
        db.execute("DELETE FROM entries WHERE seq = 2")
        db.close()
        res = j.verify()
        assert not res.ok and res.first_bad_seq == 2
        assert res.problem == "kept for review, but its entry is gone"


def test_over_years_nothing_unsynced_rejected_or_held_is_ever_deleted(tmp_path):
    rng = random.Random(7)
    clock = FakeClock(now=at(2022, 9, 5))
    job = RetentionJob(JournalConfig(retention_school_years=1), LONDON, clock)
    must_stay: set[str] = set()
    dropped = 0
    with Journal.in_state_dir(tmp_path, clock) as j:
        for year in (2022, 2023, 2024, 2025):
            for n in range(120):
                clock.now = at(year, 9, 5) + n * 86400 * 2
                kind = rng.choices(["ok", "held", "pending", "rejected"], [90, 6, 2, 2])[0]
                e, _ = j.append(f"{year}-{n}", "sale", held(n) if kind == "held" else sale(n))
                if kind != "pending":
                    status = "rejected" if kind == "rejected" else "accepted"
                    j.record_outcomes([PushOutcome(e.seq, e.id, status)], clock.now)
                if kind != "ok":
                    must_stay.add(e.id)
            clock.now = at(year + 1, 8, 20, 2)
            before = {e.id for e in j.entries()}
            r = job.run_if_due(j)
            after = {e.id for e in j.entries()}
            assert r is not None and must_stay <= after and after <= before
            assert len(before) - len(after) == r.dropped and j.verify().ok
            dropped += r.dropped
        assert j.verify().kept > 0 and dropped > 0


def test_who_decided_a_kept_sale_stays_with_it_past_the_drop(tmp_path):
    """A card named P0002 but the receipt printed P0001's account: held for
    review. The person who chose P0002 by name, and who acknowledged the
    allergen banner, stay as long as the sale; a synced sale's go as before."""
    clock = FakeClock(now=at(2023, 10, 2, 11, 0))
    with Journal.in_state_dir(tmp_path, clock) as j:
        j.record_name_choice("c-synced", "P0003", "till-1 display")
        j.acknowledge("a-synced", "allergen", "P0003", {"allergens": ["milk"]}, "till-1 display")
        j.append("synced", "sale", sale(3))
        clock.now = at(2023, 10, 2, 12, 0)
        j.record_name_choice("c-kept", "P0002", "till-1 display")
        j.acknowledge("a-kept", "allergen", "P0002", {"allergens": ["egg"]}, "till-1 display")
        clock.now += 40
        j.append("mismatch", "sale", {**held(1), "identified_at_till": {
            "pupil_id": "P0002", "identified_by": "name"}})
        clock.now = at(2023, 10, 3, 12, 0)  # the next day: not that sale's decision
        j.record_name_choice("c-next-day", "P0002", "till-1 display")
        ack(j)
        clock.now = at(2025, 1, 10, 2)
        r = RetentionJob(JournalConfig(retention_school_years=1), LONDON, clock).run_if_due(j)
        assert r is not None and (r.dropped, r.kept) == (1, 1)
        assert [e.id for e in j.entries()] == ["mismatch"]
        assert [(c["choice_id"], c["by"]) for c in j.name_choices()] == [
            ("c-kept", "till-1 display")]
        assert [(a["ack_id"], a["detail"]) for a in j.acknowledgements()] == [
            ("a-kept", {"allergens": ["egg"]})]
        assert j.name_choices()[0]["wall_time"] == "2023-10-02T11:00:00.000Z"
        res = j.verify()
        assert res.ok and res.kept == 1
        # The database itself refuses to delete them while the sale is kept.
        for table in ("name_choices", "acknowledgements"):
            with pytest.raises(sqlite3.IntegrityError, match="not a kept sale.s, can go"):
                j._db.execute(f"DELETE FROM {table}")


def test_the_drop_and_step_7s_trigger_hold_one_rule_of_whose_decision_a_record_is(tmp_path):
    """Schema step 7's delete trigger is frozen with its migration, so the
    rule lives there and in the drop's SQL: the trigger's text carries the
    pieces the drop is built from, and at the window's edges the drop takes
    what the trigger lets go and leaves what it refuses."""
    from agent.journal.pruning import DECIDED_WITHIN, SALE_PUPILS, _moved

    assert DECIDED_WITHIN == "1 hours"
    clock = FakeClock(now=at(2023, 10, 2, 12, 0))
    with Journal.in_state_dir(tmp_path, clock) as j:
        for table in ("acknowledgements", "name_choices"):
            trigger = j._db.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                                    (f"{table}_no_delete",)).fetchone()[0]
            for piece in (*SALE_PUPILS, _moved("e.wall_time", "-"), _moved("e.wall_time", "+")):
                assert piece in trigger, (table, piece)
        j.append("synced", "sale", sale(3))  # a drop runs only when it takes an entry
        clock.now = at(2023, 10, 2, 11, 0) - 1  # just over the hour before the sale
        j.record_name_choice("c-outside", "P0002", "till-1 display")
        clock.now = at(2023, 10, 2, 11, 0) + 1  # just inside it
        j.record_name_choice("c-inside", "P0002", "till-1 display")
        clock.now = at(2023, 10, 2, 12, 0)
        j.append("mismatch", "sale", {**held(1), "identified_at_till": {
            "pupil_id": "P0002", "identified_by": "name"}})
        clock.now = at(2023, 10, 2, 13, 0) + 1  # just over the hour after it
        j.acknowledge("a-after", "allergen", "P0002", {"allergens": ["egg"]}, "till-1 display")
        ack(j)
        clock.now = at(2025, 1, 10, 2)
        r = RetentionJob(JournalConfig(retention_school_years=1), LONDON, clock).run_if_due(j)
        assert r is not None and (r.dropped, r.kept) == (1, 1)
        assert [c["choice_id"] for c in j.name_choices()] == ["c-inside"]
        assert j.acknowledgements() == []
        with pytest.raises(sqlite3.IntegrityError, match="not a kept sale.s, can go"):
            j._db.execute("DELETE FROM name_choices WHERE choice_id = 'c-inside'")
