"""The emulator DUT's reset: always a device in its initial state, rebuilt only when needed.

A reset keeps an installation that nothing has touched since it was built at the start
(building is deterministic); anything that can change it (a request, moving the clock,
handing the installation out) makes the next reset rebuild. The property: whatever was
done before, after a reset the DUT answers exactly as a DUT that was just built.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import s1sr.dut.emulator as emulator_module
from s1sr.dut import DEFAULT_START, DutError
from s1sr.models import (
    DailyReadLogRequest,
    ReadFirmwareVersionRequest,
    Request,
    TopUpDeviceRequest,
    Utrn,
    ValueClass,
)

MODEL = "EX-ESME-1"
TOP_UP = TopUpDeviceRequest(Utrn(counter=1, value_class=ValueClass.POUNDS, value=5, tag=7))
DAILY_LOG = DailyReadLogRequest(start=DEFAULT_START - timedelta(days=2), end=DEFAULT_START)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every installation the emulator DUT builds, in order."""
    made: list[object] = []
    real = emulator_module.build_installation

    def counted(*args: object, **kwargs: object) -> object:
        made.append(real(*args, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(emulator_module, "build_installation", counted)
    return made


def request(dut, body, request_id):
    inventory = dut.inventory()
    device = inventory.of_model(MODEL).id
    return Request(request_id, inventory.user_for(device), device, body)


def probe(dut):
    """What the DUT answers to requests that show its state: the balance a top-up of a
    first UTRN leaves (refused if that UTRN was seen), the daily log, the firmware. Request
    ids no step uses: the S1SP answers a repeated id with its first answer, whatever the
    device's state."""
    answers = []
    bodies = (TOP_UP, DAILY_LOG, ReadFirmwareVersionRequest())
    for request_id, body in enumerate(bodies, 900):
        result = dut.exchange(request(dut, body, request_id))
        answers.append((result.messages, [(f.data, f.virtual_time) for f in result.frames]))
    return answers, dut.now()


def test_a_model_s_first_test_builds_its_installation_once(emulator_dut, builds):
    dut = emulator_dut(MODEL)
    dut.inventory()
    dut.reset()  # the session's reset after the inventory
    dut.reset()  # the first test's
    assert len(builds) == 1
    assert dut.now() == DEFAULT_START


TOUCHES = {
    "a request": lambda dut: dut.exchange(request(dut, ReadFirmwareVersionRequest(), 1)),
    "advancing the clock": lambda dut: dut.advance(timedelta(0)),
    "setting the clock on": lambda dut: dut.set_clock(DEFAULT_START),
    "setting the clock back": lambda dut: dut.set_clock(DEFAULT_START - timedelta(days=1)),
    "handing the installation out": lambda dut: dut.installation,
}


@pytest.mark.parametrize("touch", TOUCHES.values(), ids=list(TOUCHES))
def test_anything_that_can_change_the_installation_makes_the_reset_rebuild(
    emulator_dut, builds, touch
):
    dut = emulator_dut(MODEL)
    touch(dut)
    before = len(builds)
    dut.reset()
    assert len(builds) == before + 1
    assert dut.now() == DEFAULT_START
    dut.reset()  # and the rebuilt one is untouched again
    assert len(builds) == before + 1


def test_a_closed_dut_is_rebuilt_by_its_reset(emulator_dut, builds):
    dut = emulator_dut(MODEL)
    dut.close()
    dut.reset()
    assert len(builds) == 2
    assert dut.now() == DEFAULT_START


def test_a_reset_after_a_top_up_forgets_it(emulator_dut):
    fresh = probe(emulator_dut(MODEL))
    dut = emulator_dut(MODEL)
    dut.exchange(request(dut, TOP_UP, 1))
    dut.reset()
    assert probe(dut) == fresh


STEPS = st.lists(
    st.sampled_from(
        [
            "inventory",
            "now",
            "reset",
            "top-up",
            "firmware",
            "advance",
            "forward",
            "back",
            "installation",
        ]
    ),
    max_size=6,
)


def step(dut, name: str, request_id: int) -> None:
    if name == "inventory":
        dut.inventory()
    elif name == "now":
        dut.now()
    elif name == "reset":
        dut.reset()
    elif name == "top-up":
        dut.exchange(request(dut, TOP_UP, request_id))
    elif name == "firmware":
        dut.exchange(request(dut, ReadFirmwareVersionRequest(), request_id))
    elif name == "advance":
        dut.advance(timedelta(hours=13))
    elif name == "forward":
        dut.set_clock(dut.now() + timedelta(days=1))
    elif name == "back":
        try:
            dut.set_clock(DEFAULT_START - timedelta(days=1))
        except DutError:  # refused after a request: the DUT is unchanged
            pass
    else:
        dut.installation.advance(timedelta(hours=1))  # through the object handed out


@given(steps=STEPS)
def test_after_any_steps_a_reset_gives_a_just_built_dut(dmves, steps):
    from s1sr.dut.emulator import EmulatorDut

    model = dmves.model(MODEL)
    fresh = EmulatorDut(dmves, model)
    fresh.open()
    dut = EmulatorDut(dmves, model)
    dut.open()
    for request_id, name in enumerate(steps, 100):
        step(dut, name, request_id)
    dut.reset()
    assert probe(dut) == probe(fresh)
