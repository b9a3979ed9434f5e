"""Files written for staff (--out, --bundle): mode 0600 whatever the umask,
atomic (all or nothing, no temporary left behind), never through a link."""

from __future__ import annotations

import os

import pytest

from agent.cli import main
from agent.clock import FakeClock
from agent.journal.store import Journal
from agent.outfile import OutFileError, private_file, write_private
from sync.contract import Pupil
from sync.roster_store import RosterStore


@pytest.fixture
def loose_umask():
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.fixture
def till(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    RosterStore.in_state_dir(state).apply(
        [Pupil(id="P1", display_name="Ada Lovelace", year_group="Y4", card_uids=(),
               biometric_ids=(), balance_pence=0, fsm=False, daily_limit_pence=None,
               debt_limit_pence=500, allergens=(), biometric_consent=True)],
        [], "c1", 0, 1_795_000_000.0, True)
    with Journal.in_state_dir(state, FakeClock()) as j:
        j.append("t:1", "sale", {"till_id": "t", "occurred_at": "2026-11-30T12:00:00.000Z",
                                 "clock_synced": True, "pupil_id": "P1", "lines": [],
                                 "identified_by": "card", "receipt_no": None,
                                 "total_pence": 240, "tender": "account", "offline": False,
                                 "flags": []})
    return tmp_path, state


def commands(state, out):
    sd = ["--state-dir", str(state)]
    return {
        "register": ["register", "export", "--date", "2026-11-30", "--out", str(out), *sd],
        "journal": ["journal", "export", "--out", str(out), *sd],
        "bundle": ["doctor", "--check", "config", "--bundle", str(out), *sd],
    }


@pytest.mark.parametrize("which", ["register", "journal", "bundle"])
def test_every_out_file_is_private_even_with_a_loose_umask(till, loose_umask, which, capsys):
    tmp, state = till
    out = tmp / f"{which}.out"
    main(commands(state, out)[which])
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp.iterdir()) == sorted(
        ["state", f"{which}.out"])  # no temporary left beside it


@pytest.mark.parametrize("which", ["register", "journal", "bundle"])
def test_a_symlink_at_the_target_is_refused_and_its_file_untouched(till, which, capsys):
    tmp, state = till
    victim = tmp / "victim.txt"
    victim.write_text("precious\n")
    link = tmp / "out.csv"
    link.symlink_to(victim)
    assert main(commands(state, link)[which]) != 0
    err = capsys.readouterr().err
    assert "symbolic link" in err
    assert victim.read_text() == "precious\n" and link.is_symlink()


def test_an_existing_file_is_replaced_whole(till, capsys):
    tmp, state = till
    out = tmp / "register.csv"
    out.write_text("old\n" * 10_000)
    os.chmod(out, 0o644)
    assert main(commands(state, out)["register"]) == 0
    text = out.read_text()
    assert text.lstrip("\ufeff").startswith("date,pupil_id") and "old" not in text
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_failure_while_writing_leaves_the_previous_file_and_no_temporary(tmp_path):
    out = tmp_path / "export.csv"
    out.write_text("yesterday's export\n")
    with pytest.raises(RuntimeError), private_file(out) as f:
        f.write("half of today's")
        raise RuntimeError("disk pulled")
    assert out.read_text() == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_a_directory_at_the_target_is_refused(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(OutFileError, match="not a regular file"):
        write_private(tmp_path / "d", "x")


def test_a_missing_directory_is_an_os_error_not_a_traceback(till, capsys):
    tmp, state = till
    out = tmp / "no" / "such" / "dir" / "r.csv"
    assert main(commands(state, out)["register"]) == 1
    assert "cannot write" in capsys.readouterr().err
