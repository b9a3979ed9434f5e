"""The running agent reads a receipt printed as a picture: through the real
TCP printer tap, the sale is journaled at once and its reading later by the
OCR worker process, which ends with the agent."""

from __future__ import annotations

from hwsim.till import SaleSpec, compose, raster_layout, send_tcp
from tests.support import wait_for
from tests.test_runtime import entries, running, tap_config, till_address


def test_a_picture_receipt_through_the_tap_is_journaled_then_read(tmp_path, printer):
    cfg = tap_config(tmp_path / "state", printer)
    picture = SaleSpec([("Veggie curry", 1, 240), ("Water", 1, 40)], tender="Card",
                       receipt_no="004242")
    with running(cfg) as rt:
        assert send_tcp(*till_address(cfg), compose(picture, raster_layout(576, "B"))).printed
        assert wait_for(lambda: rt.pipeline.counters["journaled"] == 1)
        (sale,) = entries(cfg.state_path)
        assert "raster_only" in sale.transaction["flags"]
        assert sale.transaction["total_pence"] == 0
        assert wait_for(lambda: rt.pipeline.counters["journaled"] == 2, timeout=60)
        worker = rt.pipeline.ocr
        assert worker.alive
    sale, reading = entries(cfg.state_path)
    r = reading.transaction
    assert reading.id == sale.id + ".ocr"
    assert (r["total_pence"], r["tender"], r["receipt_no"]) == (280, "card", "004242")
    assert "ocr_reading" in r["flags"]
    assert not worker.alive  # stopped with the agent
