"""The simulated hub, spoken to over real HTTP on 127.0.0.1 with httpx, the
way the agent will: the contract's push, roster and health, and every
fault it can be told to commit."""

from __future__ import annotations

import json
import re
import threading

import httpx
import pytest

from hwsim.hub_core import MAX_ITEMS
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
