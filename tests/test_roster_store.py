"""The roster cache on a real SQLite file: lookups by card and finger, whole
updates, deletions, errors kept visible, a damaged file named at open."""

from __future__ import annotations

import os
import threading

import pytest

from sync.contract import Pupil
from sync.roster_store import RosterError, RosterStore


def pupil(pid, cards=(), bios=(), balance=0, consent=True, name=None):
    return Pupil(id=pid, display_name=name or f"Pupil {pid}", year_group="Y5",
                 card_uids=tuple(cards), biometric_ids=tuple(bios), balance_pence=balance,
                 fsm=False, daily_limit_pence=None, debt_limit_pence=500, allergens=(),
                 biometric_consent=consent)


@pytest.fixture
def store(tmp_path):
    s = RosterStore.in_state_dir(tmp_path)
    yield s
    s.close()


def test_an_empty_cache_knows_nothing_and_says_it_was_never_pulled(store):
    info = store.info()
    assert (info.cursor, info.till_seq_applied, info.pulled_at, info.count) == (None, 0, None, 0)
    assert store.all() == [] and store.by_card("04A2") is None and store.get("P1") is None


def test_a_snapshot_is_looked_up_by_id_card_and_finger(store):
    store.apply([pupil("P1", ["04A2FF"], ["fp-1"], 300), pupil("P2", ["0B0B"])], [], "c1", 7,
                1000.0, True)
    assert store.get("P1").balance_pence == 300
    assert store.by_card("04a2ff").id == "P1"  # a reader writing lower case
    assert store.by_card("04:A2:FF").id == "P1"
    assert store.by_biometric("fp-1").id == "P1"
    assert store.by_biometric("fp-9") is None
    info = store.info()
    assert (info.cursor, info.till_seq_applied, info.pulled_at, info.count) == ("c1", 7, 1000.0, 2)


def test_a_pupil_without_consent_is_found_so_the_till_can_refuse_and_say_why(store):
    store.apply([pupil("P1", bios=["fp-1"], consent=False)], [], "c1", 0, 1.0, True)
    assert store.by_biometric("fp-1").biometric_consent is False


def test_changes_replace_pupils_remove_the_deleted_and_keep_the_rest(store):
    store.apply([pupil("P1", ["AA"], balance=100), pupil("P2", ["BB"]), pupil("P3", ["CC"])],
                [], "c1", 0, 1.0, True)
    store.apply([pupil("P1", ["AD"], balance=50)], ["P2"], "c2", 4, 2.0, False)
    assert store.get("P1").balance_pence == 50
    assert store.by_card("AA") is None and store.by_card("AD").id == "P1"
    assert store.get("P2") is None and store.by_card("BB") is None
    assert store.get("P3") is not None
    assert [p.id for p in store.all()] == ["P1", "P3"]
    assert store.info().count == 2 and store.info().cursor == "c2"


def test_a_new_snapshot_forgets_pupils_it_does_not_list(store):
    store.apply([pupil("P1", ["AA"]), pupil("P2")], [], "c1", 0, 1.0, True)
    store.apply([pupil("P2")], [], "c9", 0, 2.0, True)
    assert [p.id for p in store.all()] == ["P2"] and store.by_card("AA") is None


def test_a_card_reissued_to_another_pupil_moves(store):
    store.apply([pupil("P1", ["AA"]), pupil("P2")], [], "c1", 0, 1.0, True)
    store.apply([pupil("P2", ["AA"])], [], "c2", 0, 2.0, False)
    assert store.by_card("AA").id == "P2"


def test_an_update_that_fails_midway_leaves_the_previous_roster(store):
    store.apply([pupil("P1", balance=100)], [], "c1", 3, 1.0, True)

    def pupils():
        yield pupil("P1", balance=999)
        raise RuntimeError("connection lost while reading the pupils")

    with pytest.raises(RuntimeError):
        store.apply(pupils(), [], "c2", 9, 2.0, True)
    assert store.get("P1").balance_pence == 100
    assert store.info().cursor == "c1" and store.info().till_seq_applied == 3


