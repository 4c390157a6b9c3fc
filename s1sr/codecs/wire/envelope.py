"""Payload schemas of the three DUIS-side kinds: the kind's envelope fields, then the body.

A request's payload is the DCC User id and the SRV's request body; a response's, its
code and an optional body; an alert's, when it was raised, its code and a free-text
detail. Which body schema applies is decided by the header's SRV, so a schema per SRV
is built once here. Every payload schema ends with ``Terminated``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from construct import Construct, Int8ub, Int16ub, Terminated

from s1sr.codecs.primitives import BoundedText, Eui64Field, StrictAdapter
from s1sr.codecs.wire.bodies import REQUEST_SCHEMAS, RESPONSE_SCHEMAS
from s1sr.codecs.wire.fields import Presence, Timestamp, enum_field
from s1sr.codecs.wire.record import Record
from s1sr.models.envelope import ResponseCode
from s1sr.models.srv import SRV

MAX_ALERT_CODE = 16
MAX_DETAIL_CHARACTERS = 1024  # the Alert model's limit
MAX_DETAIL_BYTES = 4 * MAX_DETAIL_CHARACTERS  # UTF-8 needs at most 4 bytes a character
_ALERT_CODE = re.compile(r"[A-Z][A-Z0-9]{1,15}")


class AlertCodeAdapter(StrictAdapter):
    """uint8 length, then 2-16 characters: an upper-case letter, then letters and digits."""

    def __init__(self) -> None:
        super().__init__(BoundedText(Int8ub, MAX_ALERT_CODE))

    def decode(self, raw: str) -> str:
        if not _ALERT_CODE.fullmatch(raw):
            raise ValueError(f"{raw!r} is not an alert code ([A-Z][A-Z0-9]{{1,15}})")
        return raw

    def encode(self, value: str) -> str:
        return self.decode(value)


class AlertDetailAdapter(StrictAdapter):
    """uint16 length, then UTF-8 (at most 4096 bytes) of at most 1024 characters."""

    def __init__(self) -> None:
        super().__init__(BoundedText(Int16ub, MAX_DETAIL_BYTES))

    def decode(self, raw: str) -> str:
        if len(raw) > MAX_DETAIL_CHARACTERS:
            raise ValueError(f"{len(raw)} characters is over {MAX_DETAIL_CHARACTERS}")
        return raw

    def encode(self, value: str) -> str:
        return value


def _request_payload(body: Construct) -> Construct:
    return Record("user_id" / Eui64Field, "body" / body, Terminated)


def _response_payload(body: Construct) -> Construct:
    return Record("code" / enum_field(ResponseCode), "body" / Presence(body), Terminated)


REQUEST_PAYLOADS: Mapping[SRV, Construct] = MappingProxyType(
    {srv: _request_payload(schema) for srv, schema in REQUEST_SCHEMAS.items()}
)
RESPONSE_PAYLOADS: Mapping[SRV, Construct] = MappingProxyType(
    {srv: _response_payload(schema) for srv, schema in RESPONSE_SCHEMAS.items()}
)
ALERT_PAYLOAD = Record(
    "raised_at" / Timestamp,
    "code" / AlertCodeAdapter(),
    "detail" / AlertDetailAdapter(),
    Terminated,
)
