"""A short self-test of an adapter, before a long run: ``s1sr adapter check``.

It opens the DUT for each Device Model and checks what every conformance test relies on:
the inventory holds the model with the DMVES's device type;
a request (11.2, or 4.6.1 for a device 11.2 does not serve) gets a final answer whose frames
decode to the messages; reset works when declared; clock control moves the clock as asked.
Each problem is one line; none means the adapter is ready for ``s1sr run``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path

from s1sr.catalogue import Catalogue
from s1sr.dmves import DeviceModel, Dmves
from s1sr.dut.base import DEFAULT_START, DeviceUnderTest
from s1sr.dut.capability import Capability
from s1sr.dut.errors import DutError, MissingCapability
from s1sr.dut.factory import open_dut
from s1sr.dut.final import is_final
from s1sr.dut.frames import verify_frames
from s1sr.dut.spec import DutSpec
from s1sr.models import SRV, Request, RequestBody
from s1sr.models.firmware import ReadFirmwareVersionRequest

CLOCK_SLACK = timedelta(seconds=5)  # a harness's clock may tick while it is read


def check_adapter(
    spec: DutSpec,
    dmves: Dmves,
    catalogue: Catalogue,
    models: Sequence[DeviceModel],
    *,
    s1sp_timeout: timedelta | None = None,
    inventory_file: Path | None = None,
) -> Iterator[tuple[str, str]]:
    """``(model id, problem)`` for each problem found; a model with none yields nothing."""
    for model in models:
        try:
            dut = open_dut(
                spec,
                model,
                dmves=dmves,
                s1sp_timeout=s1sp_timeout,
                inventory_file=inventory_file,
                catalogue=catalogue,
            )
        except (DutError, OSError) as exc:
            yield model.id, f"cannot open the DUT: {exc}"
            continue
        try:
            for problem in _check_one(dut, model, dmves, catalogue):
                yield model.id, problem
        except (DutError, OSError, MissingCapability) as exc:
            yield model.id, f"the DUT failed: {exc}"
        except Exception as exc:  # an adapter's own bug: say which, do not crash the check
            yield model.id, f"the adapter raised {type(exc).__name__}: {exc}"
        finally:
            try:
                dut.close()
            except (DutError, OSError):
                pass


def _check_one(
    dut: DeviceUnderTest, model: DeviceModel, dmves: Dmves, catalogue: Catalogue
) -> Iterator[str]:
    inventory = dut.inventory()
    entry = inventory.of_model(model.id)
    if entry is None:
        yield "the inventory holds no device of this Device Model (DeviceEntry.model_id)"
        return
    if entry.device_type is not model.device_type:
        yield f"the DMVES declares {model.device_type}, the inventory {entry.device_type}"
    if dut.has(Capability.RESET):
        dut.reset()
        if dut.has(Capability.CLOCK_CONTROL) and abs(dut.now() - DEFAULT_START) > CLOCK_SLACK:
            yield f"after reset() the clock reads {dut.now().isoformat()}, not {DEFAULT_START}"
    ids = iter(range(1, 1_000_000))
    body: RequestBody = ReadFirmwareVersionRequest()
    if entry.device_type not in catalogue.srv(SRV.READ_FIRMWARE_VERSION).device_types:
        from s1sr.models.daily_log import DailyReadLogRequest

        now = dut.now()
        body = DailyReadLogRequest(now - timedelta(days=1), now)
    request = Request(next(ids), inventory.user_for(entry.id), entry.id, body)
    exchange = dut.exchange(request)
    if not any(is_final(m, request) for m in exchange.messages):
        yield f"request {request.srv.value} got no final answer (a response or an alert)"
    verify_frames(request, exchange.messages, exchange.frames)
    if dut.has(Capability.CLOCK_CONTROL):
        target = DEFAULT_START + timedelta(days=10)
        dut.set_clock(target)
        if abs(dut.now() - target) > CLOCK_SLACK:
            yield f"set_clock({target.isoformat()}) left the clock at {dut.now().isoformat()}"
        dut.advance(timedelta(hours=1))
        if abs(dut.now() - target - timedelta(hours=1)) > CLOCK_SLACK:
            yield f"advance(1 h) from {target.isoformat()} left it at {dut.now().isoformat()}"
    if dut.has(Capability.RESET):
        dut.reset()
