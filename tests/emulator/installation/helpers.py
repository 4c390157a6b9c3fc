"""Plain helpers for the installation side's tests: models, requests, message summaries."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from s1sr.catalogue import Cohort, GroupId, load_catalogue
from s1sr.dmves import DeviceModel, Dmves
from s1sr.models import (
    EUI64,
    ActivateFirmwareRequest,
    Alert,
    DeviceType,
    FirmwareVersion,
    HanAction,
    Message,
    ReadFirmwareVersionRequest,
    Request,
    RequestBody,
    Response,
    TopUpDeviceRequest,
    UpdateFirmwareRequest,
    UpdateHanDeviceLogRequest,
    Utrn,
    ValueClass,
    ota_image,
)


def model(
    model_id: str,
    device_type: DeviceType,
    clauses: Iterable[str] = (),
    *,
    bilingual: bool = False,
    han_id: str | None = None,
    supplier: str | None = None,
    firmware_version: str = "1.0.0",
) -> DeviceModel:
    return DeviceModel(
        id=model_id,
        manufacturer="Test (invented)",
        model=f"Test {device_type}",
        firmware_version=firmware_version,
        device_type=device_type,
        cohort=Cohort.FOC,
        group_id=GroupId.EA,
        bilingual=bilingual,
        example=True,
        clauses=frozenset(clauses),
        han_id=han_id,
        supplier=supplier,
    )


def dmves_of(*models: DeviceModel) -> Dmves:
    return Dmves(models=models, clause_ids=frozenset(load_catalogue().clause_ids))


class Requests:
    """Requests with fresh request ids, so a test never reuses one by accident."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def __call__(
        self, user: EUI64, target: EUI64, body: RequestBody, request_id: int | None = None
    ) -> Request:
        return Request(request_id or next(self._ids), user, target, body)


def top_up(
    counter: int, value: int, value_class: ValueClass = ValueClass.POUNDS
) -> TopUpDeviceRequest:
    return TopUpDeviceRequest(Utrn(counter, value_class, value, tag=0x1234))


def update_firmware(version: int) -> UpdateFirmwareRequest:
    return UpdateFirmwareRequest(ota_image(FirmwareVersion(version), b"payload"))


def activate(update: UpdateFirmwareRequest) -> ActivateFirmwareRequest:
    return ActivateFirmwareRequest(update.image_hash)


def read_firmware() -> ReadFirmwareVersionRequest:
    return ReadFirmwareVersionRequest()


def add(device: EUI64, device_type: DeviceType = DeviceType.PPMID) -> UpdateHanDeviceLogRequest:
    return UpdateHanDeviceLogRequest(HanAction.ADD, device, device_type)


def remove(device: EUI64, device_type: DeviceType = DeviceType.PPMID) -> UpdateHanDeviceLogRequest:
    return UpdateHanDeviceLogRequest(HanAction.REMOVE, device, device_type)


def codes(messages: Iterable[Message]) -> list[str]:
    """What came back, in order: a response's code or an alert's code."""
    result = []
    for message in messages:
        if isinstance(message, Response):
            result.append(str(message.code))
        elif isinstance(message, Alert):
            result.append(message.code)
        else:
            result.append(type(message).__name__)
    return result


def response(messages: Iterable[Message]) -> Response:
    found = [m for m in messages if isinstance(m, Response)]
    assert len(found) == 1, f"expected one response, got {codes(messages)}"
    return found[0]


def alerts(messages: Iterable[Message]) -> list[Alert]:
    return [m for m in messages if isinstance(m, Alert)]
