"""A pupil chosen by name on the display is identified like a card tap: the
same allergen banner, the same limit rules on the sale; the choice is a POST
with the page's CSRF token, and from this agent's own origin only. Real
sockets (httpx as the kiosk), a real printer tap and the hwsim till."""

from __future__ import annotations

import re
import time

import httpx

from agent.journal.store import Journal
from hwsim.printer import TcpPrinter
from hwsim.till import SaleSpec, compose, send_tcp
from tests.console_support import console_agent, console_config
from tests.support import wait_for


def kiosk(rt) -> tuple[httpx.Client, str]:
    base = rt.console.url.rstrip("/")
    c = httpx.Client(base_url=base, headers={"Origin": base}, timeout=5)
    token = re.search(r'name="csrf-token" content="([^"]+)"', c.get("/display").text)[1]
    return c, token


def sales(state_dir) -> list[dict]:
    with Journal.in_state_dir(state_dir, readonly=True) as j:
        return [e.transaction for e in j.entries()]


def test_a_name_choice_raises_the_allergen_banner_and_the_sale_keeps_the_pupils_limits(
        tmp_path):
    printer = TcpPrinter().start()
    try:
        cfg = console_config(tmp_path, "{}:{}".format(*printer.address))
        host, port = cfg.printer.listen.rsplit(":", 1)
        with console_agent(cfg) as rt:
            c, token = kiosk(rt)
            try:
                r = c.post("/display/choose", data={"csrf": token, "pupil": "P-0001"})
                assert r.json() == {"chosen": True}
                # Ava's allergens block the display until acknowledged, as on a tap.
                assert wait_for(lambda: [p["allergens"] for p in rt.console.ctx.feed
                                         .state()["pending"]] == [["peanut", "sesame"]])
                send_tcp(host, int(port), compose(SaleSpec(
                    [("Peanut cookie", 1, 120), ("Pizza slice", 1, 380)], tender="Account",
                    receipt_no="000301")))
                assert wait_for(lambda: len(sales(tmp_path)) == 1)
            finally:
                c.close()
        [sale] = sales(tmp_path)
        assert sale["pupil_id"] == "P-0001" and sale["identified_by"] == "name"
        # Her daily limit is £4.00 and a peanut cookie names her allergen.
        assert {"allergen_alert", "over_daily_limit"} <= set(sale["flags"])
    finally:
        printer.stop()


def test_a_choice_is_refused_without_the_token_from_another_origin_or_for_nobody(tmp_path):
    with console_agent(console_config(tmp_path)) as rt:
        c, token = kiosk(rt)
        try:
            assert c.post("/display/choose", data={"pupil": "P-0002"}).status_code == 403
            forged = c.post("/display/choose", data={"csrf": token, "pupil": "P-0002"},
                            headers={"Origin": "http://evil.example"})
            assert forged.status_code == 403
            nobody = c.post("/display/choose", data={"csrf": token, "pupil": "P-9999"})
            assert nobody.status_code == 404 and nobody.json()["chosen"] is False
        finally:
            c.close()
        time.sleep(0.3)  # a wrongly queued choice would have reached the pipeline by now
        assert rt.pipeline.counters["name_choices"] == 0
        with Journal.in_state_dir(tmp_path, readonly=True) as j:
            assert j.name_choices() == []
