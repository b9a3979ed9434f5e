"""The fingerprint simulator against a host library nobody here wrote:
pyfingerprint (PyPI, a test-only dependency), the widely used Python driver
for ZhianTec R30x/ZFM modules, talking to the simulator over a real
pseudo-terminal. It asks what real host software asks at start-up (password,
template count, the index table) before it searches; a simulator that
answered those with a receive error could not stand in for a module."""

from __future__ import annotations

import pytest
from pyfingerprint.pyfingerprint import PyFingerprint

from hwsim.fingerprint import FingerprintSim

ENROLLED = [0, 4, 17, 250, 300]


@pytest.fixture
def module(tmp_path):
    sim = FingerprintSim(ENROLLED, link=str(tmp_path / "finger"), seed=3).start()
    yield sim
    sim.stop()


@pytest.fixture
def host(module):
    f = PyFingerprint(module.path, 57600, 0xFFFFFFFF, 0x00000000)
    yield f
    del f


def test_a_host_library_starts_up_as_with_a_real_module(host):
    assert host.verifyPassword()
    assert host.getStorageCapacity() == 1000
    assert host.getTemplateCount() == len(ENROLLED)


def test_the_index_table_marks_exactly_the_stored_slots_page_by_page(host):
    page0 = host.getTemplateIndex(0)
    page1 = host.getTemplateIndex(1)
    assert len(page0) == len(page1) == 256
    assert [i for i, used in enumerate(page0) if used] == [0, 4, 17, 250]
    assert [256 + i for i, used in enumerate(page1) if used] == [300]
    assert not any(host.getTemplateIndex(3))


def test_a_placed_finger_is_found_where_it_is_enrolled(module, host):
    module.place(17, score=88)
    assert host.readImage()
    host.convertImage(0x01)
    assert host.searchTemplate() == (17, 88)


def test_an_unknown_finger_is_not_found(module, host):
    module.place_unknown()
    assert host.readImage()
    host.convertImage(0x01)
    assert host.searchTemplate() == (-1, -1)


def test_no_finger_on_the_glass_reads_no_image(host):
    assert host.readImage() is False
