"""SRV 8.6 Service Opt In: a device that had opted out of DCC services opts back in.

DUIS addresses 8.6 to the DCC (CommandVariant 8, DCC only) and names the device in the
body; the model's ``Request.target`` is that device, as for 11.1. The body says the
device's type, its MPxNs (an import MPAN or MPRN, and for an electricity meter possibly a
secondary import and an export MPAN) and the date the opt-in takes effect. Service opt
out is 8.5 (``credentials``). The DCC answers 8.6 itself: its response carries nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from s1sr.models.checks import check_enum
from s1sr.models.credentials import check_mpxn
from s1sr.models.dates import require_date
from s1sr.models.device_type import DeviceType
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.srv import SRV

MPAN_DIGITS = 13


@dataclass(frozen=True)
class ServiceOptInRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.SERVICE_OPT_IN

    device_type: DeviceType
    import_mpxn: str
    opt_in_date: date
    secondary_import_mpan: str | None = None
    export_mpan: str | None = None

    def __post_init__(self) -> None:
        check_enum(self.device_type, DeviceType, "device_type")
        check_mpxn(self.import_mpxn, "import_mpxn", 1)
        for name in ("secondary_import_mpan", "export_mpan"):
            value = getattr(self, name)
            if value is not None:
                check_mpxn(value, name, MPAN_DIGITS)
        try:
            require_date(self.opt_in_date, "opt_in_date")
        except ModelError as exc:
            raise ModelError(f"opt_in_date: {exc}") from None


@dataclass(frozen=True)
class ServiceOptInResponse(ResponseBody):
    """The DCC's acknowledgement: success is the response code; no body beyond it."""

    srv: ClassVar[SRV] = SRV.SERVICE_OPT_IN
