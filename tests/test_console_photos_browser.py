"""The pupil's photo on the operator display, in a real browser (Playwright
driving Debian's Chromium): the agent pulls the roster and the photos from
the simulated hub over loopback HTTP with its own sync loop, a card tap shows
that pupil's photo (really rendered), a pupil without one shows the neutral
placeholder in the same place, and today's spend the hub reports counts
towards the daily limit. Screenshots go to tests/screenshots/."""

from __future__ import annotations

import dataclasses
import hashlib
import time
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from agent.runtime.loop_items import DeviceEvent
from agent.sale.pupil_lookup import ROSTER_INFO_TTL_S
from drivers.events import CardRead
from hwsim.hub import Hub
from hwsim.school import avatar_png
from sync.photos import PhotoStore
from sync.roster_store import RosterStore
from tests.console_support import AVA, BEN, CARA, FAST, TILL, console_config, shot
from tests.support import running_runtime, wait_for
from tests.sync_helpers import TOKEN, sync_cfg, token_file


@pytest.fixture
def agent(tmp_path):
    """A running agent that pulls Ava and Ben with photos, Cara without one,
    and Ava's spend today at another till (1.00), from the simulated hub."""
    today = datetime.now(UTC).date().isoformat()
    hub = Hub(token=TOKEN)
    refs = {p.id: hub.add_photo(avatar_png(p.display_name, n)) for n, p in enumerate((AVA, BEN))}
    for p in (AVA, BEN, CARA):
        d = {**p.to_json(), "deleted": False}
        if p.id in refs:
            d["photo"] = refs[p.id]
        if p is AVA:
            d |= {"spent_today_pence": 100, "spent_today_date": today}
        hub.upsert_pupil(d)
    hub.start("127.0.0.1", 0)
    cfg = dataclasses.replace(console_config(tmp_path),
                              sync=sync_cfg(hub.base_url, token_file(tmp_path)))
    try:
        with running_runtime(cfg, FAST) as rt:
            photos = PhotoStore.beside(RosterStore.in_state_dir(tmp_path).path)
            assert wait_for(lambda: all(photos.has(r["sha256"]) for r in refs.values()),
                            timeout=15), "the photos were not pulled"
            time.sleep(ROSTER_INFO_TTL_S + 0.1)  # the sale path's roster info, a second old
            yield rt, refs
    finally:
        hub.stop()
        hub.core.close()


def tap(rt, uid: str) -> None:
    rt.q.put(DeviceEvent(CardRead("till-reader", uid, time.time()), time.time()))


def open_display(browser, rt):
    page = browser.new_page(viewport=TILL)
    page.goto(rt.console.url + "display")
    expect(page.locator("#link")).to_have_text("Live")
    return page


def rendered_width(page) -> int:
    return page.evaluate("document.getElementById('photo').naturalWidth")


def test_a_card_tap_shows_that_pupils_photo_and_one_without_shows_the_placeholder(
        agent, browser):
    rt, refs = agent
    page = open_display(browser, rt)
    tap(rt, BEN.card_uids[0])
    expect(page.locator("#name")).to_have_text("Ben Okafor")
    expect(page.locator("body")).to_have_attribute("data-photo", "shown")
    photo = page.locator("#photo")
    expect(photo).to_be_visible()
    expect(page.locator("#photo-none")).to_be_hidden()
    assert rendered_width(page) > 0  # the image decoded and rendered
    src = photo.get_attribute("src")
    assert src == f"/display/photo/{refs[BEN.id]['sha256']}"  # Ben's, by hash
    assert BEN.id not in src
    name_box = page.locator("#name").bounding_box()
    shot(page, "display-pupil-photo-1024x600")

    tap(rt, CARA.card_uids[0])  # in the roster without a photo
    expect(page.locator("#name")).to_have_text("Cara Lindqvist")
    expect(page.locator("body")).to_have_attribute("data-photo", "none")
    expect(page.locator("#photo-none")).to_be_visible()
    expect(photo).to_be_hidden()  # no broken-image icon, and not Ben's photo
    assert photo.get_attribute("src") is None
    assert page.locator("#name").bounding_box()["x"] == name_box["x"]  # nothing jumped
    shot(page, "display-pupil-no-photo-1024x600")

    # The image itself: served by hash, not cached, the bytes the hub gave.
    resp = page.request.get(rt.console.url.rstrip("/") + src)
    assert resp.status == 200 and resp.headers["content-type"] == "image/png"
    assert resp.headers["cache-control"] == "no-store"
    assert hashlib.sha256(resp.body()).hexdigest() == refs[BEN.id]["sha256"]
    assert page.request.get(rt.console.url + "display/photo/" + "0" * 64).status == 404
    assert page.request.get(rt.console.url + "display/photo/..%2Froster.sqlite").status == 404
    page.close()


def test_the_hubs_spend_today_and_the_photo_on_the_allergen_banner(agent, browser):
    rt, _ = agent
    page = open_display(browser, rt)
    tap(rt, AVA.card_uids[0])  # limit 4.00, 1.00 spent today at another till
    expect(page.locator("#name")).to_have_text("Ava Thompson")
    expect(page.locator("#limit")).to_have_text("£3.00")
    expect(page.locator("#limit-note")).to_have_text("")
    expect(page.locator("body")).to_have_attribute("data-photo", "shown")
    assert rendered_width(page) > 0
    # The allergen banner shows the photo too: the right child in the queue.
    banner_photo = page.locator("#banner-photo")
    expect(banner_photo).to_be_visible()
    assert page.evaluate("document.getElementById('banner-photo').naturalWidth") > 0
    assert banner_photo.get_attribute("src") == page.locator("#photo").get_attribute("src")
    shot(page, "display-allergen-banner-photo-1024x600")
    page.close()
