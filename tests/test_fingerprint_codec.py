"""The fingerprint packet codec and session, sans-IO: known bytes from the
datasheet, round trips against hwsim's own encoder, any chunking, garbage,
checksum errors, the request/response cycle with its deadlines, and the
property that matters most: no template byte ever comes out."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.events import BiometricMatch, BiometricNoMatch, FrameRejected
from drivers.fingerprint import FingerprintSession
from drivers.fingerprint_packets import (
    Packet,
    PacketDecoder,
    Rejected,
    checksum,
    encode_packet,
    gen_img,
    img2tz,
    read_sys_para,
    search,
    vfy_pwd,
)
from hwsim.fingerprint import ModuleCore, frame

ADDR = 0xFFFFFFFF


def ack(code: int, extra: bytes = b"", address: int = ADDR) -> bytes:
    return frame(0x07, bytes([code]) + extra, address)


SYS_PARA_ACK = ack(0, bytes.fromhex("0000 0009 03e8 0003 ffffffff 0002 0006"))


def accounted(decoder: PacketDecoder, items: list) -> int:
    """Bytes the decoder has accounted for: packets, rejections, discarded
    data packets, and what it still holds."""
    n = sum(11 + len(i.payload) if isinstance(i, Packet) else i.nbytes for i in items)
    return n + decoder.counters["data_bytes_discarded"] + decoder.pending


def feed_in_chunks(decoder: PacketDecoder, data: bytes, cuts: list[int]) -> list:
    out: list = []
    prev = 0
    for c in sorted({min(max(c, 0), len(data)) for c in cuts}) + [len(data)]:
        out += decoder.feed(data[prev:c])
        prev = c
    return out


def packets(items: list) -> list[Packet]:
    return [i for i in items if isinstance(i, Packet)]


# --- the encoder -----------------------------------------------------------------


def test_commands_are_the_datasheet_bytes():
    assert gen_img() == bytes.fromhex("EF01 FFFFFFFF 01 0003 01 0005")
    assert img2tz(1) == bytes.fromhex("EF01 FFFFFFFF 01 0004 02 01 0008")
    assert img2tz(2) == bytes.fromhex("EF01 FFFFFFFF 01 0004 02 02 0009")
    assert search(1, 0, 1000) == bytes.fromhex("EF01 FFFFFFFF 01 0008 04 01 0000 03E8 00F9")
    assert vfy_pwd(0) == bytes.fromhex("EF01 FFFFFFFF 01 0007 13 00000000 001B")
    assert read_sys_para() == bytes.fromhex("EF01 FFFFFFFF 01 0003 0F 0013")
    assert gen_img(0x12345678)[2:6] == bytes.fromhex("12345678")


@given(pid=st.sampled_from([0x01, 0x07]), address=st.integers(0, 0xFFFFFFFF),
       payload=st.binary(min_size=1, max_size=62))
def test_our_encoder_and_hwsims_agree_and_decode_back(pid, address, payload):
    raw = encode_packet(pid, payload, address)
    assert raw == frame(pid, payload, address)
    assert int.from_bytes(raw[-2:], "big") == checksum(pid, payload)
    assert PacketDecoder().feed(raw) == [Packet(address, pid, payload)]


# --- the decoder: chunking, garbage, checksums -------------------------------------

ack_frames = st.builds(lambda code, extra: ack(code, extra),
                       st.integers(0, 255), st.binary(max_size=16))
data_frames = st.builds(lambda pid, body: frame(pid, body),
                        st.sampled_from([0x02, 0x08]), st.binary(max_size=256))
garbage = st.binary(max_size=24).filter(lambda b: b"\xef" not in b)


@given(parts=st.lists(st.tuples(garbage, st.one_of(ack_frames, data_frames)), max_size=8),
       cuts=st.lists(st.integers(0, 2500), max_size=20))
def test_any_chunking_gives_the_same_packets(parts, cuts):
    stream = b"".join(g + f for g, f in parts)
    whole = PacketDecoder()
    at_once = whole.feed(stream)
    acks = [f for _, f in parts if f[6] == 0x07]
    assert [p.payload for p in packets(at_once)] == [f[9:-2] for f in acks]
    assert whole.counters["data_packets_discarded"] == len(parts) - len(acks)
    chunked = PacketDecoder()
    pieces = feed_in_chunks(chunked, stream, cuts)
    assert packets(pieces) == packets(at_once)
    assert chunked.counters == whole.counters
    assert accounted(chunked, pieces) == len(stream)


def test_byte_by_byte_equals_whole():
    stream = b"noise" + ack(0x00) + b"\x00\x01" + ack(0x09, bytes(4)) + SYS_PARA_ACK
    d = PacketDecoder()
    one = [i for b in stream for i in d.feed(bytes([b]))]
    assert packets(one) == packets(PacketDecoder().feed(stream))
    assert len(packets(one)) == 3
    assert d.counters["garbage_bytes"] == 7


@given(data=st.binary(max_size=600), cuts=st.lists(st.integers(0, 600), max_size=30))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_random_bytes_never_raise_and_every_byte_is_accounted(data, cuts):
    d = PacketDecoder()
    items = feed_in_chunks(d, data, cuts)
    assert all(isinstance(i, Packet | Rejected) for i in items)
    assert accounted(d, items) == len(data)
    items += d.abandon()
    assert accounted(d, items) == len(data)


def test_a_bad_checksum_is_rejected_and_the_next_packet_still_decodes():
    bad = bytearray(ack(0x00))
    bad[-1] ^= 0xFF
    items = PacketDecoder().feed(bytes(bad) + ack(0x02))
    assert items[0] == Rejected("checksum", len(bad))
    assert packets(items) == [Packet(ADDR, 7, b"\x02")]


def test_a_real_packet_inside_a_corrupt_frame_is_found_again():
    # A stray EF 01 + plausible header whose length swallows the real ack.
    fake = bytes.fromhex("EF01 FFFFFFFF 07 0010")
    real = ack(0x09, bytes(4))
    items = PacketDecoder().feed(fake + real + bytes(10))
    assert packets(items) == [Packet(ADDR, 7, real[9:-2])]
    assert items[0] == Rejected("checksum", len(fake))


def test_a_fake_header_waiting_for_bytes_is_abandoned_on_request():
    fake = bytes.fromhex("EF01 FFFFFFFF 07 0040")  # waits for 64 bytes
    d = PacketDecoder()
    assert packets(d.feed(fake + ack(0x00))) == []
    assert d.pending == len(fake) + 12
    assert packets(d.abandon()) == [Packet(ADDR, 7, b"\x00")]
    assert d.pending == 0


def test_a_header_with_an_impossible_length_or_pid_is_garbage():
    d = PacketDecoder()
    items = d.feed(bytes.fromhex("EF01 FFFFFFFF 07 FFFF") + ack(1)
                   + bytes.fromhex("EF01 FFFFFFFF 55 0003") + ack(2))
    assert [p.payload for p in packets(items)] == [b"\x01", b"\x02"]
    assert d.counters["garbage_bytes"] == 18


# --- data packets: never a template -------------------------------------------------


def _bytes_inside(obj, seen=None):
    """Every bytes-like value reachable from ``obj`` (attributes, containers)."""
    seen = seen if seen is not None else set()
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, bytes | bytearray | memoryview):
        yield bytes(obj)
    elif isinstance(obj, str):
        yield obj.encode("latin-1", "replace")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _bytes_inside(k, seen)
            yield from _bytes_inside(v, seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for v in obj:
            yield from _bytes_inside(v, seen)
    elif hasattr(obj, "__dict__") or hasattr(obj, "__slots__"):
        for name in list(getattr(obj, "__dict__", {})) + list(getattr(obj, "__slots__", ())):
            if hasattr(obj, name):
                yield from _bytes_inside(getattr(obj, name), seen)


def _data_packets(blob: bytes, size: int) -> bytes:
    chunks = [blob[i:i + size] for i in range(0, len(blob), size)]
    return b"".join(frame(0x08 if i == len(chunks) - 1 else 0x02, c)
                    for i, c in enumerate(chunks))


templates = st.binary(min_size=16, max_size=600).filter(lambda b: len(set(b)) > 8)


@given(template=templates, size=st.sampled_from([32, 64, 128, 256]),
       cuts=st.lists(st.integers(0, 1000), max_size=30), where=st.integers(0, 3))
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
def test_the_session_never_emits_or_keeps_a_template(template, size, cuts, where):
    # A full match cycle with template data packets pushed in at some point.
    s = FingerprintSession("finger", poll_interval_s=0.1)
    answers = [SYS_PARA_ACK, ack(0), ack(0), ack(0, bytes.fromhex("0007 0064"))]
    leak = _data_packets(template, size)
    events: list = []
    now = 0.0
    for i, answer in enumerate(answers):
        assert s.poll(now)
        stream = (leak + answer) if i == where else answer
        prev = 0
        for c in sorted({min(c, len(stream)) for c in cuts}) + [len(stream)]:
            events += s.feed(stream[prev:c], now)
            prev = c
            for blob in _bytes_inside(s):
                assert template not in blob
                assert template[:8] not in blob
    assert [type(e) for e in events] == [BiometricMatch]
    assert events[0].match_id == "7"
    for e in events:
        assert template[:8] not in repr(e).encode("latin-1")
        for blob in _bytes_inside(e):
            assert template[:8] not in blob
    assert s.stats()["data_packets_discarded"] == -(-len(template) // size)


def test_a_flood_of_data_packets_in_one_read_is_skipped():
    d = PacketDecoder()
    items = d.feed(frame(0x02, b"") * 20000 + ack(0))
    assert packets(items) == [Packet(ADDR, 7, b"\x00")]
    assert d.counters["data_packets_discarded"] == 20000


def test_a_corrupt_data_packet_is_rejected_without_its_bytes():
    leak = bytearray(_data_packets(b"TEMPLATE" * 20, 256))
    leak[-1] ^= 1
    d = PacketDecoder()
    items = d.feed(bytes(leak) + ack(0))
    assert items[0] == Rejected("checksum", len(leak))
    assert packets(items) == [Packet(ADDR, 7, b"\x00")]
    assert d.counters["data_packets_discarded"] == 0


# --- the session: the request/response cycle ----------------------------------------


class Module:
    """Drives a session by hand: what did it ask, answer it."""

    def __init__(self, **kw) -> None:
        kw.setdefault("poll_interval_s", 0.3)
        self.s = FingerprintSession("finger", **kw)
        self.now = 0.0
        self.events: list = []

    def asks(self) -> bytes:
        return self.s.poll(self.now)

    def answer(self, raw: bytes) -> list:
        ev = self.s.feed(raw, self.now)
        self.events += ev
        return ev

    def ready(self) -> Module:
        assert self.asks() == read_sys_para()
        self.answer(SYS_PARA_ACK)
        assert self.s.ready
        return self

    def cycle(self, search_answer: bytes) -> list:
        """GenImg (finger) -> Img2Tz -> Search -> ``search_answer``."""
        assert self.asks() == gen_img()
        self.answer(ack(0))
        assert self.asks() == img2tz(1)
        self.answer(ack(0))
        assert self.asks() == search(1, 0, 1000)
        return self.answer(search_answer)

    def later(self, dt: float) -> None:
        self.now += dt


def test_handshake_reads_the_module_parameters_before_anything_else():
    m = Module()
    assert m.asks() == read_sys_para()
    assert m.asks() == b""  # waits for the answer
    m.answer(SYS_PARA_ACK)
    p = m.s.sys_params
    assert (p.library_size, p.packet_size, p.baudrate) == (1000, 128, 57600)
    assert m.asks() == gen_img()


def test_with_a_password_the_handshake_starts_with_vfypwd():
    m = Module(password=0x1234)
    assert m.asks() == vfy_pwd(0x1234)
    m.answer(ack(0x13))  # wrong password: retried after the poll interval
    assert m.asks() == b""
    assert m.s.stats()["module_errors"] == 1
    m.later(0.3)
    assert m.asks() == vfy_pwd(0x1234)
    m.answer(ack(0))
    assert m.asks() == read_sys_para()


def test_no_finger_polls_again_after_the_interval():
    m = Module().ready()
    assert m.asks() == gen_img()
    m.answer(ack(0x02))
    m.later(0.29)
    assert m.asks() == b""
    m.later(0.01)
    assert m.asks() == gen_img()
    assert m.events == []


def test_a_match_reports_the_slot_and_score():
    m = Module().ready()
    (ev,) = m.cycle(ack(0, bytes.fromhex("0005 0060")))
    assert ev == BiometricMatch("finger", "5", 0x60, 0.0)


def test_a_score_below_min_score_is_no_match():
    m = Module(min_score=50).ready()
    assert m.cycle(ack(0, bytes.fromhex("0005 0031"))) == [BiometricNoMatch("finger", 0.0)]
    assert m.s.stats()["low_scores"] == 1
    m.later(0.3)
    m.asks()
    m.answer(ack(0x02))
    m.later(0.3)
    assert m.cycle(ack(0, bytes.fromhex("0005 0032")))[0].score == 50


def test_not_found_is_no_match():
    m = Module().ready()
    assert m.cycle(ack(0x09, bytes(4))) == [BiometricNoMatch("finger", 0.0)]


def test_a_finger_held_on_the_glass_is_read_once():
    m = Module().ready()
    m.cycle(ack(0, bytes.fromhex("0003 0080")))
    for _ in range(5):  # still there: GenImg only, no new search
        m.later(0.3)
        assert m.asks() == gen_img()
        m.answer(ack(0))
        assert m.asks() == b""
    m.later(0.3)
    assert m.asks() == gen_img()
    m.answer(ack(0x02))  # lifted
    m.later(0.3)
    m.cycle(ack(0, bytes.fromhex("0003 0080")))
    assert len(m.events) == 2


def test_a_poor_image_is_taken_again_at_once():
    m = Module().ready()
    assert m.asks() == gen_img()
    m.answer(ack(0))
    assert m.asks() == img2tz(1)
    m.answer(ack(0x07))  # too few feature points
    assert m.asks() == gen_img()
    assert m.s.stats()["poor_images"] == 1


def test_a_finger_too_poor_to_image_three_times_is_no_match_once():
    m = Module(max_poor_images=3).ready()
    for _ in range(3):
        assert m.asks() == gen_img()
        m.answer(ack(0))
        assert m.asks() == img2tz(1)
        m.answer(ack(0x06))  # over-disorderly image
    assert m.events == [BiometricNoMatch("finger", 0.0)]
    m.later(0.3)
    assert m.asks() == gen_img()
    m.answer(ack(0))  # the same smudged finger still there: not read again
    assert m.asks() == b""
    m.later(0.3)
    m.asks()
    m.answer(ack(0x02))
    m.later(0.3)
    assert len(m.cycle(ack(0, bytes.fromhex("0001 0064")))) == 1


def test_a_search_error_is_counted_and_the_finger_read_again():
    m = Module().ready()
    assert m.cycle(ack(0x01)) == []
    assert m.s.stats()["module_errors"] == 1
    m.later(0.3)
    assert len(m.cycle(ack(0, bytes.fromhex("0001 0064")))) == 1


def test_a_slot_outside_the_library_is_rejected():
    m = Module(capacity=200).ready()
    assert m.asks() == gen_img()
    m.answer(ack(0))
    m.asks()
    m.answer(ack(0))
    assert m.asks() == search(1, 0, 200)
    (ev,) = m.answer(ack(0, bytes.fromhex("00C8 0064")))
    assert isinstance(ev, FrameRejected) and ev.reason == "slot out of range"


def test_an_answer_from_another_address_is_rejected_not_taken():
    m = Module(address=0x01020304)
    assert m.asks() == read_sys_para(0x01020304)
    (ev,) = m.answer(SYS_PARA_ACK)  # from 0xFFFFFFFF
    assert isinstance(ev, FrameRejected) and ev.reason == "address"
    assert not m.s.ready
    m.answer(frame(0x07, SYS_PARA_ACK[9:-2], 0x01020304))
    assert m.s.ready


def test_an_overdue_answer_times_out_and_the_cycle_restarts():
    m = Module(response_timeout_s=1.0, max_timeouts=3).ready()
    assert m.asks() == gen_img()
    m.answer(ack(0))
    assert m.asks() == img2tz(1)
    m.later(0.99)
    assert m.asks() == b""
    m.later(0.01)
    assert m.asks() == gen_img()  # restart from a fresh image
    assert m.s.stats()["timeouts"] == 1
    m.answer(ack(0))  # the late Img2Tz answer is taken as GenImg's: harmless
    assert m.asks() == img2tz(1)
    m.answer(ack(0, bytes.fromhex("0001 0064")))  # a late Search shape: not Img2Tz's
    assert m.s.stats()["unexpected_packets"] == 1
    assert m.events == []


def test_a_silent_module_is_reported_after_max_timeouts():
    m = Module(response_timeout_s=1.0, max_timeouts=3).ready()
    for _ in range(3):
        assert not m.s.silent
        assert m.asks() == gen_img()
        m.later(1.0)
        m.s.tick(m.now)
    assert m.s.silent
    m.asks()
    m.answer(ack(0x02))
    assert not m.s.silent


def test_an_answer_behind_a_fake_header_is_recovered_at_the_deadline():
    m = Module(response_timeout_s=1.0).ready()
    m.cycle(b"")
    m.answer(bytes.fromhex("EF01 FFFFFFFF 07 0030") + ack(0, bytes.fromhex("0002 0064")))
    assert m.events == []
    m.later(1.0)
    events = m.s.tick(m.now)
    assert [type(e) for e in events] == [FrameRejected, BiometricMatch]
    assert m.s.stats()["timeouts"] == 0


def test_after_a_handshake_on_another_clock_the_loop_starts_at_once():
    m = Module()
    m.now = 5000.0  # the shell's own clock during open()
    m.ready()
    m.s.clock_changed()
    m.now = 3.0  # the caller's clock
    assert m.asks() == gen_img()


def test_reset_forgets_a_half_received_answer_and_shakes_hands_again():
    m = Module().ready()
    m.asks()
    m.answer(ack(0)[:5])
    m.s.reset()
    assert not m.s.ready
    assert m.asks() == read_sys_para()
    m.answer(SYS_PARA_ACK)
    assert m.s.ready


@given(data=st.binary(max_size=400), cuts=st.lists(st.integers(0, 400), max_size=10),
       steps=st.integers(0, 6))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_bytes_from_the_module_never_raise(data, cuts, steps):
    m = Module(response_timeout_s=0.5).ready()
    for _ in range(steps):  # some way into a cycle
        m.asks()
        m.answer(ack(0))
    prev = 0
    for c in sorted({min(c, len(data)) for c in cuts}) + [len(data)]:
        m.answer(data[prev:c])
        prev = c
        m.later(0.2)
        m.asks()
        m.events += m.s.tick(m.now)
    for e in m.events:
        assert isinstance(e, BiometricMatch | BiometricNoMatch | FrameRejected)
        if isinstance(e, BiometricMatch):
            assert e.match_id.isdigit() and int(e.match_id) < 1000


ops = st.lists(st.one_of(
    st.just(("poll",)), st.just(("reset",)), st.just(("clock_changed",)),
    st.tuples(st.just("later"), st.floats(0, 2)),
    st.tuples(st.just("feed"), ack_frames),
    st.tuples(st.just("feed"), st.builds(lambda c, s, p: ack(c, s.to_bytes(2, "big")
                                                             + p.to_bytes(2, "big")),
                                         st.sampled_from([0, 1, 2, 6, 7, 9, 0x15]),
                                         st.integers(0, 0xFFFF), st.integers(0, 0xFFFF))),
    st.tuples(st.just("feed"), st.sampled_from([SYS_PARA_ACK, ack(0), ack(2)])),
    st.tuples(st.just("feed"), st.binary(max_size=40))), max_size=60)


@given(script=ops)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_order_of_calls_and_answers_never_raises(script):
    s = FingerprintSession("finger", response_timeout_s=0.5, poll_interval_s=0.1)
    now, events = 0.0, []
    for op in script:
        if op[0] == "poll":
            sent = s.poll(now)
            assert sent == b"" or sent[:2] == b"\xef\x01"
        elif op[0] == "later":
            now += op[1]
            events += s.tick(now)
        elif op[0] == "feed":
            events += s.feed(op[1], now)
        else:
            getattr(s, op[0])()
    for e in events:
        assert isinstance(e, BiometricMatch | BiometricNoMatch | FrameRejected)
        if isinstance(e, BiometricMatch):
            assert e.score >= 50 and 0 <= int(e.match_id) < 1000
    assert all(v >= 0 for v in s.stats().values())


# --- the session against hwsim's module, no I/O ------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_a_lunch_queue_at_the_module_gives_one_read_per_finger(seed):
    """Pupils put fingers down one after another (enrolled, unknown, weak);
    the line drops bytes into the answers now and then."""
    rng = random.Random(seed)
    core = ModuleCore(enrolled=[0, 3, 17, 999], seed=seed)
    s = FingerprintSession("finger", min_score=50, poll_interval_s=0.05,
                           response_timeout_s=0.2)
    now = 0.0
    expected, got = [], []

    def run(seconds: float) -> None:
        nonlocal now
        end = now + seconds
        while now < end:
            req = s.poll(now)
            got.extend(s.tick(now))
            reply = core.receive(req) if req else b""
            if reply and rng.random() < 0.05:
                got.extend(s.feed(bytes(rng.getrandbits(8) for _ in range(5)), now))
            cut = rng.randrange(len(reply) + 1)
            got.extend(s.feed(reply[:cut], now))
            got.extend(s.feed(reply[cut:], now))
            now += 0.01

    run(0.1)
    for _ in range(15):
        kind = rng.choice(["match", "unknown", "weak", "not-here"])
        if kind == "match":
            slot = rng.choice([0, 3, 17, 999])
            core.place(slot, score=rng.randrange(50, 300))
            expected.append(str(slot))
        elif kind == "weak":
            core.place(3, score=rng.randrange(0, 50))
            expected.append(None)
        elif kind == "unknown":
            core.place_unknown()
            expected.append(None)
        else:
            core.place(500)  # enrolled at another till
            expected.append(None)
        run(rng.uniform(0.6, 1.5))  # the finger stays a while: still one read
        core.lift()
        run(0.3)
    ids = [e.match_id if isinstance(e, BiometricMatch) else None
           for e in got if isinstance(e, BiometricMatch | BiometricNoMatch)]
    assert ids == expected
    assert core.commands.count(0x08) == 0  # never asked for a template (UpChar)
    assert 0x0A not in core.commands  # nor an image (UpImage)


def test_the_next_pupil_straight_after_a_lift_is_read_too():
    """The simulator never lets a lift go unseen: the glass is empty for at
    least one GenImg, however fast the next finger comes."""
    core = ModuleCore(enrolled=[1, 2], seed=0)
    s = FingerprintSession("finger", poll_interval_s=0.05)
    now, got = 0.0, []

    def run(seconds: float) -> None:
        nonlocal now
        end = now + seconds
        while now < end:
            req = s.poll(now)
            if req:
                got.extend(s.feed(core.receive(req), now))
            now += 0.01

    core.place(1)
    run(0.5)
    core.lift()
    core.place(2)  # no poll in between
    run(0.5)
    assert [e.match_id for e in got] == ["1", "2"]
