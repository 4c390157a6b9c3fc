"""The python adapter contract, as docs/suite.md states it, held by the plugin.

``factory(model, context)`` gets an ``AdapterContext``; ``factory(model)`` still works;
``reset()`` is called before every test of a DUT that declares it; a DUT's declared S1SP
timeout reaches the S1CE20 judgement; I99 is an acknowledgement, never an answer.
"""

from __future__ import annotations

import json

from s1sr.catalogue import load_catalogue
from s1sr.dmves import load_dmves
from s1sr.dut import Capability, DutSpec, open_dut
from s1sr.dut.final import is_final
from s1sr.dut.python_plugin import AdapterContext, takes_context
from s1sr.models import (
    EUI64,
    ReadFirmwareVersionRequest,
    Request,
    Response,
    ResponseCode,
)
from tests.prewarmed import runpytest_subprocess
from tests.suite.conftest import DMVES_FILE, verdicts_of

pytest_plugins = ["pytester"]

ADAPTER = """
import json, os
from s1sr.dut import Capability, DeviceEntry, Inventory, MessageDut
from s1sr.models import (
    EUI64, FirmwareVersion, ReadFirmwareVersionRequest, ReadFirmwareVersionResponse, Response,
    ResponseCode,
)

DEVICE, USER = EUI64(0x0253310000000001), EUI64(0x0253550000000001)
LOG = os.environ["ADAPTER_LOG"]


def log(**entry):
    with open(LOG, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\\n")


class Dut(MessageDut):
    capabilities = frozenset({{Capability.RESET}})

    def __init__(self, model):
        self.model = model

    def inventory(self):
        return Inventory((DeviceEntry(DEVICE, self.model.device_type, self.model.id),), (USER,))

    def reset(self):
        log(event="reset")

    def handle(self, request):
        log(event="request", srv=request.srv.value)
        body = None
        if isinstance(request.body, ReadFirmwareVersionRequest):
            body = ReadFirmwareVersionResponse(FirmwareVersion.parse("02030100"))
        return [Response(request.request_id, request.target, request.srv, ResponseCode.I0, body)]


{factory}
"""

WITH_CONTEXT = """
def factory(model, context):
    log(event="factory", model=model.id, context_model=context.model.id,
        peers=[m.id for m in context.han_peers], dmves=str(context.dmves_path),
        models=len(context.dmves.models), clause_count=len(context.catalogue.clauses),
        timeout=None if context.s1sp_timeout is None else context.s1sp_timeout.total_seconds(),
        options=dict(context.options))
    return Dut(model)
"""

MODEL_ONLY = """
def factory(model):
    log(event="factory", model=model.id)
    return Dut(model)
"""

TESTS = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)")
def test_one(case):
    case.exchange(ReadFirmwareVersionRequest())

@pytest.mark.clause("18.64(a)")
def test_two(case):
    case.exchange(ReadFirmwareVersionRequest())
"""


def _run(pytester, monkeypatch, factory, *args):
    log = pytester.path / "adapter.log"
    monkeypatch.setenv("ADAPTER_LOG", str(log))
    pytester.makepyfile(my_adapter=ADAPTER.format(factory=factory), test_contract=TESTS)
    result = runpytest_subprocess(
        pytester,
        "-p",
        "s1sr.pytest_plugin",
        "-p",
        "no:cacheprovider",
        f"--dmves={DMVES_FILE}",
        "--dut=python:my_adapter:factory",
        "--device-model=EX-PPMID-1",
        "--allow-missing-clauses",
        f"--report-dir={pytester.path / 'reports'}",
        *args,
    )
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    entries = [json.loads(line) for line in text.splitlines()]
    return result, entries


def test_a_factory_of_two_parameters_gets_the_context(pytester, monkeypatch):
    result, entries = _run(pytester, monkeypatch, WITH_CONTEXT, "--s1sp-timeout=1800")
    assert result.ret == 0, result.stdout.str()
    (made,) = [e for e in entries if e["event"] == "factory"]
    dmves = load_dmves(DMVES_FILE)
    model = next(m for m in dmves.models if m.id == "EX-PPMID-1")
    peers = sorted(m.id for m in dmves.models if m.han_id == model.han_id and m.id != model.id)
    assert made["model"] == made["context_model"] == "EX-PPMID-1"
    assert sorted(made["peers"]) == peers and peers
    assert made["dmves"] == str(DMVES_FILE)
    assert made["models"] == len(dmves.models)
    assert made["clause_count"] == len(load_catalogue().clauses)
    assert made["timeout"] == 1800
    assert made["options"]["device_models"] == ["EX-PPMID-1"]


def test_a_factory_of_the_model_alone_still_works(pytester, monkeypatch):
    result, entries = _run(pytester, monkeypatch, MODEL_ONLY)
    assert result.ret == 0, result.stdout.str()
    assert [e["model"] for e in entries if e["event"] == "factory"] == ["EX-PPMID-1"]
    assert set(verdicts_of(pytester.path).values()) == {"PASS"}


def test_reset_is_called_before_every_test(pytester, monkeypatch):
    _result, entries = _run(pytester, monkeypatch, MODEL_ONLY)
    events = [e["event"] for e in entries if e["event"] != "factory"]
    # The session's own reset and identity check (11.2), then a reset before each test.
    assert events == ["reset", "request", "reset", "request", "reset", "request"]


def test_which_signatures_take_the_context():
    assert takes_context(lambda model, context: None)
    assert takes_context(lambda *args: None)
    assert not takes_context(lambda model: None)
    assert not takes_context(lambda model, *, context=None: None)


def test_the_context_lists_the_han_peers():
    dmves = load_dmves()
    model = next(m for m in dmves.models if m.han_id is not None)
    context = AdapterContext(model, dmves, None, load_catalogue())
    assert model not in context.han_peers
    assert all(m.han_id == model.han_id for m in context.han_peers)


def test_i99_is_an_acknowledgement_and_any_other_response_an_answer():
    meter, user = EUI64(0x0253310000000001), EUI64(0x0253550000000001)
    request = Request(7, user, meter, ReadFirmwareVersionRequest())

    def response(code):
        return Response(7, meter, request.srv, code)

    assert not is_final(response(ResponseCode.I99), request)
    assert is_final(response(ResponseCode.I0), request)
    assert all(is_final(response(code), request) for code in ResponseCode if code.value != "I99")


def test_the_emulator_declares_no_s1sp_timeout_of_its_own():
    """The option and the adapter's class attribute are the only sources: nothing is asked of
    the emulator (the suite must not be circular)."""
    model = load_dmves().models[0]
    dut = open_dut(DutSpec.parse("emulator"), model, dmves=load_dmves())
    try:
        assert dut.s1sp_timeout is None
        assert dut.has(Capability.RESET)
    finally:
        dut.close()


DECLARED = """
from datetime import timedelta

