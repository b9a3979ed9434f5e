"""What the simulated hub's tests share: the till, its token and paths, a
contract sale, the hub and an httpx client on 127.0.0.1, and pushing and
walking the roster."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import httpx

from hwsim.hub import Hub

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



def a_hub(school: list[dict]) -> Iterator[Hub]:
    """The simulated hub serving ``school`` (the modules' ``hub`` fixture)."""
    h = Hub(roster=copy.deepcopy(school), token=TOKEN)
    h.start()
    yield h
    h.stop()
    h.core.close()
    assert h.requests.get("hub_errors", 0) == 0  # no test may hit a bug of the simulator's


def a_client(hub: Hub) -> Iterator[httpx.Client]:
    """An httpx client with the till's token (the modules' ``client`` fixture)."""
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
