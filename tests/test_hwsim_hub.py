"""The simulated hub, spoken to over real HTTP on 127.0.0.1 with httpx, the
way the agent will: the contract's push, roster and health, and every
fault it can be told to commit."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hwsim.hub import Hub
from hwsim.hub_core import MAX_ITEMS, BadRequest, HubCore, TooLarge
from hwsim.school import generate_school

TOKEN = "secret-token"
TILL = "till-1"
PUSH = f"/v1/tills/{TILL}/transactions"
ROSTER = f"/v1/tills/{TILL}/roster"


def sale(seq: int, pupil: str | None = "P000001", total: int = 230, tender: str = "account",
         **kw) -> dict:
    t = {
        "id": f"{TILL}:{seq:08d}", "till_id": TILL, "seq": seq, "kind": "sale",
        "occurred_at": "2026-11-28T12:01:02.123Z", "clock_synced": True,
        "pupil_id": pupil, "identified_by": "card" if pupil else None,
        "receipt_no": f"{seq:06d}",
        "lines": [{"description": "Pasta bake", "quantity": 1, "amount_pence": total}],
        "total_pence": total, "tender": tender, "offline": False, "flags": [],
    }
    t.update(kw)
    return t


@pytest.fixture
def school() -> list[dict]:
    return generate_school(seed=3, pupils=20)


@pytest.fixture
def hub(school):
    h = Hub(roster=copy.deepcopy(school), token=TOKEN)
    h.start()
    yield h
    h.stop()
    h.core.close()
    assert h.requests.get("hub_errors", 0) == 0  # no test may hit a bug of the simulator's


@pytest.fixture
def client(hub):
    with httpx.Client(base_url=hub.base_url, headers={"Authorization": f"Bearer {TOKEN}"},
                      timeout=5.0) as c:
        yield c


def push(client: httpx.Client, *txns: dict) -> dict[str, dict]:
    r = client.post(PUSH, json={"transactions": list(txns)})
    assert r.status_code == 200, r.text
    return {res["id"]: res for res in r.json()["results"]}


def walk(client: httpx.Client, cursor: str | None = None) -> tuple[list[dict], str, int, int]:
    """Follow ``more`` to the end: (pupils, final cursor, till_seq_applied, pages)."""
    pupils, pages = [], 0
    while True:
        r = client.get(ROSTER, params={"cursor": cursor} if cursor is not None else None)
        assert r.status_code == 200, r.text
        page = r.json()
        pages += 1
        pupils += page["pupils"]
        cursor = page["cursor"]
        if not page["more"]:
            return pupils, cursor, page["till_seq_applied"], pages


# --- push ------------------------------------------------------------------------------


def test_a_sale_is_accepted_once_and_a_retry_is_a_duplicate(hub, client):
    first = push(client, sale(1), sale(2))
    assert [r["status"] for r in first.values()] == ["accepted", "accepted"]
    again = push(client, sale(2), sale(1), sale(3))
    assert {i: r["status"] for i, r in again.items()} == {
        sale(1)["id"]: "duplicate", sale(2)["id"]: "duplicate", sale(3)["id"]: "accepted"}
    ledger = hub.ledger(TILL)
    assert [row["seq"] for row in ledger] == [1, 2, 3]
    assert ledger[0] == sale(1)
    assert ledger[0]["content"] == sale(1)  # the stored content, as the e2e test reads it
    assert hub.requests["accepted"] == 3 and hub.requests["duplicate"] == 2
    assert hub.requests["items"] == 5 and hub.requests["transactions"] == 2


def test_key_order_and_whitespace_do_not_make_content_different(hub, client):
    push(client, sale(1))
    reordered = dict(reversed(list(sale(1).items())))
    body = json.dumps({"transactions": [reordered]}, indent=3).encode()
    r = client.post(PUSH, content=body, headers={"Content-Type": "application/json"})
    assert r.json()["results"][0]["status"] == "duplicate"


def test_same_id_different_content_is_a_conflict_and_the_original_stays(hub, client):
    push(client, sale(1, total=230))
    res = push(client, sale(1, total=999))[sale(1)["id"]]
    assert res["status"] == "rejected" and res["reason"] == "conflict"
    assert [row["total_pence"] for row in hub.ledger(TILL)] == [230]


def test_a_reused_seq_under_another_id_is_rejected(hub, client):
    push(client, sale(1))
    res = push(client, sale(1, id="other-id"))["other-id"]
    assert res["status"] == "rejected" and res["reason"].startswith("conflict")
    assert len(hub.ledger(TILL)) == 1


def test_unknown_fields_are_accepted_and_kept(hub, client):
    res = push(client, sale(1, loyalty_points=3))
    assert res[sale(1)["id"]]["status"] == "accepted"
    assert hub.ledger(TILL)[0]["loyalty_points"] == 3


INVALID = [
    ("id", {"id": ""}), ("id", {"id": "x" * 65}), ("id", {"id": "till 1/2"}),
    ("till_id", {"till_id": "another-till"}), ("till_id", {"till_id": None}),
    ("seq", {"seq": 0}), ("seq", {"seq": "3"}), ("seq", {"seq": True}), ("seq", {"seq": 1.5}),
    ("kind", {"kind": "gift"}),
    ("occurred_at", {"occurred_at": "2026-11-28T12:01:02Z"}),
    ("occurred_at", {"occurred_at": "2026-11-28T12:01:02.123+00:00"}),
    ("occurred_at", {"occurred_at": "2026-13-28T12:01:02.123Z"}),
    ("occurred_at", {"occurred_at": 1764331262}),
    ("clock_synced", {"clock_synced": "yes"}),
    ("pupil_id", {"pupil_id": 17}),
    ("identified_by", {"identified_by": "face"}),
    ("receipt_no", {"receipt_no": 42}),
    ("lines", {"lines": [{"description": "Pasta", "quantity": "1", "amount_pence": 230}]}),
    ("lines", {"lines": {"description": "Pasta"}}),
    ("total_pence", {"total_pence": 2.3}), ("total_pence", {"total_pence": None}),
    ("tender", {"tender": None}),
    ("offline", {"offline": 0}),
    ("flags", {"flags": "offline_debt"}), ("flags", {"flags": [1]}),
]


@pytest.mark.parametrize(("field", "change"), INVALID, ids=[f"{f}={v}" for f, v in INVALID])
def test_a_transaction_breaking_the_contract_is_rejected_naming_the_field(
        hub, client, field, change):
    txn = {**sale(5), **change}
    r = client.post(PUSH, json={"transactions": [txn, sale(6)]})
    assert r.status_code == 200
    results = r.json()["results"]
    assert results[0] == {"id": txn["id"], "status": "rejected", "reason": f"invalid: {field}"}
    assert results[1]["status"] == "accepted"
    assert [row["seq"] for row in hub.ledger(TILL)] == [6]


@pytest.mark.parametrize("field", ["seq", "kind", "occurred_at", "lines", "tender", "flags"])
def test_a_missing_field_is_invalid(client, field):
    txn = sale(1)
    del txn[field]
    assert push(client, txn)[txn["id"]]["reason"] == f"invalid: {field}"


def test_batch_limits_answer_413(hub, client):
    r = client.post(PUSH, json={"transactions": [sale(i) for i in range(1, MAX_ITEMS + 2)]})
    assert r.status_code == 413
    big = [sale(i, lines=[{"description": "x" * 5000, "quantity": 1, "amount_pence": 1}])
           for i in range(1, 300)]
    r = client.post(PUSH, json={"transactions": big})
    assert r.status_code == 413
    assert hub.ledger(TILL) == []
    # Exactly the limit is fine, and the connection is still usable after a 413.
    r = client.post(PUSH, json={"transactions": [sale(i) for i in range(1, MAX_ITEMS + 1)]})
    assert r.status_code == 200 and len(r.json()["results"]) == MAX_ITEMS


@pytest.mark.parametrize("body", [b"not json", b'{"transactions": {}}', b"[1, 2]",
                                  b'{"transactions": []}',
                                  b'{"transactions": [{"seq": 1}]}',
                                  b'{"transactions": [{"id": 7}]}', b"\xff\xfe"])
def test_a_malformed_request_is_400_and_nothing_is_stored(hub, client, body):
    r = client.post(PUSH, content=body)
    assert r.status_code == 400
    assert "error" in r.json()
    assert hub.ledger(TILL) == []


def test_a_chunked_body_is_read(hub, client):
    data = json.dumps({"transactions": [sale(1)]}).encode()
    r = client.post(PUSH, content=iter([data[:10], data[10:]]))
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "accepted"


def test_results_can_come_in_any_order(hub, client):
    hub.shuffle_results = True
    res = push(client, *[sale(i) for i in range(1, 51)])
    assert set(res) == {sale(i)["id"] for i in range(1, 51)}


def test_two_tills_keep_their_own_ledgers(hub, client):
    push(client, sale(1))
    other = dict(sale(1), id="till-2:00000001", till_id="till-2")
    r = client.post("/v1/tills/till-2/transactions", json={"transactions": [other]})
    assert r.json()["results"][0]["status"] == "accepted"
    assert [row["id"] for row in hub.ledger("till-2")] == ["till-2:00000001"]
    assert len(hub.ledger(TILL)) == 1 and len(hub.ledger()) == 2


def test_concurrent_retries_of_one_batch_store_each_sale_once(hub):
    batch = [sale(i) for i in range(1, 101)]
    statuses: list[str] = []
    lock = threading.Lock()

    def send():
        with httpx.Client(base_url=hub.base_url,
                          headers={"Authorization": f"Bearer {TOKEN}"}) as c:
            r = c.post(PUSH, json={"transactions": batch})
            with lock:
                statuses.extend(x["status"] for x in r.json()["results"])

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses.count("accepted") == 100 and statuses.count("duplicate") == 300
    assert len(hub.ledger(TILL)) == 100


# --- auth and health -------------------------------------------------------------------


def test_without_the_right_token_nothing_but_health_answers(hub):
    with httpx.Client(base_url=hub.base_url) as anon:
        assert anon.post(PUSH, json={"transactions": [sale(1)]}).status_code == 401
        assert anon.get(ROSTER).status_code == 401
        bad = {"Authorization": "Bearer nope"}
        assert anon.get(ROSTER, headers=bad).status_code == 401
        assert anon.get(ROSTER, headers={"Authorization": TOKEN}).status_code == 401
        assert anon.get("/v1/health").status_code == 200
    assert hub.ledger(TILL) == []
    assert hub.requests["unauthorized"] == 4 and hub.requests["status.401"] == 4
    assert hub.requests.get("items", 0) == 0


def test_a_new_token_revokes_the_old_one(hub, client):
    assert client.get(ROSTER).status_code == 200
    hub.set_token("rotated")
    assert client.get(ROSTER).status_code == 401
    assert client.get(ROSTER, headers={"Authorization": "Bearer rotated"}).status_code == 200


def test_health_reports_the_hub_time_with_an_optional_skew(hub, client):
    from datetime import datetime

    body = client.get("/v1/health").json()
    assert body["status"] == "ok"
    t0 = datetime.strptime(body["time"], "%Y-%m-%dT%H:%M:%S.%fZ")
    assert len(body["time"]) == 24
    hub.clock_offset_s = 3600
    t1 = datetime.strptime(client.get("/v1/health").json()["time"], "%Y-%m-%dT%H:%M:%S.%fZ")
    assert 3500 < (t1 - t0).total_seconds() < 3700


def test_bytes_that_are_not_http_get_an_error_and_the_hub_carries_on(hub, client):
    import socket

    for junk in (b"\x00\xff\x16\x03\x01garbage\r\n\r\n", b"GET\r\n\r\n",
                 b"POST /v1/tills/x/transactions HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                 b"POST /v1/tills/x/transactions HTTP/1.1\r\nAuthorization: Bearer "
                 + TOKEN.encode() + b"\r\nContent-Length: 9999\r\n\r\n{"):
        with socket.create_connection((hub.host, hub.port), timeout=5) as s:
            s.sendall(junk)
            s.shutdown(socket.SHUT_WR)  # then nothing more: a client that gave up
            reply = s.recv(4096)
        # Refused (a 4xx status line, or http.server's HTTP/0.9 error page).
        assert re.search(rb"\b4(00|01|11)\b", reply), reply[:80]
    assert client.get("/v1/health").status_code == 200
    assert hub.ledger() == []


def test_unknown_paths_and_wrong_methods(client):
    assert client.get("/v1/nothing").status_code == 404
    assert client.get(PUSH).status_code == 405
    assert client.post(ROSTER, json={}).status_code == 405


# --- roster ----------------------------------------------------------------------------


def test_a_snapshot_comes_in_pages_with_every_pupil_once(hub, client, school):
    hub.page_size = 7
    pupils, cursor, applied, pages = walk(client)
    assert pages == 3
    assert sorted(p["id"] for p in pupils) == sorted(p["id"] for p in school)
    assert pupils == sorted(school, key=lambda p: p["id"])  # every field as given
    assert applied == 0
    # Nothing changed since: the changes walk is one empty page.
    changed, cursor2, _, pages = walk(client, cursor)
    assert changed == [] and pages == 1


def test_changes_since_a_cursor_carry_edits_and_deletions(hub, client, school):
    _, cursor, _, _ = walk(client)
    edited = dict(school[3], display_name="Renamed Pupil", card_uids=["0A0B0C0D"])
    hub.upsert_pupil(edited)
    hub.upsert_pupil(dict(school[0], id="P999999", display_name="New Starter"))
    hub.delete_pupil(school[5]["id"])
    changed, cursor, _, _ = walk(client, cursor)
    by_id = {p["id"]: p for p in changed}
    assert set(by_id) == {school[3]["id"], "P999999", school[5]["id"]}
    assert by_id[school[3]["id"]]["card_uids"] == ["0A0B0C0D"]
    assert by_id[school[5]["id"]]["deleted"] is True
    assert by_id["P999999"]["deleted"] is False
    # A fresh snapshot no longer has the deleted pupil.
    snap, _, _, _ = walk(client)
    assert school[5]["id"] not in {p["id"] for p in snap}
    assert len(snap) == len(school)
    # Having seen them, the next walk is empty.
    assert walk(client, cursor)[0] == []


def test_a_walk_is_frozen_while_the_roster_changes_under_it(hub, client, school):
    hub.page_size = 5
    first = client.get(ROSTER).json()
    hub.delete_pupil(school[-1]["id"])  # a pupil the walk has not reached yet
    hub.upsert_pupil(dict(school[0], balance_pence=-1))
    pupils = list(first["pupils"])
    cursor = first["cursor"]
    while True:
        page = client.get(ROSTER, params={"cursor": cursor}).json()
        pupils += page["pupils"]
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert len(pupils) == len(school)  # the walk is what the hub held when it began
    changed, _, _, _ = walk(client, cursor)
    assert {p["id"] for p in changed} == {school[-1]["id"], school[0]["id"]}


def test_an_unknown_cursor_is_400_and_another_runs_cursor_resends_everything(hub, client):
    assert client.get(ROSTER, params={"cursor": "nonsense"}).status_code == 400
    assert client.get(ROSTER, params={"cursor": "wdeadbeef.5"}).status_code == 400
    hub.delete_pupil("P000002")
    pupils, _, _, _ = walk(client, "c00000000-5")
    assert len(pupils) == 20 and {p["id"] for p in pupils if p["deleted"]} == {"P000002"}


def test_account_sales_move_balances_and_till_seq_applied(hub, client, school):
    p1 = school[0]["id"]
    before = hub.pupil(p1)["balance_pence"]
    _, cursor, applied, _ = walk(client)
    assert applied == 0
    push(client, sale(1, p1, 230), sale(2, p1, 500, tender="cash"),
         sale(3, p1, -230, kind="refund"), sale(4, p1, 180))
    changed, cursor, applied, _ = walk(client, cursor)
    assert applied == 4
    assert [p["balance_pence"] for p in changed if p["id"] == p1] == [before - 180]
    assert hub.till_seq_applied(TILL) == 4


def test_fsm_sales_charge_only_above_the_days_free_meal(hub, client, school):
    p = school[1]["id"]
    before = hub.pupil(p)["balance_pence"]
    push(client, sale(1, p, 200, tender="fsm"), sale(2, p, 100, tender="fsm"))
    assert hub.pupil(p)["balance_pence"] == before - 60  # 240 a day is free
    push(client, sale(3, p, 200, tender="fsm", occurred_at="2026-11-29T12:00:00.000Z"))
    assert hub.pupil(p)["balance_pence"] == before - 60  # a new day, a new meal


def test_till_seq_applied_waits_for_a_gap_but_not_for_a_rejection(hub, client):
    push(client, sale(1), sale(3))
    assert hub.till_seq_applied(TILL) == 1  # seq 2 has not arrived: 3 is not "up to"
    res = push(client, sale(2, kind="gift"))
    assert res[sale(2)["id"]]["status"] == "rejected"
    assert hub.till_seq_applied(TILL) == 3  # a rejected seq will never come: no wait


def test_highest_mode_reports_the_highest_applied_seq_across_a_gap(hub, client):
    hub.seq_applied_mode = "highest"
    push(client, sale(1), sale(3))
    assert hub.till_seq_applied(TILL) == 3
    assert client.get(ROSTER).json()["till_seq_applied"] == 3
    with pytest.raises(ValueError):
        hub.seq_applied_mode = "latest"


def test_a_hub_behind_on_accounting_holds_till_seq_applied(hub, client, school):
    p1 = school[0]["id"]
    before = hub.pupil(p1)["balance_pence"]
    hub.pause_apply()
    push(client, sale(1, p1, 230))
    page = client.get(ROSTER).json()
    assert page["till_seq_applied"] == 0
    assert {p["id"]: p for p in page["pupils"]}[p1]["balance_pence"] == before
    hub.resume_apply()
    assert hub.till_seq_applied(TILL) == 1 and hub.pupil(p1)["balance_pence"] == before - 230


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
