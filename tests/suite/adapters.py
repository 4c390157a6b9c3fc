"""Source of python adapters the plugin's tests write into pytester folders.

``fake_adapter`` answers everything I0 from one device whose declared type and firmware
can be set wrong (identity checks) and can fail its link after identity (DutError).
"""

from __future__ import annotations

FAKE = """
from s1sr.dut import DeviceEntry, DutError, Inventory, MessageDut
from s1sr.models import (
    EUI64, DeviceType, FirmwareVersion, ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse, Response, ResponseCode,
)

DEVICE, USER = EUI64(0x0253310000000001), EUI64(0x0253550000000001)
SETTINGS = {settings!r}


class Fake(MessageDut):
    name = "fake"

    def __init__(self, model):
        self.model = model
        self.type = DeviceType(SETTINGS.get("type", model.device_type))
        self.calls = 0

    def inventory(self):
        return Inventory((DeviceEntry(DEVICE, self.type, self.model.id),), (USER,))

    def handle(self, request):
        self.calls += 1
        if SETTINGS.get("link_down") and self.calls > 1:  # after the identity check
            raise DutError("link down")
        if isinstance(request.body, ReadFirmwareVersionRequest):
            version = FirmwareVersion.parse(SETTINGS.get("firmware", "02030100"))
            body = ReadFirmwareVersionResponse(version)
            return [Response(request.request_id, request.target, request.srv, ResponseCode.I0, body)]
        return [Response(request.request_id, request.target, request.srv, ResponseCode.I0)]


def factory(model):
    return Fake(model)
"""


def fake_adapter(**settings: object) -> str:
    return FAKE.format(settings=settings)
