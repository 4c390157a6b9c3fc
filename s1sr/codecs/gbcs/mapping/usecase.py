"""What a use-case mapper provides: the SRV, and the body of each message kind both ways.

A family module (``top_up``, ``debt``...) builds one ``UseCase`` per GBCS use case it
maps. ``read_*`` turn a decoded message into a body (``CodecError`` for a payload that
means nothing valid); ``write_*`` rebuild a payload from a body and a template message
of the same use case (``ModelError`` when the template has no place for a value).
Responses whose body is not modelled (or not readable: encrypted) have no
``read_response``; their model is the outcome alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from s1sr.codecs.gbcs.header import GroupingHeader
from s1sr.codecs.gbcs.mapping.outcome import Outcome, outcome_of
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.models import SRV, RequestBody, ResponseBody

ReadRequest = Callable[[GbcsMessage], RequestBody]
WriteRequest = Callable[[RequestBody, GbcsMessage], Payload]
ReadResponse = Callable[[GbcsMessage, Outcome], ResponseBody | None]
WriteResponse = Callable[[ResponseBody, GbcsMessage], Payload]
ReadOutcome = Callable[[GbcsMessage], Outcome]


def generic_outcome(message: GbcsMessage) -> Outcome:
    return outcome_of(message.payload)


@dataclass(frozen=True)
class UseCase:
    name: str  # the GBCS use case, e.g. "CS01a"
    srv: SRV
    read_request: ReadRequest
    write_request: WriteRequest
    read_response: ReadResponse | None = None
    write_response: WriteResponse | None = None
    read_outcome: ReadOutcome = generic_outcome
    # how the outcome is written back when it changes; None: the generic DLMS / GBZ way
    write_outcome: Callable[[GbcsMessage, Outcome], Payload] | None = None
    # payload fields that repeat the envelope (transaction ids, system titles): called
    # with the payload, the template's header and the new header
    sync_envelope: Callable[[Payload, GroupingHeader, GroupingHeader], Payload] | None = None
