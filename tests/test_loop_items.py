"""The runtime's main loop takes only its typed items: one of another kind
(the string-tagged tuples of before, say) is a counted, logged error and the
loop carries on; a card after it still identifies."""

from __future__ import annotations

import logging
import time

from agent.runtime.loop_items import DeviceEvent
from drivers.events import CardRead
from tests.console_support import FAST, console_config, school_roster
from tests.support import running_runtime, wait_for


def test_an_item_of_no_known_kind_is_counted_and_the_loop_goes_on(tmp_path, caplog):
    cfg = console_config(tmp_path)
    cfg.console.enabled = False
    school_roster(tmp_path)
    with caplog.at_level(logging.ERROR), running_runtime(cfg, FAST) as rt:
        now = time.time()
        rt.q.put(("device", CardRead("till-reader", "0B0B0B0B", now), now))
        rt.q.put(DeviceEvent(CardRead("till-reader", "0B0B0B0B", now), now))
        assert wait_for(lambda: rt.pipeline.counters["identifications"] == 1)
        assert rt.pipeline.counters["main_loop_errors"] == 1
    assert any("handling a tuple item failed" in r.getMessage() for r in caplog.records)
