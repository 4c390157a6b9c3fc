"""The envelope both ways: grouping header <-> Request / Response ids and devices.

A command's originator counter is the request id, its originator the DCC User, its
recipient the target device. A response echoes the counter and comes from the device,
so the response's target is the header's originator. DLMS invoke ids repeat the low 24
bits of the counter; when a template's do, a new request id moves them along.
"""

from __future__ import annotations

from dataclasses import replace

from s1sr.codecs.gbcs.dlms_apdu import DlmsPayload
from s1sr.codecs.gbcs.header import GroupingHeader
from s1sr.codecs.gbcs.mapping.outcome import Outcome
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.models import SRV, Request, RequestBody, Response, ResponseBody

INVOKE_MASK = 0xFFFFFF


def request_of(message: GbcsMessage, body: RequestBody) -> Request:
    h = message.header
    return Request(h.originator_counter, h.originator, h.recipient, body)


def response_of(
    message: GbcsMessage, srv: SRV, outcome: Outcome, body: ResponseBody | None
) -> Response:
    h = message.header
    return Response(h.originator_counter, h.originator, srv, outcome.code, body)


def command_header(template: GroupingHeader, request: Request) -> GroupingHeader:
    return replace(
        template,
        originator_counter=request.request_id,
        originator=request.user_id,
        recipient=request.target,
    )


def response_header(template: GroupingHeader, response: Response) -> GroupingHeader:
    return replace(template, originator_counter=response.request_id, originator=response.target)


def sync_invoke_id(payload: Payload, old_counter: int, new_counter: int) -> Payload:
    """Move a DLMS invoke id that repeats the counter along with the counter."""
    if not isinstance(payload, DlmsPayload):
        return payload
    apdu = payload.apdu
    if (apdu.long_invoke_id & INVOKE_MASK) != (old_counter & INVOKE_MASK):
        return payload
    invoke = (apdu.long_invoke_id & ~INVOKE_MASK) | (new_counter & INVOKE_MASK)
    return DlmsPayload(replace(apdu, long_invoke_id=invoke))
