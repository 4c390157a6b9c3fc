"""When a request has its final answer: a response to it, or an alert that names it.

An I99 response is the DCC's acknowledgement that the request was taken: the answer is still
to come (a response or an alert), so it is not final.
"""

from __future__ import annotations

from s1sr.models import Alert, Message, Request, Response, ResponseCode


def is_final(message: Message, request: Request) -> bool:
    if isinstance(message, Response):
        return (
            message.request_id == request.request_id
            and message.target == request.target
            and message.code is not ResponseCode.I99
        )
    if isinstance(message, Alert):
        return message.request_id == request.request_id
    return False
