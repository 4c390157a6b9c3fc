"""Typed SRV models: plain frozen dataclasses at the centre of s1sr.

Nothing here imports any other part of s1sr; codecs, the emulator and the suite all
speak these types.
"""

from s1sr.models.dates import INDEFINITE, INDEFINITE_DATE, EndDate, Indefinite, end_date, utc
from s1sr.models.device_id import EUI64
from s1sr.models.device_type import DeviceType
from s1sr.models.energy import Energy, EnergyUnit
from s1sr.models.envelope import (
    Alert,
    Message,
    Request,
    RequestBody,
    Response,
    ResponseBody,
    ResponseCode,
)
from s1sr.models.errors import ModelError
from s1sr.models.money import Money
from s1sr.models.srv import SRV

__all__ = [
    "EUI64",
    "INDEFINITE",
    "INDEFINITE_DATE",
    "SRV",
    "Alert",
    "DeviceType",
    "EndDate",
    "Energy",
    "EnergyUnit",
    "Indefinite",
    "Message",
    "ModelError",
    "Money",
    "Request",
    "RequestBody",
    "Response",
    "ResponseBody",
    "ResponseCode",
    "end_date",
    "utc",
]
