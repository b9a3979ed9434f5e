"""Where a receipt was checked, said in the staff's words on the checked list
("at the till", "on Office PC"), with the technician's detail (the screen's
address) kept beside it: the journal's ``by`` written by ``checked_by`` and
read back by ``checked_where``."""

from __future__ import annotations

from agent.console.review_view import checked_by, checked_where


def test_the_tills_own_screen_is_at_the_till():
    by = checked_by("till-1", "127.0.0.1")
    assert by == "till till-1 console (127.0.0.1)"  # as journaled since the first check
    assert checked_where(by) == ("at the till", "till till-1 console, 127.0.0.1")


def test_a_paired_device_is_named_as_staff_named_it():
    by = checked_by("till-1", "10.0.0.5", "Office PC (Mrs Patel)")
    assert checked_where(by) == ("on Office PC (Mrs Patel)", "paired device, 10.0.0.5")


def test_a_check_recorded_in_another_shape_is_said_as_written():
    assert checked_where("office") == ("office", "")
