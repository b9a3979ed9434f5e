"""The simulated hub, continued (tests/test_hwsim_hub.py has the push, auth,
health and roster): every fault it can be told to commit, going offline and
online, a retrying client under any faults, the sans-IO core against arbitrary
bodies, and ``python -m hwsim.hub`` by hand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hwsim.hub import Hub
from hwsim.hub_contract import BadRequest, TooLarge
from hwsim.hub_core import HubCore
from hwsim.school import generate_school
from tests.hwsim_hub_support import (
    PUSH,
    ROSTER,
    TILL,
    TOKEN,
    a_client,
    a_hub,
    push,
    sale,
    walk,
)


@pytest.fixture
def school() -> list[dict]:
    return generate_school(seed=3, pupils=20)


@pytest.fixture
def hub(school):
    yield from a_hub(school)


@pytest.fixture
def client(hub):
    yield from a_client(hub)


# --- faults ----------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "status"), [("http_500", 500), ("http_503", 503),
                                              ("http_429", 429), ("http_413", 413),
                                              ("http_401", 401), ("http_403", 403)])
def test_an_injected_status_stores_nothing_and_the_next_request_is_normal(
        hub, client, kind, status):
    hub.inject(kind, retry_after=7)
    r = client.post(PUSH, json={"transactions": [sale(1)]})
    assert r.status_code == status
    if kind in ("http_503", "http_429"):
        assert r.headers["Retry-After"] == "7"
    assert hub.ledger(TILL) == []
    assert push(client, sale(1))[sale(1)["id"]]["status"] == "accepted"
    assert hub.requests[f"fault.{kind}"] == 1


def test_drop_after_commit_stores_the_batch_but_never_answers(hub, client):
    hub.inject("drop_after_commit")
    with pytest.raises(httpx.TransportError):
        client.post(PUSH, json={"transactions": [sale(1), sale(2)]})
    assert len(hub.ledger(TILL)) == 2
    res = push(client, sale(1), sale(2), sale(3))  # the classic retry
    assert [r["status"] for r in res.values()] == ["duplicate", "duplicate", "accepted"]


def test_timeout_answers_after_the_clients_patience_has_run_out(hub):
    hub.inject("timeout", delay_s=0.3)
    with httpx.Client(base_url=hub.base_url, headers={"Authorization": f"Bearer {TOKEN}"},
                      timeout=httpx.Timeout(5.0, read=0.3)) as c:
        with pytest.raises(httpx.ReadTimeout):
            c.post(PUSH, json={"transactions": [sale(1)]})
        assert len(hub.ledger(TILL)) == 1  # committed before the silence
        r = c.post(PUSH, json={"transactions": [sale(1)]})
        assert r.json()["results"][0]["status"] == "duplicate"


def test_slow_answers_late_but_answers(hub, client):
    hub.inject("slow", delay_s=0.2)
    assert push(client, sale(1))[sale(1)["id"]]["status"] == "accepted"
    hub.inject("slow", delay_s=0.5)
    with httpx.Client(base_url=hub.base_url, headers={"Authorization": f"Bearer {TOKEN}"},
                      timeout=httpx.Timeout(5.0, read=0.1)) as c, \
            pytest.raises(httpx.ReadTimeout):
        c.get(ROSTER)


def test_reset_before_reading_stores_nothing(hub, client):
    hub.inject("reset")
    with pytest.raises(httpx.TransportError):
        client.post(PUSH, json={"transactions": [sale(1)]})
    assert hub.ledger(TILL) == []
    assert push(client, sale(1))[sale(1)["id"]]["status"] == "accepted"


def test_reset_mid_body_commits_and_cuts_the_answer(hub, client):
    hub.inject("reset_mid_body")
    with pytest.raises(httpx.TransportError):
        client.post(PUSH, json={"transactions": [sale(i) for i in range(1, 40)]})
    assert len(hub.ledger(TILL)) == 39


def test_partial_answers_a_subset_though_all_were_stored(hub, client):
    hub.inject("partial", keep=3)
    res = push(client, *[sale(i) for i in range(1, 11)])
    assert len(res) == 3
    assert len(hub.ledger(TILL)) == 10
    hub.inject("partial")  # default: half
    assert len(push(client, *[sale(i) for i in range(1, 11)])) == 5


@pytest.mark.parametrize("variant", ["not_json", "truncated", "wrong_shape", "wrong_ids",
                                     "extra_id", "bad_status"])
def test_garbage_is_a_200_that_does_not_say_what_the_contract_says(hub, client, variant):
    hub.inject("garbage", variant=variant)
    txns = [sale(1), sale(2)]
    r = client.post(PUSH, json={"transactions": txns})
    assert r.status_code == 200
    sent = {t["id"] for t in txns}
    try:
        body = r.json()
    except ValueError:
        body = None
    results = body.get("results") if isinstance(body, dict) else None
    well_formed = isinstance(results, list) and all(
        isinstance(x, dict) and x.get("id") in sent
        and x.get("status") in ("accepted", "duplicate", "rejected") for x in results)
    assert not (well_formed and {x["id"] for x in results} == sent)
    assert len(hub.ledger(TILL)) == 2  # committed: only the answer is nonsense


@pytest.mark.parametrize("variant", ["not_json", "wrong_shape", "bad_pupil", "missing_cursor"])
def test_a_garbage_page_in_the_middle_of_a_roster_walk(hub, client, variant):
    hub.page_size = 5
    hub.inject("garbage", path="roster", skip=1, variant=variant)
    first = client.get(ROSTER).json()
    assert first["more"] is True and len(first["pupils"]) == 5
    r = client.get(ROSTER, params={"cursor": first["cursor"]})
    assert r.status_code == 200
    if variant == "not_json":
        with pytest.raises(ValueError):
            r.json()
    elif variant == "bad_pupil":
        assert any(p.get("balance_pence") == "lots" for p in r.json()["pupils"])
    elif variant == "missing_cursor":
        assert "cursor" not in r.json()
    else:
        assert not isinstance(r.json()["pupils"], list)
    # The fault is spent: a fresh walk is whole.
    assert len(walk(client)[0]) == 20


def test_health_can_be_garbage_or_late_when_asked(hub, client):
    hub.inject("garbage", path="health")
    r = client.get("/v1/health")
    assert r.status_code == 200
    with pytest.raises(ValueError):
        r.json()
    hub.inject("drop_after_commit", path="health")
    with pytest.raises(httpx.TransportError):
        client.get("/v1/health")
    assert client.get("/v1/health").json()["status"] == "ok"


def test_faults_follow_their_path_filter_count_and_skip(hub, client):
    hub.inject("http_500", count=2, path="roster")
    assert push(client, sale(1))[sale(1)["id"]]["status"] == "accepted"  # not for pushes
    assert client.get("/v1/health").status_code == 200  # health only when asked
    assert client.get(ROSTER).status_code == 500
    assert client.get(ROSTER).status_code == 500
    assert client.get(ROSTER).status_code == 200
    hub.inject("http_503", path="health")
    assert client.get("/v1/health").status_code == 503
    hub.inject("http_500", skip=2)
    assert client.get(ROSTER).status_code == 200
    assert client.post(PUSH, json={"transactions": [sale(2)]}).status_code == 200
    assert client.get(ROSTER).status_code == 500
    assert hub.pending_faults == 0
    with pytest.raises(ValueError):
        hub.inject("meteor")


# --- offline and online ----------------------------------------------------------------


def test_offline_refuses_connections_and_online_comes_back_on_the_same_port(hub, client):
    push(client, sale(1))
    url = hub.base_url
    hub.go_offline()
    assert not hub.online
    with pytest.raises(httpx.TransportError):
        client.post(PUSH, json={"transactions": [sale(2)]})
    with httpx.Client(base_url=url) as fresh, pytest.raises(httpx.ConnectError):
        fresh.get("/v1/health")
    hub.go_online()
    assert hub.base_url == url
    res = push(client, sale(1), sale(2))
    assert [r["status"] for r in res.values()] == ["duplicate", "accepted"]
    assert len(hub.ledger(TILL)) == 2


def test_going_offline_cuts_an_open_keep_alive_connection(hub, client):
    assert client.get("/v1/health").status_code == 200  # the connection is now pooled
    hub.go_offline()
    with pytest.raises(httpx.TransportError):
        client.get("/v1/health")
    hub.go_online()
    assert client.get("/v1/health").status_code == 200


def test_a_ledger_file_keeps_ids_across_a_restart_of_the_hub(tmp_path, school):
    db = str(tmp_path / "hub.sqlite")
    with Hub(roster=school, token=TOKEN, db_path=db) as first, \
            httpx.Client(base_url=first.base_url,
                         headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        push(c, sale(1), sale(2))
        _, cursor, _, _ = walk(c)
    first.core.close()
    with Hub(roster=school, token=TOKEN, db_path=db) as second, \
            httpx.Client(base_url=second.base_url,
                         headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        res = push(c, sale(2), sale(3, total=1), sale(1, total=5))
        assert [r["status"] for r in res.values()] == ["duplicate", "accepted", "rejected"]
        assert second.till_seq_applied(TILL) == 3
        assert [row["seq"] for row in second.ledger(TILL)] == [1, 2, 3]
        # The old run's change cursor is not trusted: everything comes again.
        assert len(walk(c, cursor)[0]) == len(school)
    second.core.close()


_FAULT_PLANS = st.lists(st.tuples(
    st.sampled_from(["http_500", "http_503", "http_429", "http_413", "http_401",
                     "drop_after_commit", "reset", "reset_mid_body", "partial", "garbage",
                     "slow"]),
    st.integers(0, 3),  # skip
    st.sampled_from(["not_json", "truncated", "wrong_shape", "wrong_ids", "extra_id",
                     "bad_status"])), max_size=6)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=_FAULT_PLANS, n=st.integers(1, 40))
def test_under_any_faults_a_retrying_client_leaves_each_sale_stored_once(plan, n):
    """A plain client that resends until each id is acknowledged: whatever the
    hub does on the way, it ends with every sale stored exactly once, with
    its content, and nothing else."""
    txns = [sale(i, pupil=f"P{i % 5 + 1:06d}") for i in range(1, n + 1)]
    with Hub(roster=generate_school(seed=2, pupils=5), token=TOKEN) as hub, \
            httpx.Client(base_url=hub.base_url, headers={"Authorization": f"Bearer {TOKEN}"},
                         timeout=5.0) as c:
        for kind, skip, variant in plan:
            hub.inject(kind, path="transactions", skip=skip, variant=variant, delay_s=0.01,
                       keep=1)
        pending = {t["id"]: t for t in txns}
        for _ in range(200):
            if not pending:
                break
            batch = list(pending.values())[:7]
            try:
                r = c.post(PUSH, json={"transactions": batch})
                results = r.json()["results"] if r.status_code == 200 else []
                sent = {t["id"] for t in batch}
                for res in results:
                    if (isinstance(res, dict) and res.get("id") in sent
                            and res.get("status") in ("accepted", "duplicate")):
                        pending.pop(res["id"], None)
            except (httpx.TransportError, ValueError, TypeError, KeyError, AttributeError):
                pass  # nothing acknowledged: send again
        assert not pending
        ledger = hub.ledger(TILL)
        assert sorted(ledger, key=lambda t: t["seq"]) == txns
        assert hub.till_seq_applied(TILL) == n


# --- the sans-IO core against arbitrary bodies -----------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)
_FIELDS = sorted(sale(1))


@st.composite
def _txnish(draw) -> dict:
    """A valid sale with a few fields replaced by anything or removed (the
    id always a string: without one the batch is refused as a whole)."""
    txn = sale(draw(st.integers(1, 4)))
    for name in draw(st.lists(st.sampled_from(_FIELDS), max_size=3)):
        if draw(st.booleans()):
            txn[name] = draw(_json)
        else:
            txn.pop(name, None)
    if not isinstance(txn.get("id"), str):
        txn["id"] = draw(st.text(max_size=70))
    return txn


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_json, st.fixed_dictionaries({"transactions": st.lists(
    st.one_of(_txnish(), _txnish(), _json), max_size=5)})))
def test_the_core_answers_any_body_with_results_or_a_clear_refusal(payload):
    core = HubCore(generate_school(seed=1, pupils=3))
    try:
        results = core.push(TILL, payload)
    except (BadRequest, TooLarge):
        assert core.ledger() == []
        return
    assert len(results) == len(payload["transactions"])
    for r, t in zip(results, payload["transactions"], strict=True):
        assert r["id"] == t["id"]
        assert r["status"] in ("accepted", "duplicate", "rejected")
    assert len(core.ledger(TILL)) == sum(r["status"] == "accepted" for r in results)
    core.close()


# --- by hand ---------------------------------------------------------------------------


def test_python_m_hwsim_hub_serves_a_generated_school(tmp_path: Path):
    token_file = tmp_path / "token"
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.Popen(
        [sys.executable, "-m", "hwsim", "hub", "--port", "0", "--pupils", "12",
         "--token-file", str(token_file), "--page-size", "50"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        line = ""
        while "listening on" not in line:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
        url = line.split("listening on ")[1].split()[0]
        assert oct(token_file.stat().st_mode & 0o777) == "0o600"
        token = token_file.read_text().strip()
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as c:
            page = c.get(ROSTER).json()
        assert len(page["pupils"]) == 12 and page["more"] is False
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
