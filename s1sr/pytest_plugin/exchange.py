"""``Exchange``: one request and everything that answered it, as a test reads it."""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.dut import Frame
from s1sr.models import Alert, Message, Request, Response, ResponseCode, is_timeout


@dataclass(frozen=True)
class Exchange:
    request: Request
    messages: tuple[Message, ...]
    frames: tuple[Frame, ...]

    @property
    def response(self) -> Response | None:
        """The response to this request, if the DUT gave one (not an I99 acknowledgement)."""
        return next(
            (
                m
                for m in self.messages
                if isinstance(m, Response)
                and m.request_id == self.request.request_id
                and m.code is not ResponseCode.I99
            ),
            None,
        )

    @property
    def acknowledged(self) -> bool:
        """The DCC acknowledged the request (I99) before its answer."""
        return any(
            isinstance(m, Response)
            and m.request_id == self.request.request_id
            and m.code is ResponseCode.I99
            for m in self.messages
        )

    @property
    def response_code(self) -> ResponseCode | None:
        response = self.response
        return None if response is None else response.code

    @property
    def alerts(self) -> tuple[Alert, ...]:
        return tuple(m for m in self.messages if isinstance(m, Alert))

    @property
    def alert_codes(self) -> frozenset[str]:
        return frozenset(a.code for a in self.alerts)

    @property
    def timed_out(self) -> bool:
        """S1CE20 answered this request: the device never did."""
        return any(is_timeout(a) and a.request_id == self.request.request_id for a in self.alerts)

    def summary(self) -> str:
        """One line in domain terms, e.g. ``2.2 -> response E3; alerts S1PX01``."""
        parts = []
        response = self.response
        if self.acknowledged:
            parts.append("acknowledged I99")
        if response is not None:
            parts.append(f"response {response.code.value}")
        else:
            parts.append("no response")
        if self.alerts:
            parts.append("alerts " + ", ".join(a.code for a in self.alerts))
        return f"{self.request.srv.value} -> " + "; ".join(parts)
