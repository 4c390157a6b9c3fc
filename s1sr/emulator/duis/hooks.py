"""The test hooks: clock, reset, inventory and readouts over ``/s1sr/test-hooks/`` (NOT DUIS).

Only with ``--test-hooks``, only from loopback, JSON in and out, unsigned. They let the
whole conformance matrix run over DUIS in virtual time; a real DCC has none of them.

- ``GET inventory``: the installation's ``InstallationInventory`` (the project's JSON view)
- ``GET now``: ``{"now": ISO}`` once every callback queued before it was delivered (the
  DCC User's barrier after a request: what the request raised has arrived); ``POST clock``
  ``{"set": ISO}`` or ``{"advance_seconds": N}`` answers ``{"now": ISO}`` once what the
  change raised was delivered to the callback
- ``POST reset``: ``{"ok": true}``, the callback queue drained first
- ``GET readout?request-id=ID``: ``{"response": <the Response the device produced>}`` or 404
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

from s1sr.emulator.duis.endpoint import DuisEndpoint, HttpAnswer, text_answer
from s1sr.models import AdvanceClock, ModelError, SetClock

PREFIX = "/s1sr/test-hooks/"
JSON = "application/json"


def _json(value: object, status: int = 200) -> HttpAnswer:
    return HttpAnswer(status, JSON, json.dumps(value).encode("utf-8"))


def iso(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _instant(text: object) -> datetime:
    if not isinstance(text, str):
        raise ValueError("set: an ISO 8601 instant")
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None or value.utcoffset() != timedelta(0):
        raise ValueError(f"set: a UTC instant (ending Z), got {text!r:.40}")
    return value.astimezone(UTC)


def _action(document: object) -> object:
    if not isinstance(document, dict) or len(document) != 1:
        raise ValueError('give {"set": ISO} or {"advance_seconds": N}')
    ((name, value),) = document.items()
    if name == "set":
        return SetClock(_instant(value))
    if name == "advance_seconds":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ValueError("advance_seconds: a number")
        if value != int(value) or value < 0:
            raise ValueError("advance_seconds: a whole, non-negative number of seconds")
        return AdvanceClock(int(value))
    raise ValueError(f"unknown clock action {name!r:.40}")


def hook(endpoint: DuisEndpoint, method: str, path: str, query: str, body: bytes) -> HttpAnswer:
    name = path[len(PREFIX) :]
    if method == "GET" and name == "inventory":
        return _json(endpoint.inventory())
    if method == "GET" and name == "now":
        return _json({"now": iso(endpoint.settled_now())})
    if method == "GET" and name == "readout":
        wanted = parse_qs(query).get("request-id", [])
        found = endpoint.readout(wanted[0]) if len(wanted) == 1 else None
        if found is None:
            return text_answer(404, "no readout for that request-id")
        return _json({"response": found})
    if method == "POST" and name == "clock":
        try:
            action = _action(json.loads(body or b"null"))
        except (ValueError, ModelError) as exc:  # JSONDecodeError is a ValueError
            return text_answer(400, str(exc))
        refusal = endpoint.control(action)
        if refusal is not None:
            return text_answer(409, refusal)
        return _json({"now": iso(endpoint.now())})
    if method == "POST" and name == "reset":
        endpoint.reset()
        return _json({"ok": True})
    if name in ("inventory", "now", "readout", "clock", "reset"):
        return text_answer(405, f"{method} is not allowed on {path}")
    return text_answer(404, f"no test hook {path}")
