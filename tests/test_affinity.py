"""`agent run` keeps to one CPU (config `cpu`)."""

from __future__ import annotations

import os
import threading

import pytest

from agent.config import ConfigError, parse_config
from agent.runtime.affinity import BACKGROUND_NICE, background, choose, pin


def test_auto_takes_the_highest_cpu_when_there_is_a_choice():
    assert choose("auto", {0, 1, 2, 3}) == 3
    assert choose("AUTO", {0, 2}) == 2


def test_auto_leaves_a_single_cpu_alone():
    # systemd's CPUAffinity= (or a one-core Pi Zero) already decided.
    assert choose("auto", {2}) is None


def test_off_and_a_number():
    assert choose("off", {0, 1}) is None
    assert choose("1", {0, 1}) == 1


def test_a_cpu_the_process_may_not_use_is_refused_with_the_ones_it_may():
    with pytest.raises(ValueError, match=r"CPU 7 .* \(0, 1\)"):
        choose("7", {0, 1})
    with pytest.raises(ValueError, match="not 'auto', 'off'"):
        choose("fast", {0, 1})


def in_a_thread(fn):
    """Run ``fn`` in a fresh thread (affinity is per thread: the test
    process's own threads keep theirs) and return (result, its affinity)."""
    out = []
    t = threading.Thread(target=lambda: out.append((fn(), os.sched_getaffinity(0))))
    t.start()
    t.join()
    return out[0]


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs to choose from")
def test_pinning_keeps_the_thread_and_those_it_starts_on_one_cpu():
    top = max(os.sched_getaffinity(0))

    def pinned_then_child():
        cpu = pin("auto")
        child = in_a_thread(lambda: None)[1]
        return cpu, child

    (cpu, child), own = in_a_thread(pinned_then_child)
    assert cpu == top and own == {top} and child == {top}


def test_a_bad_cpu_setting_is_logged_and_the_agent_runs_anyway(caplog):
    cpu, own = in_a_thread(lambda: pin("999"))
    assert cpu is None and own == os.sched_getaffinity(0)
    assert "not pinning the agent" in caplog.text


def test_the_config_says_what_cpu_may_be():
    assert parse_config('cpu = "off"\n').cpu == "off"
    assert parse_config("").cpu == "auto"
    with pytest.raises(ConfigError, match="cpu: 'fastest' must be"):
        parse_config('cpu = "fastest"\n')


def nice_of(thread: threading.Thread) -> int:
    return os.getpriority(os.PRIO_PROCESS, thread.native_id)


def test_a_background_thread_runs_below_the_main_loop_and_only_it_does():
    base = os.getpriority(os.PRIO_PROCESS, os.getpid())
    seen = {}

    def worker():
        seen["lowered"] = background()
        me = threading.current_thread()
        seen["own"] = nice_of(me)
        # Threads it starts inherit its priority (Linux copies it at clone).
        seen["child"] = in_a_thread(lambda: nice_of(threading.current_thread()))[0]

    in_a_thread(worker)
    assert seen == {"lowered": True, "own": min(19, base + BACKGROUND_NICE),
                    "child": min(19, base + BACKGROUND_NICE)}
    assert nice_of(threading.current_thread()) == base  # the caller's own is untouched


def test_a_refused_priority_change_is_no_error(monkeypatch):
    # Under a seccomp filter that denies setpriority the kernel says EPERM.
    def refuse(*_args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "setpriority", refuse)
    assert in_a_thread(background)[0] is False
