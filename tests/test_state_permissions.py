"""The agent refuses, at start, a state directory or hub token that other
users could read or that belongs to another user, with one line saying the
command that fixes it; what it creates itself is private."""

from __future__ import annotations

import os

import pytest

from agent.cli import main
from agent.journal.store import Journal
from agent.runtime.state_dir import UnsafePermissions, check_token_file, prepare


@pytest.fixture
def till(tmp_path, monkeypatch):
    """A till with a hub configured (nothing listens: the refusal comes first)."""
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    token = tmp_path / "token"
    token.write_text("till-token\n")
    token.chmod(0o600)
    cfg = tmp_path / "agent.toml"
    cfg.write_text(f'till_id = "till-1"\nstate_dir = "{state}"\n[sync]\n'
                   f'base_url = "http://127.0.0.1:9"\ntoken_file = "{token}"\n'
                   "connect_timeout_s = 0.2\n[printer]\nmode = \"none\"\n")
    return state, token, str(cfg)


def refusal(capsys, *argv) -> str:
    """The one error line (the shutdown's own log lines aside)."""
    assert main([*argv]) == 1
    err = capsys.readouterr().err
    [line] = [ln for ln in err.splitlines() if " INFO " not in ln]
    assert line.startswith("error: ")
    return line


@pytest.mark.parametrize("command", [["run"], ["sync"]])
def test_a_state_directory_open_to_others_is_refused(till, capsys, command):
    state, _token, cfg = till
    state.chmod(0o755)
    err = refusal(capsys, *command, "--config", cfg)
    assert f"{state}: the state directory is open to other users (mode 0755)" in err
    assert f"run `chmod 700 {state}`" in err
    assert not (state / "journal.sqlite").exists()


@pytest.mark.parametrize("command", [["run"], ["sync"]])
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_a_token_others_can_read_is_refused(till, capsys, command, mode):
    state, token, cfg = till
    token.chmod(mode)
    err = refusal(capsys, *command, "--config", cfg)
    assert f"{token}: the hub token file is open to other users (mode {mode:04o})" in err
    assert f"run `chmod 600 {token}`" in err
    assert not (state / "journal.sqlite").exists()


def test_a_state_directory_of_another_user_is_refused(till, capsys, monkeypatch):
    state, _token, cfg = till
    # The agent's user is someone else than the directory's owner.
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(state).st_uid + 4242)
    err = refusal(capsys, "run", "--config", cfg)
    assert "the state directory belongs to" in err and "sudo chown -R" in err
    assert str(state) in err


def test_a_token_of_another_user_is_refused(till, monkeypatch):
    _state, token, _cfg = till
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(token).st_uid + 4242)
    with pytest.raises(UnsafePermissions, match="the hub token file belongs to"):
        check_token_file(token)


def test_importing_a_register_into_an_open_state_directory_is_refused(till, capsys, tmp_path):
    state, _token, cfg = till
    state.chmod(0o750)
    reg = tmp_path / "register.csv"
    reg.write_text("date,pupil_id,display_name,year_group,took_meal\n")
    err = refusal(capsys, "register", "import", str(reg), "--config", cfg)
    assert "chmod 700" in err


def test_what_the_agent_creates_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        prepare(tmp_path / "new" / "state")
        Journal(tmp_path / "other" / "journal.sqlite").close()
    finally:
        os.umask(old)
    assert (tmp_path / "new" / "state").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "other").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "other" / "journal.sqlite").stat().st_mode & 0o777 == 0o600


def test_a_missing_token_is_left_to_the_sync_and_a_private_one_passes(till):
    _state, token, _cfg = till
    check_token_file(token)
    check_token_file(token.parent / "absent")
    check_token_file("")
