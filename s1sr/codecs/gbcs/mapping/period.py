"""Use cases whose request is a read period and whose response rows may be unreadable.

The log reads (4.4.x, 4.6.1, 4.8.1) all ask for the entries between two instants. Their
GBCS responses mostly carry the entries encrypted: the response model is then the
outcome with no body, and only an empty result (nothing found) has a body to show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from s1sr.codecs.gbcs.mapping.outcome import Outcome, outcome_of
from s1sr.codecs.gbcs.mapping.usecase import ReadResponse, UseCase, WriteResponse
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.models import SRV, ModelError, RequestBody, ResponseBody

ReadPeriod = Callable[[GbcsMessage], tuple[datetime, datetime]]
WritePeriod = Callable[[GbcsMessage, datetime, datetime], Payload]


def period_use_case(
    name: str,
    srv: SRV,
    body_type: type[RequestBody],
    read_period: ReadPeriod,
    write_period: WritePeriod,
    *,
    read_response: ReadResponse | None = None,
    write_response: WriteResponse | None = None,
) -> UseCase:
    def read(message: GbcsMessage) -> RequestBody:
        start, end = read_period(message)
        return body_type(start, end)  # type: ignore[call-arg]

    def write(body: RequestBody, template: GbcsMessage) -> Payload:
        if not isinstance(body, body_type):
            raise ModelError(f"body: expected {body_type.__name__}, got {type(body).__name__}")
        return write_period(template, body.start, body.end)  # type: ignore[attr-defined]

    return UseCase(name, srv, read, write, read_response, write_response)


def empty_when_not_found(response_type: type[ResponseBody]) -> tuple[ReadResponse, WriteResponse]:
    """Readers for encrypted logs: a 'not found' is an empty log, anything else no body."""

    def read(message: GbcsMessage, outcome: Outcome) -> ResponseBody | None:
        return response_type(()) if outcome is Outcome.NOT_FOUND else None  # type: ignore[call-arg]

    def write(body: ResponseBody, template: GbcsMessage) -> Payload:
        if (
            getattr(body, "entries", None) == ()
            and outcome_of(template.payload) is Outcome.NOT_FOUND
        ):
            return template.payload
        raise ModelError("body: GBCS carries these entries encrypted; keys are out of scope")

    return read, write