def test_a_pull_error_is_visible_and_cleared_by_the_next_good_pull(store):
    store.apply([pupil("P1")], [], "c1", 0, 1.0, True)
    store.record_error("roster page 2: pupils[3].balance_pence: expected a whole number", 5.0)
    info = store.info()
    assert "balance_pence" in info.last_error and info.last_error_at == 5.0 and info.count == 1
    store.apply([], [], "c2", 0, 6.0, False)
    assert store.info().last_error == ""


def test_the_cache_survives_a_restart_and_is_private(tmp_path):
    with RosterStore.in_state_dir(tmp_path) as s:
        s.apply([pupil("P1", name="Zoë Ó Súilleabháin")], [], "c1", 2, 1.0, True)
    assert os.stat(tmp_path / "roster.sqlite").st_mode & 0o077 == 0
    with RosterStore.in_state_dir(tmp_path) as s:
        assert s.get("P1").display_name == "Zoë Ó Súilleabháin"
        assert s.info().till_seq_applied == 2


def test_a_damaged_file_is_named_at_open(tmp_path):
    (tmp_path / "roster.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(RosterError, match="roster.sqlite.*damaged"):
        RosterStore.in_state_dir(tmp_path)


def test_lookups_from_the_main_loop_see_a_whole_roster_while_the_sync_thread_applies(store):
    store.apply([pupil(f"P{i}", [f"{i:04X}"], balance=1) for i in range(300)], [], "c0", 0,
                1.0, True)
    seen_balances: set[int] = set()
    stop = threading.Event()
    errors: list[BaseException] = []

    def reader():
        try:
            while not stop.is_set():
                balances = {p.balance_pence for p in store.all()}
                # Every read sees one roster: never half of one and half of another.
                assert len(balances) == 1, balances
                seen_balances.update(balances)
                assert store.by_card("0007") is not None
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    t = threading.Thread(target=reader)
    t.start()
    try:
        for n in range(2, 12):
            store.apply([pupil(f"P{i}", [f"{i:04X}"], balance=n) for i in range(300)], [],
                        f"c{n}", 0, float(n), True)
    finally:
        stop.set()
        t.join(10)
    assert not errors, errors[0]
    assert store.get("P0").balance_pence == 11


# --- less to steal: cards as keyed hashes, only the fields the till uses ---------------


def card_forms_on_disk(uid: int) -> list[bytes]:
    """Every way a card number could sit in a file, raw."""
    h8, h10 = f"{uid & 0xFFFFFFFF:08X}", f"{uid:010X}"
    return [h8.encode(), h8.lower().encode(), h10.encode(), h10.lower().encode(),
            f"{uid & 0xFFFFFFFF:010d}".encode(), f"{uid & 0xFFFFFFFF}".encode(),
            bytes.fromhex(h8), bytes.fromhex(h10)]


def files_of(state) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(state.iterdir()) if p.is_file()
                    and p.name.startswith("roster.sqlite"))


def test_the_cache_holds_keyed_hashes_of_cards_never_the_numbers(tmp_path):
    uids = [0x1A_8C3F_52D7, 0x01_026F_6C3A]
    with RosterStore.in_state_dir(tmp_path) as s:
        s.apply([pupil("P1", [f"{uids[0]:010X}"], ["fp-9"]), pupil("P2", [f"{uids[1]:08X}"])],
                [], "c1", 0, 1.0, True)
        assert s.by_card(f"{uids[0]:010X}").id == "P1"
        assert s.get("P1").card_uids == () and s.get("P1").biometric_ids == ()
        disk = files_of(tmp_path)
        for uid in uids:
            for form in card_forms_on_disk(uid):
                assert form not in disk, form
    key = tmp_path / "roster.key"
    assert os.stat(key).st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32


