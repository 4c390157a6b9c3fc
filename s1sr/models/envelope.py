"""The three message kinds every transport carries: Request, Response, Alert.

Per-SRV payloads (``RequestBody`` / ``ResponseBody`` subclasses) hold the SRV-specific
fields; the envelope holds what routing and correlation need. The SRV of a message is
derived from its body's class, so a body can never be sent under the wrong SRV.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from s1sr.models.dates import require_instant
from s1sr.models.device_id import EUI64
from s1sr.models.errors import ModelError
from s1sr.models.srv import SRV

MAX_REQUEST_ID = (1 << 64) - 1
_ALERT_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")


class RequestBody:
    """Base of per-SRV request payloads (frozen dataclasses)."""

    srv: ClassVar[SRV]


class ResponseBody:
    """Base of per-SRV response payloads (frozen dataclasses)."""

    srv: ClassVar[SRV]


class ResponseCode(StrEnum):
    """DUIS response codes seen in public samples (domain-notes section 3)."""

    I0 = "I0"  # success
    I99 = "I99"  # acknowledgement
    E1 = "E1"
    E2 = "E2"
    E3 = "E3"
    E4 = "E4"
    E5 = "E5"
    E11 = "E11"
    E12 = "E12"
    E13 = "E13"
    E17 = "E17"
    E19 = "E19"
    E20 = "E20"
    E21 = "E21"
    E30 = "E30"
    E65 = "E65"

    @property
    def is_success(self) -> bool:
        return self is ResponseCode.I0


def _check_request_id(value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_REQUEST_ID:
        raise ModelError(f"request_id must be a uint64, got {value!r}")


def _check_eui(value: EUI64, field: str) -> None:
    if not isinstance(value, EUI64):
        raise ModelError(f"{field} must be an EUI64, got {type(value).__name__}")


@dataclass(frozen=True)
class Request:
    request_id: int
    user_id: EUI64  # the DCC User (supplier) that sends it: split supply checks this
    target: EUI64
    body: RequestBody

    def __post_init__(self) -> None:
        _check_request_id(self.request_id)
        _check_eui(self.user_id, "user_id")
        _check_eui(self.target, "target")
        if not isinstance(self.body, RequestBody):
            raise ModelError(f"body must be a RequestBody, got {type(self.body).__name__}")

    @property
    def srv(self) -> SRV:
        return self.body.srv


@dataclass(frozen=True)
class Response:
    request_id: int
    target: EUI64
    srv: SRV
    code: ResponseCode
    body: ResponseBody | None = None

    def __post_init__(self) -> None:
        _check_request_id(self.request_id)
        _check_eui(self.target, "target")
        if not isinstance(self.srv, SRV):
            raise ModelError(f"srv must be an SRV, got {self.srv!r}")
        if not isinstance(self.code, ResponseCode):
            raise ModelError(f"code must be a ResponseCode, got {self.code!r}")
        if self.body is not None:
            if not isinstance(self.body, ResponseBody):
                raise ModelError(f"body must be a ResponseBody, got {type(self.body).__name__}")
            if self.body.srv is not self.srv:
                raise ModelError(f"body is for SRV {self.body.srv}, response is for {self.srv}")


@dataclass(frozen=True)
class Alert:
    """An S1SP alert (e.g. S1CE20) or a device alert relayed by the S1SP.

    Alert codes are data (the catalogue lists the known ones); the model only checks
    their shape, because SMETS1 alert codes beyond S1CE20 are not public.
    """

    code: str
    target: EUI64
    raised_at: datetime
    request_id: int | None = None  # the request it answers, if any
    srv: SRV | None = None
    detail: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not _ALERT_CODE.match(self.code):
            raise ModelError(f"alert code must be upper-case alphanumeric, got {self.code!r}")
        _check_eui(self.target, "target")
        require_instant(self.raised_at, "raised_at")
        if self.request_id is not None:
            _check_request_id(self.request_id)
        if self.srv is not None and not isinstance(self.srv, SRV):
            raise ModelError(f"srv must be an SRV, got {self.srv!r}")
        if not isinstance(self.detail, str) or len(self.detail) > 1024:
            raise ModelError("detail must be a str of at most 1024 characters")
        try:
            self.detail.encode("utf-8")
        except UnicodeEncodeError:
            raise ModelError("detail must be encodable as UTF-8 (no lone surrogates)") from None


Message = Request | Response | Alert
