"""How a meter answers: success, refusal, or silence.

DUIS's public response codes are the DCC's (authorisation, validation, communications);
none names "the device refused the command". The project answers a device refusal with
``REFUSED`` and an SRV the meter does not serve with ``UNSUPPORTED`` (E11, "Service
Request / device type combination"). Conformance tests check ``is_success``, never
which E code, so changing ``REFUSED`` is a one-line decision.
"""

from __future__ import annotations

from s1sr.emulator.device import Reply, Silence
from s1sr.models import Request, Response, ResponseBody, ResponseCode

REFUSED = ResponseCode.E12
UNSUPPORTED = ResponseCode.E11


def success(request: Request, body: ResponseBody) -> Reply:
    return Reply(Response(request.request_id, request.target, request.srv, ResponseCode.I0, body))


def refusal(request: Request, code: ResponseCode = REFUSED) -> Reply:
    return Reply(Response(request.request_id, request.target, request.srv, code))


def silence(request: Request, reason: str) -> Silence:
    return Silence(f"{request.srv}: {reason}")