def test_another_tills_key_makes_other_hashes_so_the_cache_is_useless_elsewhere(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        with RosterStore.in_state_dir(d) as s:
            s.apply([pupil("P1", ["026F6C3A"])], [], "c1", 0, 1.0, True)
    assert (a / "roster.key").read_bytes() != (b / "roster.key").read_bytes()
    hashes = [RosterStore.in_state_dir(d)._db().execute("SELECT key FROM cards").fetchall()
              for d in (a, b)]
    assert set(hashes[0]).isdisjoint(hashes[1])


def test_a_replaced_key_empties_the_cache_for_the_next_snapshot(tmp_path):
    with RosterStore.in_state_dir(tmp_path) as s:
        s.apply([pupil("P1", ["026F6C3A"])], [], "c1", 0, 1.0, True)
    (tmp_path / "roster.key").unlink()
    with RosterStore.in_state_dir(tmp_path) as s:
        assert s.by_card("026F6C3A") is None
        info = s.info()
        assert info.count == 0 and info.cursor is None and s.all() == []
    os.chmod(tmp_path / "roster.key", 0o644)
    with RosterStore.in_state_dir(tmp_path) as s, \
            pytest.raises(RosterError, match="roster.key: the roster key is readable by others"):
        s.by_card("026F6C3A")


def test_a_schema_1_cache_is_migrated_in_place_and_forgets_the_raw_numbers(tmp_path):
    import json
    import sqlite3

    db = sqlite3.connect(tmp_path / "roster.sqlite")
    db.executescript(
        "CREATE TABLE pupils (id TEXT PRIMARY KEY, data TEXT NOT NULL);"
        "CREATE TABLE cards (uid TEXT PRIMARY KEY, pupil_id TEXT NOT NULL);"
        "CREATE TABLE biometrics (match_id TEXT PRIMARY KEY, pupil_id TEXT NOT NULL);"
        "CREATE INDEX cards_pupil ON cards (pupil_id);"
        "CREATE INDEX biometrics_pupil ON biometrics (pupil_id);"
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
        "PRAGMA user_version = 1;")
    p1 = pupil("P1", ["1A8C3F52D7"], ["7"], balance=250).to_json()
    db.execute("INSERT INTO pupils VALUES ('P1', ?)", (json.dumps(p1),))
    db.execute("INSERT INTO cards VALUES ('1A8C3F52D7', 'P1')")
    db.execute("INSERT INTO biometrics VALUES ('7', 'P1')")
    db.executemany("INSERT INTO meta VALUES (?, ?)",
                   [("cursor", "c9"), ("pulled_at", "5.0"), ("count", "1")])
    db.commit()
    db.close()
    with RosterStore.in_state_dir(tmp_path) as s:
        # The till keeps its roster through the upgrade (an outage may last).
        assert s.by_card("8C3F52D7").id == "P1" and s.by_biometric("7").id == "P1"
        assert s.get("P1").balance_pence == 250
        info = s.info()
        assert (info.cursor, info.count, info.card_forms) == ("c9", 1, {"hex10": 1})
    disk = files_of(tmp_path)
    for form in card_forms_on_disk(0x1A_8C3F_52D7):
        assert form not in disk, form


def _rows_naming(path, pid: str) -> dict[str, int]:
    """Rows of every table of the cache file that name ``pid`` (in any column)."""
    import sqlite3

    db = sqlite3.connect(path)
    try:
        out = {}
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            where = " OR ".join(f"instr(CAST({c} AS TEXT), ?) > 0" for c in cols)
            n = db.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}",
                           [pid] * len(cols)).fetchone()[0]
            if n:
                out[table] = n
        return out
    finally:
        db.close()


@pytest.mark.parametrize("how", ["deleted in a change", "left out of a new snapshot"])
def test_a_pupil_off_the_hubs_roster_leaves_every_table_of_the_cache(tmp_path, how):
    """Retention of the roster (issue 17): the till keeps only pupils in the
    current roster; their cards, finger match ids and details all go."""
    s = RosterStore.in_state_dir(tmp_path)
    s.apply([pupil("P-LEAVER", ["AA11"], ["fp-leaver"]), pupil("P-STAYS", ["BB22"], ["fp-2"])],
            [], "c1", 0, 1.0, True)
    path = tmp_path / "roster.sqlite"
    assert set(_rows_naming(path, "P-LEAVER")) >= {"pupils", "cards", "biometrics"}
    if how == "deleted in a change":
        s.apply([], ["P-LEAVER"], "c2", 0, 2.0, False)
    else:
        s.apply([pupil("P-STAYS", ["BB22"], ["fp-2"])], [], "c2", 0, 2.0, True)
    assert s.get("P-LEAVER") is None and s.by_card("AA11") is None
    assert s.by_biometric("fp-leaver") is None
    assert _rows_naming(path, "P-LEAVER") == {}
    assert s.by_biometric("fp-2").id == "P-STAYS"
    s.close()
