"""When a request has its final answer: a response to it, or an alert that names it."""

from __future__ import annotations

from s1sr.models import Alert, Message, Request, Response


def is_final(message: Message, request: Request) -> bool:
    if isinstance(message, Response):
        return message.request_id == request.request_id and message.target == request.target
    if isinstance(message, Alert):
        return message.request_id == request.request_id
    return False