def factory(model):
    dut = Dut(model)
    dut.s1sp_timeout = timedelta(minutes=30)
    return dut
"""

TIMEOUT_SEEN = """
import pytest
from datetime import timedelta

@pytest.mark.clause("18.64(a)")
def test_timeout(case, steps):
    assert case.s1sp_timeout == timedelta(minutes=30)
    assert steps.s1sp_timeout == timedelta(minutes=30)
"""


def test_a_declared_s1sp_timeout_reaches_the_s1ce20_judgement(pytester, monkeypatch):
    import shutil

    from tests.suite.conftest import REPO

    shutil.copy(REPO / "conformance" / "conftest.py", pytester.path / "conftest.py")
    pytester.makepyfile(test_timeout=TIMEOUT_SEEN)
    result, _entries = _run(pytester, monkeypatch, DECLARED, "-k", "test_timeout")
    assert result.ret == 0, result.stdout.str()
    assert set(verdicts_of(pytester.path).values()) == {"PASS"}


FULL = """
from s1sr.dut import DeviceEntry, DeviceUnderTest, Direction, DutExchange, Inventory, frame
from s1sr.models import (
    EUI64, FirmwareVersion, ReadFirmwareVersionRequest, ReadFirmwareVersionResponse, Response,
    ResponseCode,
)

DEVICE, USER = EUI64(0x0253310000000001), EUI64(0x0253550000000001)


class Full(DeviceUnderTest):
    def __init__(self, model):
        self.model = model
        self.count = 0

    def inventory(self):
        return Inventory((DeviceEntry(DEVICE, self.model.device_type, self.model.id),), (USER,))

    def exchange(self, request):
        self.count += 1
        body = ReadFirmwareVersionResponse(FirmwareVersion.parse("02030100"))
        answer = Response(request.request_id, request.target, request.srv, ResponseCode.I0, body)
        frames = [frame(Direction.OUT, request)]
        if self.count == 1:  # the identity check: honest frames
            frames.append(frame(Direction.IN, answer))
        return DutExchange(request, (answer,), tuple(frames))


def factory(model):
    return Full(model)
"""


def test_a_full_adapter_whose_frames_miss_an_answer_gets_error_not_a_verdict(pytester):
    one_test = TESTS[: TESTS.index("@pytest.mark.clause", TESTS.index("test_one"))]
    pytester.makepyfile(full_adapter=FULL, test_contract=one_test)
    result = runpytest_subprocess(
        pytester,
        "-p",
        "s1sr.pytest_plugin",
        "-p",
        "no:cacheprovider",
        f"--dmves={DMVES_FILE}",
        "--dut=python:full_adapter:factory",
        "--device-model=EX-PPMID-1",
        "--allow-missing-clauses",
        f"--report-dir={pytester.path / 'reports'}",
    )
    assert set(verdicts_of(pytester.path).values()) == {"ERROR"}, result.stdout.str()
    assert "has no frame it was received in" in result.stdout.str()


SPARE_ONLY = """
def factory(model):
    return SpareOnly(model)


class SpareOnly(Dut):
    def inventory(self):
        from s1sr.dut import DeviceEntry, Inventory
        return Inventory((DeviceEntry(DEVICE, self.model.device_type, self.model.id, on_han=False),), (USER,))
"""


def test_a_model_held_only_as_a_spare_is_an_error_with_the_reason_never_a_fail(
    pytester, monkeypatch
):
    result, _entries = _run(pytester, monkeypatch, SPARE_ONLY)
    assert set(verdicts_of(pytester.path).values()) == {"ERROR"}, result.stdout.str()
    assert "only as a spare off the HAN" in result.stdout.str()
