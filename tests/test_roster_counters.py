"""The roster cache's photo and field counters where a technician looks
(issue 14): `agent status` (text, and `roster_counters` in --json), the
doctor's `queue.roster_photos` under `queue.roster`, and the console's till
queue page. A real roster pull from the simulated hub over loopback HTTP,
with one photo the hub serves wrong and one pupil whose photo reference is
malformed; then the hub corrects both and the next pull says so."""

from __future__ import annotations

import hashlib
import json
import re
import time

import httpx
import pytest

from agent.cli import main
from agent.config import Config, ConsoleConfig
from hwsim.hub import Hub
from hwsim.school import add_photos, avatar_png, generate_school
from sync.client import HubClient
from sync.roster_pull import pull_roster
from sync.roster_store import RosterStore
from tests.console_support import FAST
from tests.support import running_runtime
from tests.sync_helpers import TILL, TOKEN, sync_cfg, token_file


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    pupils = generate_school(seed=21, pupils=30)
    images = add_photos(pupils, seed=21)
    hub = Hub(roster=pupils, token=TOKEN, photos=images, page_size=10)
    hub.start("127.0.0.1", 0)
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    cfg = tmp_path / "agent.toml"
    cfg.write_text(f'till_id = "{TILL}"\nstate_dir = "{state}"\n')
    client = HubClient(sync_cfg(hub.base_url, token_file(tmp_path)), TILL)
    try:
        yield hub, pupils, client, state, cfg
    finally:
        client.close()
        hub.stop()
        hub.core.close()


def pull(client, state, at: float):
    store = RosterStore.in_state_dir(state)
    try:
        return pull_roster(client, store, at)
    finally:
        store.close()


def cli(capsys, cfg, *argv) -> tuple[int, str]:
    capsys.readouterr()
    rc = main([*argv, "--config", str(cfg)])
    return rc, capsys.readouterr().out


def doctor_finding(capsys, cfg, name: str) -> dict:
    _rc, out = cli(capsys, cfg, "doctor", "--check", "queue", "--json")
    return next(f for f in json.loads(out)["checks"] if f["name"] == name)


def test_status_doctor_and_queue_page_show_photos_kept_failed_and_fields_rejected(
        world, capsys):
    hub, pupils, client, state, cfg = world
    with_photo = [p for p in pupils if p.get("photo")]
    bad, odd = with_photo[0], with_photo[1]
    good = avatar_png(bad["display_name"], 1)
    hub.upsert_pupil({**bad, "photo": hub.add_photo(b"GIF89a" + good[6:])})  # not an image
    hub.upsert_pupil({**odd, "photo": {"path": "not a path", "sha256": "x", "bytes": 1}})
    rep = pull(client, state, time.time())
    assert rep.photos_failed == 1 and rep.ignored == 1
    wanted = len(with_photo) - 1  # the malformed reference was left out: no photo wanted

    rc, out = cli(capsys, cfg, "status")
    assert rc == 0
    assert (f"  roster extras     : photos {wanted - 1} of {wanted} kept, 1 failed at the last "
            "pull (1 in all); fields rejected 1 at the last pull (1 in all)") in out
    _rc, out = cli(capsys, cfg, "status", "--json")
    status = json.loads(out)
    assert status["roster_counters"] == {
        "photos_wanted": wanted, "photos_cached": wanted - 1, "photos_failed_last_pull": 1,
        "photos_failed_total": 1, "fields_rejected_last_pull": 1, "fields_rejected_total": 1}
    assert status["roster_pupils"] == 30  # the keys before it are as they were
    f = doctor_finding(capsys, cfg, "queue.roster_photos")
    assert f["status"] == "warn"
    assert f["summary"].startswith(f"photos {wanted - 1} of {wanted} kept, 1 failed")
    # Nothing a technician reads names the pupil or the photo.
    for text in (out, json.dumps(f)):
        assert bad["display_name"] not in text and bad["id"] not in text

    # The hub corrects both: the next pull fetches the photo and takes the field.
    hub.upsert_pupil({**bad, "photo": hub.add_photo(good)})
    hub.upsert_pupil(odd)
    rep = pull(client, state, time.time())
    assert rep.photos_failed == 0 and rep.ignored == 0
    _rc, out = cli(capsys, cfg, "status", "--json")
    assert json.loads(out)["roster_counters"] == {
        "photos_wanted": wanted + 1, "photos_cached": wanted + 1, "photos_failed_last_pull": 0,
        "photos_failed_total": 1, "fields_rejected_last_pull": 0, "fields_rejected_total": 1}
    f = doctor_finding(capsys, cfg, "queue.roster_photos")
    assert f["status"] == "ok" and "0 failed at the last pull (1 in all)" in f["summary"]
    names = [x["name"] for x in json.loads(cli(capsys, cfg, "doctor", "--check", "queue",
                                                "--json")[1])["checks"]]
    assert names.index("queue.roster_photos") == names.index("queue.roster") + 1

    # One more failure, then the till queue page says it in plain words.
    hub.upsert_pupil({**bad, "photo": hub.add_photo(
        good, sha256=hashlib.sha256(b"another").hexdigest())})
    pull(client, state, time.time())
    console = Config(till_id=TILL, state_dir=str(state),
                     console=ConsoleConfig(enabled=True, listen="127.0.0.1:0"))
    with running_runtime(console, FAST) as rt:
        page = httpx.get(rt.console.url + "console", timeout=5).text
    dd = re.search(r'<dd id="roster-photos"[^>]*>(.*?)</dd>', page)[1]
    assert dd == (f"{wanted} of {wanted + 1} on this till; 1 could not be downloaded last "
                  "time (tried again at the next download)")
