"""The command line: status, journal verify and export, as a technician uses them."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys

from agent.cli import main
from agent.clock import FakeClock
from agent.journal.store import Journal
from sync.journal_port import PushOutcome


def _sale(pupil, total, occurred="2026-11-27T12:00:00.000Z"):
    return {"till_id": "till-1", "occurred_at": occurred, "clock_synced": True,
            "pupil_id": pupil, "identified_by": "card" if pupil else None, "receipt_no": "0042",
            "lines": [{"description": "Pasta bake", "quantity": 2, "amount_pence": total}],
            "total_pence": total, "tender": "account", "offline": True,
            "flags": ["offline_debt"]}


def _service(state):
    with Journal.in_state_dir(state, FakeClock()) as j:
        j.append("t1", "sale", _sale("P0001", 460, "2026-11-26T12:00:00.000Z"))
        j.append("t2", "sale", _sale("P0002", 230))
        j.append("t3", "sale", _sale(None, 230))
        j.record_outcomes([PushOutcome(1, "t1", "accepted"),
                           PushOutcome(2, "t2", "rejected", "invalid: pupil_id")], 0.0)


def test_help_lists_the_commands():
    out = subprocess.run([sys.executable, "-m", "agent", "--help"], capture_output=True,
                         text=True, check=True).stdout
    for name in ("status", "journal"):
        assert name in out


def test_status_on_a_fresh_state_dir_works_without_a_config(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("agent.config.DEFAULT_CONFIG_PATH", tmp_path / "absent.toml")
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    (tmp_path / "new").mkdir(mode=0o700)
    assert main(["status", "--state-dir", str(tmp_path / "new"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["journaled"] == 0 and data["pending"] == 0 and not data["daemon_running"]


def test_status_shows_the_till_queue(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    monkeypatch.setattr("agent.config.DEFAULT_CONFIG_PATH", tmp_path / "absent.toml")
    _service(tmp_path)
    assert main(["--state-dir", str(tmp_path), "status", "--json"]) == 0
    q = json.loads(capsys.readouterr().out)
    assert (q["journaled"], q["pending"], q["accepted"], q["rejected"]) == (3, 1, 1, 1)
    assert q["rejected_items"][0]["reason"] == "invalid: pupil_id"
    assert q["oldest_pending_age_s"] is not None
    assert main(["status", "--state-dir", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "pending sync      : 1" in text and "invalid: pupil_id" in text


def test_journal_verify_names_the_damaged_seq(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    _service(tmp_path)
    assert main(["journal", "verify", "--state-dir", str(tmp_path)]) == 0
    db = sqlite3.connect(tmp_path / "journal.sqlite")
    db.execute("DROP TRIGGER entries_no_update")
    db.execute("UPDATE entries SET payload = replace(payload, '230', '231') WHERE seq = 2")
    db.commit()
    db.close()
    assert main(["journal", "verify", "--state-dir", str(tmp_path)]) == 1
    assert "DAMAGED at seq 2" in capsys.readouterr().err


def test_export_for_manual_entry_as_csv_and_jsonl(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    _service(tmp_path)
    assert main(["journal", "export", "--format", "csv", "--state-dir", str(tmp_path)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["id"] for r in rows] == ["t1", "t2", "t3"]
    assert rows[0]["items"] == "2 x Pasta bake" and rows[0]["sync_status"] == "accepted"
    assert rows[2]["sync_status"] == "pending" and rows[2]["pupil_id"] == ""
    out = tmp_path / "since.jsonl"
    assert main(["journal", "export", "--format", "jsonl", "--since", "2026-11-27",
                 "--out", str(out), "--state-dir", str(tmp_path)]) == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["t2", "t3"] and lines[0]["sync_status"] == "rejected"


def test_a_damaged_journal_file_is_one_clear_error_and_left_untouched(tmp_path, capsys):
    junk = b"garbage" * 500
    (tmp_path / "journal.sqlite").write_bytes(junk)
    assert main(["journal", "verify", "--state-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "journal.sqlite" in err and "damaged" in err
    assert (tmp_path / "journal.sqlite").read_bytes() == junk
