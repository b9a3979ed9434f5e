"""The errors the agent records, as staff and the till supplier read them on
the console: what failed in words, the detail without a Python repr or a
temporary path (agent/console/error_words.py)."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from agent.console.doctor_run import checking_words
from agent.console.error_words import UNKNOWN, error_words, technician_detail
from agent.console.office_view import not_working, waiting_for

UNPLUGGED = ("FileNotFoundError: [Errno 2] serial port not present: "
             "'/tmp/till-agent-demo-j40m2lhn/rfid'")


def test_an_unplugged_reader_is_said_in_words_and_its_detail_has_no_repr_or_temp_path():
    said = error_words(UNPLUGGED)
    assert said is not None
    assert said.said == "Not found: unplugged, or on a different port than the settings say"
    assert said.detail == "serial port not present (errno 2)"


def test_each_common_failure_has_its_words_and_the_configured_device_path_stays():
    denied = error_words("PermissionError: [Errno 13] Permission denied: '/dev/ttyUSB0'")
    assert denied is not None and "not allowed to open it" in denied.said
    assert denied.detail == "Permission denied: '/dev/ttyUSB0' (errno 13)"  # not a temp path
    refused = error_words("httpx.ConnectError('[Errno 111] Connection refused')")
    assert refused is not None and refused.said.startswith("Refused the connection")
    assert refused.detail == "Connection refused (errno 111)"
    assert error_words("OSError: [Errno 5] Input/output error").said.startswith(  # type: ignore[union-attr]
        "Stopped answering")
    assert error_words("sqlite3.OperationalError: database is locked").detail == (  # type: ignore[union-attr]
        "database is locked")


def test_no_error_is_no_words_and_an_unknown_one_says_it_has_none():
    assert error_words(None) is None and error_words("") is None
    strange = error_words("internal error: KeyError")
    assert strange is not None and strange.said[:1] + strange.said[1:].lower() == (
        UNKNOWN[:1].upper() + UNKNOWN[1:])


paths = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-./", min_size=1, max_size=30)
roots = st.sampled_from([tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm"])
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=30)


@given(words, roots, paths, st.sampled_from(["'", '"', ""]), st.integers(0, 200))
def test_the_technicians_detail_never_holds_a_temporary_path_or_a_class_name(
        before, root, tail, quote, number):
    text = (f"{before} FileNotFoundError: [Errno {number}] {before}: "
            f"{quote}{root}/{tail}{quote}")
    detail = technician_detail(text)
    assert root + "/" not in detail
    assert "Error" not in detail and "[Errno" not in detail


def test_the_doctor_page_says_what_it_is_checking_now_in_words():
    assert checking_words(["host.ocr", "receipts.reading"]) == (
        "this computer (its files, disk and records) and how the till reads its receipts")
    assert checking_words(["hub.tls", "hub.health", "queue.pending"]) == (
        "the connection to the payment provider and the till queue")
    assert checking_words(["devices.readers"]) == "the card readers, scanner and receipt printer"


def test_the_cooks_screen_is_told_what_is_not_working_and_what_to_do_instead():
    devices = [{"name": "door", "kind": "rdm6300", "connected": False, "last_error": UNPLUGGED},
               {"name": "finger", "kind": "fingerprint", "connected": True},
               {"name": "new", "kind": "ascii", "connected": False}]  # still opening
    assert waiting_for(devices, {"mode": "tcp"}) == "Waiting for a card or finger\u2026"
    assert not_working(devices, {"mode": "tcp"}) == [
        "Card reader \u201cdoor\u201d is not working: use another reader, or Find a pupil "
        "by name."]
    assert not_working([], {"mode": "tcp", "listening": False})[0].startswith(
        "The receipt printer is not answering, so sales are not being recorded")
    assert not_working(devices[1:], {"mode": "tcp"}) == []
    # Since when, in the site's time; a fingerprint scanner's way instead is a card.
    now = datetime(2026, 12, 4, 12, 41, tzinfo=UTC).timestamp()
    later = [{**devices[0], "disconnected_since": now - 300},
             {"name": "finger", "kind": "fingerprint", "connected": False,
              "last_error": UNPLUGGED, "disconnected_since": now - 60}]
    assert not_working(later + devices[2:], {"mode": "tcp"}, UTC, now) == [
        "Card reader \u201cdoor\u201d not working since 12:36: use another reader, or Find a "
        "pupil by name.",
        "Fingerprint scanner \u201cfinger\u201d not working since 12:40: use a card, or Find a "
        "pupil by name."]
    # Neither reads: said once, with the way on that works (never another reader).
    assert not_working(later, {"mode": "tcp"}, UTC, now) == [
        "Card reader \u201cdoor\u201d not working since 12:36 and fingerprint scanner "
        "\u201cfinger\u201d not working since 12:40: use Find a pupil, or the paper register."]


def test_the_cooks_screen_never_invites_a_tap_that_cannot_work():
    door = {"name": "door", "kind": "rdm6300", "connected": False, "last_error": UNPLUGGED}
    finger = {"name": "finger", "kind": "fingerprint", "connected": True}
    # The only reader down: no "another reader", no "Waiting for a card".
    assert not_working([door], {"mode": "tcp"}) == [
        "Card reader \u201cdoor\u201d is not working: use Find a pupil, or the paper register."]
    assert waiting_for([door], {"mode": "tcp"}) == (
        "No card or finger can be read now: use Find a pupil (above) or the paper register.")
    # The scanner still reads: the way on is the finger.
    assert not_working([door, finger], {"mode": "tcp"})[0].endswith(
        "use the fingerprint scanner, or Find a pupil by name.")
    assert waiting_for([door, finger], {"mode": "tcp"}) == "Waiting for a finger\u2026"
    assert waiting_for([{**finger, "connected": False, "last_error": UNPLUGGED},
                        {**door, "connected": True}], {"mode": "tcp"}) == "Waiting for a card\u2026"
    # No receipt read, nothing recorded: the paper register, whatever reads cards.
    assert waiting_for([finger], {"mode": "tcp", "listening": False}) == (
        "Sales are not being recorded: serve with the paper register.")
    assert waiting_for([], {"mode": "tcp"}).startswith("No card reader or fingerprint scanner")
    assert waiting_for(None, {}) == "Waiting for a card or finger\u2026"  # not said yet
