"""The office's three answers at the top of Till checks (pure: from the till
queue's figures), in the continuity guidance's terms."""

from agent.console.office_view import OK, PROBLEM, STOPPED, lunch, waiting, who_to_call
from agent.journal.sync_summary import TillQueue

NOW = 1_796_644_800.0
READER = {"name": "door", "kind": "rdm6300", "connected": True}
PRINTER = {"mode": "tcp", "listening": True}


def queue(**kw) -> TillQueue:
    return TillQueue(**{"daemon_running": True, "hub_state": "online", **kw})


def test_lunch_goes_on_while_the_till_records_sales_even_without_the_provider():
    assert lunch(queue(hub_state="offline"), [READER], PRINTER).state == OK
    assert lunch(queue(), [READER], PRINTER).said == "Yes: the till is recording sales."


def test_a_till_that_records_nothing_means_the_paper_register():
    for q, printer in ((queue(daemon_running=False), PRINTER),
                       (queue(), {"mode": "tcp", "listening": False})):
        said = lunch(q, [READER], printer)
        assert said.state == STOPPED and "Serve with the paper register" in said.said


def test_a_reader_down_or_the_paper_out_is_serving_with_a_problem_said_in_words():
    said = lunch(queue(), [{**READER, "connected": False}],
                 {**PRINTER, "status": {"paper_out": True}})
    assert said.state == PROBLEM
    assert said.said == ("Yes, with a problem: the receipt printer says \u201cout of paper\u201d: "
                         "see to it at the till; the card reader \u201cdoor\u201d is not "
                         "working: use \u201cFind a pupil\u201d on the till's screen, and "
                         "check its cable.")


def test_nothing_waiting_says_when_the_provider_last_had_a_sale():
    said = waiting(queue(last_push_ok_at=NOW - 120), NOW)
    assert (said.state, said.said) == (OK, "No: the payment provider has every sale (last "
                                           "sent 2 min ago).")


def test_a_till_that_has_recorded_nothing_says_so_not_that_the_provider_has_every_sale():
    # (a paper-register morning: "has every sale" read as the meals all there)
    assert waiting(queue(), NOW) == waiting(queue(hub_state="offline"), NOW)
    assert (waiting(queue(), NOW).state, waiting(queue(), NOW).said) == (
        OK, "No: the till has recorded no sales yet.")


def test_with_a_sale_refused_nothing_waiting_never_says_the_provider_has_every_sale():
    # Acknowledged or not, a refused sale is one the provider does not have.
    said = waiting(queue(last_push_ok_at=NOW - 120, rejected=1, rejected_new=1), NOW)
    assert (said.state, said.said) == (
        PROBLEM, "No: nothing is left to send (last sent 2 min ago). 1 sale was refused by "
                 "the payment provider: see it on the Till queue page.")
    said = waiting(queue(last_push_ok_at=NOW - 120, rejected=1), NOW)
    assert (said.state, said.said) == (OK, "No: nothing is left to send (last sent 2 min "
                                           "ago).")


def test_a_till_not_set_up_to_send_sales_never_says_the_provider_has_them():
    said = waiting(queue(hub_state="disabled", pending=3), NOW)
    assert said.state == PROBLEM
    assert said.said == ("Nothing is sent: this till is not set up to send sales to the "
                         "payment provider (3 sales kept on the till). Call the till "
                         "supplier.")
    # None yet: no "(0 sales kept on the till)".
    assert waiting(queue(hub_state="disabled"), NOW).said == (
        "Nothing is sent: this till is not set up to send sales to the payment provider. "
        "Call the till supplier.")


def test_sales_waiting_in_an_outage_are_sent_by_the_till_not_adjusted_by_hand():
    said = waiting(queue(hub_state="offline", pending=23, oldest_pending_age_s=40 * 60), NOW)
    assert said.state == PROBLEM
    assert said.said.startswith("Yes: 23 sales waiting, the oldest recorded 40 min ago; the till "
                                "keeps them and sends them by itself once the payment "
                                "provider can be reached again.")
    assert "Do not adjust balances by hand" in said.said
    assert waiting(queue(pending=2, oldest_pending_age_s=3), NOW).state == OK  # sending now


def test_a_refused_sale_is_said_even_with_nothing_waiting():
    said = waiting(queue(rejected_new=1), NOW)
    assert said.state == PROBLEM and said.said.endswith(
        "1 sale was refused by the payment provider: see it on the Till queue page.")


def test_who_to_call_names_the_contacts_the_till_is_given():
    assert who_to_call("Acme Tills, 0161 496 0000", "ParentPay support, 02476 994820") == [
        "The till, its card readers, scanner or receipt printer, or this page: Acme Tills, "
        "0161 496 0000.",
        "Pupils' accounts, balances and payments: ParentPay support, 02476 994820."]
    assert "your till supplier" in who_to_call()[0]
