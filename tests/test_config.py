"""The config file: validated at start, every problem reported at once."""

from __future__ import annotations

import pytest

from agent.cli import main
from agent.config import Config, ConfigError, load_config, parse_config

GOOD = """
till_id = "kitchen-2"
state_dir = "/var/lib/till-agent"

[sync]
base_url = "https://hub.example.org"
token_file = "/etc/till-agent/token"
batch_size = 100

[printer]
mode = "tcp"
listen = "0.0.0.0:9100"
allow_from = ["192.0.2.20"]
forward = "192.0.2.10:9100"
profile = "epson"

[[readers]]
name = "front-card"
kind = "rdm6300"
path = "/dev/serial/by-id/usb-rfid"

[[readers]]
name = "wedge"
kind = "keyboard"
vendor_product = "ffff:0035"
grab = false

[policy]
school = "secondary"
meal_price_pence = 250

[[receipt.templates]]
name = "brandx"
total = 'GRAND TOTAL\\s+(?P<amount>[\\d.]+)'
"""


def test_a_site_config_loads_into_typed_sections():
    cfg = parse_config(GOOD)
    assert cfg.till_id == "kitchen-2"
    assert cfg.sync.batch_size == 100 and cfg.sync.connect_timeout_s == 5.0
    assert cfg.printer.mode == "tcp" and cfg.printer.forward == "192.0.2.10:9100"
    assert [r.kind for r in cfg.readers] == ["rdm6300", "keyboard"]
    assert cfg.readers[1].grab is False
    assert cfg.policy.school == "secondary" and cfg.policy.fsm_value_pence == 240
    assert cfg.receipt.templates[0].name == "brandx"
    assert cfg.receipt.reprint_markers == ["REPRINT", "COPY", "DUPLICATE"]


def test_a_typo_gets_a_did_you_mean_and_every_problem_is_reported_at_once():
    text = GOOD.replace("batch_size", "batch_sise").replace('school = "secondary"',
                                                             'school = "secundary"')
    text = text.replace("grab = false", 'grab = "no"')
    with pytest.raises(ConfigError) as info:
        parse_config(text)
    problems = info.value.problems
    assert len(problems) == 3, problems
    assert any("sync.batch_sise" in p and "did you mean 'batch_size'" in p for p in problems)
    assert any("policy.school" in p and "did you mean 'secondary'" in p for p in problems)
    assert any("readers[1].grab" in p and "true or false" in p for p in problems)


def test_semantic_problems_name_their_keys():
    text = GOOD.replace('forward = "192.0.2.10:9100"', "").replace("batch_size = 100",
                                                                   "batch_size = 900")
    text = text.replace('till_id = "kitchen-2"', 'till_id = "kitchen 2!"')
    with pytest.raises(ConfigError) as info:
        parse_config(text)
    keys = {p.split(":")[0] for p in info.value.problems}
    assert keys == {"till_id", "sync.batch_size", "printer.forward"}


def test_the_hold_for_a_cut_off_receipts_re_send_is_a_setting_within_bounds():
    assert parse_config(GOOD).policy.resend_window_s == 15.0
    short = GOOD.replace("meal_price_pence = 250", "meal_price_pence = 250\nresend_window_s = 4")
    assert parse_config(short).policy.resend_window_s == 4.0
    for bad in ("0.5", "301", "-1"):
        with pytest.raises(ConfigError, match=r"policy.resend_window_s: 1 to 300 seconds"):
            parse_config(short.replace("resend_window_s = 4", f"resend_window_s = {bad}"))


def test_a_bad_regular_expression_in_a_template_is_caught_at_start():
    with pytest.raises(ConfigError, match=r"receipt.templates\[0\] \(.*\)\.total: bad regular"):
        parse_config(GOOD.replace("(?P<amount>", "(?P<amount"))


def test_broken_toml_is_one_clear_error():
    with pytest.raises(ConfigError, match="not valid TOML"):
        parse_config("till_id = ")


def test_secrets_are_masked_when_printed():
    cfg = parse_config(GOOD)
    masked = cfg.masked()
    assert masked["sync"]["base_url"] == "https://hub.example.org"
    assert "source" not in masked


def test_no_config_file_means_built_in_defaults(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    monkeypatch.setattr("agent.config.DEFAULT_CONFIG_PATH", tmp_path / "absent.toml")
    cfg = load_config(None, str(tmp_path / "state"))
    assert cfg == Config(state_dir=str(tmp_path / "state"))


def test_the_environment_names_the_config_and_it_must_exist(tmp_path, monkeypatch):
    monkeypatch.setenv("TILL_AGENT_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError, match="file not found"):
        load_config()
    path = tmp_path / "agent.toml"
    path.write_text(GOOD)
    monkeypatch.setenv("TILL_AGENT_CONFIG", str(path))
    assert load_config().till_id == "kitchen-2"
    assert load_config(None, "/tmp/elsewhere").state_dir == "/tmp/elsewhere"


def test_the_command_line_reports_a_broken_config_naming_the_file(tmp_path, capsys):
    path = tmp_path / "agent.toml"
    path.write_text("till_idd = 'x'\n")
    code = main(["status", "--config", str(path), "--state-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(path) in err and "till_idd" in err and "did you mean 'till_id'" in err


def test_a_printer_profile_or_code_page_the_decoder_does_not_know_is_caught_at_start():
    with pytest.raises(ConfigError) as err:
        parse_config('[printer]\nprofile = "epsom"\ncodepage = "cp999"\n')
    text = str(err.value)
    assert "printer.profile: 'epsom'" in text and "epson" in text
    assert "printer.codepage: 'cp999'" in text
    assert parse_config('[printer]\nprofile = "star"\ncodepage = "CP-858"\n').printer.profile \
        == "star"


def test_a_double_byte_printer_is_checked_at_start_with_the_rest():
    cfg = parse_config('[printer]\ndouble_byte = "GB18030"\ndouble_byte_at_power_on = true\n')
    assert (cfg.printer.double_byte, cfg.printer.double_byte_at_power_on) == ("GB18030", True)
    with pytest.raises(ConfigError) as err:
        parse_config('[printer]\ndouble_byte = "utf-16"\n')
    assert "printer.double_byte" in str(err.value) and "gb18030" in str(err.value)
    with pytest.raises(ConfigError) as err:
        parse_config('[printer]\ndouble_byte_at_power_on = true\n')
    assert "printer.double_byte_at_power_on: set printer.double_byte" in str(err.value)
