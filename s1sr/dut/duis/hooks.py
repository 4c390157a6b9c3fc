"""The emulator's test hooks (NOT DUIS): clock, reset, inventory and the readout.

``s1sr emulate --duis --test-hooks`` serves them under ``/s1sr/test-hooks/``, JSON in and
out, unsigned. A DUIS endpoint without them (a real DCC Boxed) answers the probe with
anything but a JSON ``now``: the DUT then has no clock control and no reset.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from s1sr.dut.duis.endpoint import HttpEndpoint
from s1sr.dut.duis.paths import HOOKS_PREFIX
from s1sr.dut.errors import DutError
from s1sr.models import InstallationInventory, Response, from_jsonable


def parse_instant(text: Any, where: str) -> datetime:
    if not isinstance(text, str):
        raise DutError(f"{where}: expected an ISO 8601 instant, got {text!r}")
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise DutError(f"{where}: {text!r} is not ISO 8601") from exc
    if value.tzinfo is None:
        raise DutError(f"{where}: {text!r} has no time zone")
    return value.astimezone(UTC)


def iso(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


class TestHooks:
    __test__ = False  # not a pytest class

    def __init__(self, endpoint: HttpEndpoint) -> None:
        self._endpoint = endpoint

    def probe(self) -> bool:
        """Whether the endpoint offers the hooks (``GET now`` answers a JSON instant)."""
        try:
            status, payload = self._endpoint.json("GET", f"{HOOKS_PREFIX}/now")
        except DutError:
            raise
        return status == 200 and isinstance(payload, dict) and isinstance(payload.get("now"), str)

    def now(self) -> datetime:
        return parse_instant(self._call("GET", "now").get("now"), "test hook now")

    def set_clock(self, instant: datetime) -> datetime:
        answer = self._call("POST", "clock", {"set": iso(instant)})
        return parse_instant(answer.get("now"), "test hook clock")

    def advance(self, seconds: float) -> datetime:
        answer = self._call("POST", "clock", {"advance_seconds": seconds})
        return parse_instant(answer.get("now"), "test hook clock")

    def reset(self) -> None:
        answer = self._call("POST", "reset", {})
        if answer.get("ok") is not True:
            raise DutError(f"test hook reset refused: {answer}")

    def inventory(self) -> InstallationInventory:
        answer = self._call("GET", "inventory")
        try:
            inventory = from_jsonable(answer)
        except Exception as exc:
            raise DutError(f"test hook inventory does not decode: {exc}") from exc
        if not isinstance(inventory, InstallationInventory):
            raise DutError(f"test hook inventory is a {type(inventory).__name__}")
        return inventory

    def readout(self, request_id: str) -> Response | None:
        status, payload = self._endpoint.json(
            "GET", f"{HOOKS_PREFIX}/readout?request-id={quote(request_id, safe='')}"
        )
        if status == 404:
            return None
        if status != 200 or not isinstance(payload, dict) or "response" not in payload:
            raise DutError(f"test hook readout of {request_id}: HTTP {status}")
        try:
            response = from_jsonable(payload["response"])
        except Exception as exc:
            raise DutError(f"test hook readout of {request_id} does not decode: {exc}") from exc
        if not isinstance(response, Response):
            raise DutError(f"test hook readout of {request_id} is a {type(response).__name__}")
        return response

    def _call(self, method: str, name: str, payload: Any = None) -> dict[str, Any]:
        status, answer = self._endpoint.json(method, f"{HOOKS_PREFIX}/{name}", payload)
        if status != 200 or not isinstance(answer, dict):
            raise DutError(f"test hook {name}: HTTP {status} {answer!r:.200}")
        return answer
