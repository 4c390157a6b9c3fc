"""Building the replies and alerts HAN devices return, so every one names its request."""

from __future__ import annotations

from datetime import datetime

from s1sr.emulator.device import Reply
from s1sr.models import EUI64, SRV, Alert, Request, Response, ResponseBody, ResponseCode


def ok(request: Request, body: ResponseBody | None = None, *alerts: Alert) -> Reply:
    """Success (I0) for ``request``, with its body and any alerts raised on the way."""
    response = Response(request.request_id, request.target, request.srv, ResponseCode.I0, body)
    return Reply(response, tuple(alerts))


def refused(request: Request, code: ResponseCode, *alerts: Alert) -> Reply:
    """A non-success response to ``request``: nothing about the device changed."""
    return Reply(Response(request.request_id, request.target, request.srv, code), tuple(alerts))


def alert(
    code: str,
    target: EUI64,
    now: datetime,
    *,
    request_id: int | None = None,
    srv: SRV | None = None,
    detail: str = "",
) -> Alert:
    return Alert(code, target, now, request_id=request_id, srv=srv, detail=detail[:1024])
