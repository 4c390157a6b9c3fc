"""Request intake: from the bytes a DCC User POSTed to a typed request the S1SP may take.

In order: the size bound, a safe parse, the schema (when one is given), the signature
against the trusted key folder, the signer being the request's originator (E1), the
originator's counter strictly increasing (a replay is refused), the CommandVariant against
the URL and the SRV (E13, E12), the body as the project's typed request, and the target
being a device the S1SP knows (E19). Whether the user may reach that device is the
emulated S1SP's own decision (E4, or its split-supply alert), so it stays with it.

DUIS has no code the project can cite for a document that is not one (unparseable,
schema-invalid, unsigned, badly signed) or for a replayed counter: those are HTTP 400
and 409 with a short reason, the project's choice (docs/duis.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from s1sr.codecs.duis import (
    CodecError,
    DuisRequest,
    DuisSchema,
    KeyStore,
    SignatureError,
    verify,
)
from s1sr.codecs.duis.constants import MAX_DOCUMENT_BYTES
from s1sr.codecs.duis.request import request_from_element
from s1sr.codecs.duis.safe import parse_document
from s1sr.codecs.duis.views import to_model
from s1sr.emulator.duis.counters import CounterBook
from s1sr.emulator.duis.identity import user_of
from s1sr.emulator.duis.routes import route_refusal
from s1sr.models import EUI64, DeviceType, ModelError, Request, ResponseCode

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = MAX_DOCUMENT_BYTES  # the codec's own bound: a 4 MiB firmware image fits


@dataclass(frozen=True)
class Refused:
    """Not a DUIS answer: an HTTP status (400, 409, 413) and a short reason."""

    status: int
    reason: str


@dataclass(frozen=True)
class Errored:
    """A signed, well-formed request the DCC refuses with a DUIS E code, synchronously."""

    request: DuisRequest
    code: ResponseCode
    reason: str


@dataclass(frozen=True)
class Accepted:
    request: DuisRequest
    model: Request


Outcome = Refused | Errored | Accepted


class Intake:
    def __init__(
        self,
        keys: KeyStore,
        device_type_of: Callable[[EUI64], DeviceType | None],
        *,
        schema: DuisSchema | None = None,
        max_body: int = DEFAULT_MAX_BODY,
        counters: CounterBook | None = None,
    ) -> None:
        self.keys = keys
        self.schema = schema
        self.max_body = max_body
        self.counters = counters or CounterBook()
        self._device_type_of = device_type_of

    def take(self, path: str, data: bytes) -> Outcome:
        if len(data) > self.max_body:
            return Refused(413, f"body of {len(data)} bytes is over {self.max_body}")
        try:
            root = parse_document(data, "request")
            if self.schema is not None:
                self.schema.check(root)
            verified = verify(data, self.keys, datetime.now(UTC), parsed=root)
            request = request_from_element(verified.signed)
        except SignatureError as exc:
            return Refused(400, f"signature: {exc}")
        except (CodecError, ModelError) as exc:
            return Refused(400, f"invalid request: {exc}")
        except Exception as exc:
            log.warning("verifying a request raised %s: %s", type(exc).__name__, exc)
            return Refused(400, f"signature: not verifiable ({type(exc).__name__})")
        header = request.header
        request_id = header.request_id
        signer = user_of(verified.signer.name)
        if signer != request_id.originator:
            return Errored(
                request,
                ResponseCode.E1,
                f"signed by {verified.signer.name}, not by originator {request_id.originator}",
            )
        last = self.counters.take(request_id.originator, request_id.counter)
        if last is not None:
            return Refused(
                409, f"counter {request_id.counter} of {request_id.originator} is not above {last}"
            )
        refusal = route_refusal(path, header.command_variant, header.srv)
        if refusal is not None:
            return Errored(
                request,
                refusal,
                f"CommandVariant {int(header.command_variant)} of SRV {header.srv} on {path}",
            )
        named = _named_device(request)
        device_type = self._device_type_of(named)
        if device_type is None and header.srv == "8.11":
            return Errored(request, ResponseCode.E19, f"8.11 names {named}, which is unknown")
        try:
            model = to_model(request, device_type=device_type)
        except (CodecError, ModelError) as exc:
            return Refused(400, f"invalid request: {exc}")
        if self._device_type_of(model.target) is None:
            return Errored(request, ResponseCode.E19, f"no device {model.target}")
        return Accepted(request, model)


def _named_device(request: DuisRequest) -> EUI64:
    """The device whose type the typed view needs: 8.11's is the one its body adds or
    removes (DUIS does not say its type; the installation knows it), else the target."""
    device = request.body.find("DeviceID")
    if request.header.srv == "8.11" and device is not None and device.text:
        try:
            return EUI64.parse(device.text.strip())
        except (ModelError, ValueError):
            pass
    return request.header.request_id.target
