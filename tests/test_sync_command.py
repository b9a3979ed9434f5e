"""``agent sync`` by hand, through the real command line, against the
simulated hub over loopback: what a technician sees and the exit status."""

from __future__ import annotations

import io
import json

import pytest

from agent.cli import main
from agent.journal.store import Journal
from hwsim.school import generate_school
from sync.lock import DrainerLock
from sync.roster_store import RosterStore
from tests.sync_helpers import (
    TILL,
    TOKEN,
    assert_ledger_equals_journal,
    hub_fixture,
    journal_with,
    sale,
)

SCHOOL = generate_school(seed=11, pupils=30)
hub = hub_fixture(SCHOOL, page_size=10)


@pytest.fixture
def site(tmp_path, hub, monkeypatch):
    """A till's state directory with 12 journaled sales and its config file."""
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state = tmp_path / "state"
    journal_with(state, 12).close()
    tok = tmp_path / "token"
    tok.write_text(TOKEN + "\n")
    tok.chmod(0o600)
    cfg = tmp_path / "agent.toml"
    cfg.write_text(
        f'till_id = "{TILL}"\nstate_dir = "{state}"\n[sync]\nbase_url = "{hub.base_url}"\n'
        f'token_file = "{tok}"\nbatch_size = 5\nbackoff_initial_s = 0.02\n'
        "backoff_max_s = 0.05\nconnect_timeout_s = 1.0\nread_timeout_s = 2.0\n")
    return state, str(cfg), tok


def agent(cfg, *argv):
    return main(["sync", *argv, "--config", cfg])


def test_sync_pushes_the_queue_pulls_the_roster_and_says_so(site, hub, capsys):
    state, cfg, _ = site
    assert agent(cfg) == 0
    out = capsys.readouterr().out
    assert "12 waiting; the hub acknowledged 12: accepted 12, already at the hub 0, " \
        "rejected 0 (3 request(s))" in out
    assert "0 still waiting" in out and "snapshot in 3 page(s)" in out and "30 cached" in out
    with Journal.in_state_dir(state) as j:
        assert_ledger_equals_journal(hub, j)
        assert j.get_meta("sync.last_push_ok_at") and j.get_meta("sync.last_pull_ok_at")
    with RosterStore.in_state_dir(state) as r:
        assert r.info().count == 30
    # Again: nothing waits, the roster walk brings no changes.
    assert agent(cfg) == 0
    out = capsys.readouterr().out
    assert "nothing was waiting" in out and "changes in 1 page(s): 0 pupil(s)" in out


def test_json_output_for_machines(site, capsys):
    _, cfg, _ = site
    assert agent(cfg, "--push-only", "--json") == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["pending_before"], got["accepted"], got["pending_after"]) == (12, 12, 0)
    assert got["roster"] is None
    # Machines read these names: the same keys, the same figures, always.
    assert {k: v for k, v in got.items() if k not in ("attempted", "requests")} == {
        "till_id": TILL, "pending_before": 12, "pending_after": 0, "acknowledged": 12,
        "accepted": 12, "duplicate": 0, "rejected": 0, "rejected_items": [],
        "unanswered": 0, "roster": None, "errors": []}
    assert got["attempted"] == 12 and got["requests"] >= 1


def test_pull_only_leaves_the_queue_alone(site, hub, capsys):
    state, cfg, _ = site
    assert agent(cfg, "--pull-only") == 0
    assert hub.ledger(TILL) == []
    with RosterStore.in_state_dir(state) as r:
        assert r.info().count == 30


def test_while_the_daemon_holds_the_drainer_lock_it_says_so_and_exits_3(site, hub, capsys):
    state, cfg, _ = site
    with DrainerLock(state, who="agent daemon") as daemon:
        assert daemon.acquire()
        assert agent(cfg) == 3
    err = capsys.readouterr().err
    assert "agent daemon" in err and "drainer lock" in err
    assert hub.ledger(TILL) == []


def test_an_unreachable_hub_is_retried_then_reported_and_nothing_is_lost(site, hub, capsys):
    state, cfg, _ = site
    hub.go_offline()
    assert agent(cfg, "--push-only") == 1
    captured = capsys.readouterr()
    assert "refused" in captured.err and "12 still waiting" in captured.out
    # What the hub acknowledged, not what was put on the wire.
    assert "12 waiting; the hub acknowledged 0: accepted 0" in captured.out
    assert "sent" not in captured.out
    with Journal.in_state_dir(state) as j:
        assert j.pending_count() == 12 and j.attempts(1)[0] == 4  # retried with backoff
    assert agent(cfg, "--push-only", "--json") == 1
    got = json.loads(capsys.readouterr().out)
    assert got["acknowledged"] == 0 and got["attempted"] >= 12 and "sent" not in got


def test_a_hub_hiccup_is_ridden_out_by_the_retries(site, hub, capsys):
    state, cfg, _ = site
    hub.inject("http_503", count=2, path="transactions", retry_after=0)
    hub.inject("drop_after_commit", path="transactions", skip=2)
    assert agent(cfg, "--push-only") == 0
    assert "0 still waiting" in capsys.readouterr().out
    with Journal.in_state_dir(state) as j:
        assert_ledger_equals_journal(hub, j)


def test_a_rejected_sale_is_listed_with_its_reason_and_the_exit_is_1(site, hub, capsys):
    state, cfg, _ = site
    clash = sale(4)
    clash.update(id=f"{TILL}:4", kind="sale", seq=4, total_pence=1)
    hub.core.push(TILL, {"transactions": [clash]})
    assert agent(cfg, "--push-only") == 1
    out = capsys.readouterr().out
    assert "rejected 1" in out and f"rejected seq 4 {TILL}:4: conflict" in out
    assert "0 still waiting" in out


def test_a_wrong_token_names_the_setting(site, hub, capsys):
    _, cfg, tok = site
    tok.write_text("not-the-token\n")
    assert agent(cfg) == 1
    err = capsys.readouterr().err
    assert "sync.token_file" in err and "not-the-token" not in err


def test_no_hub_configured_is_a_config_error(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    assert main(["sync", "--state-dir", str(tmp_path)]) == 2
    assert "sync.base_url" in capsys.readouterr().err


def test_a_progress_bar_on_a_terminal(site, monkeypatch):
    _, cfg, _ = site

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term = Terminal()
    monkeypatch.setattr("sys.stderr", term)
    assert agent(cfg, "--push-only") == 0
    shown = term.getvalue()
    assert "pushing [" in shown and "12/12 acknowledged by the hub" in shown
    assert shown.endswith("\n")
