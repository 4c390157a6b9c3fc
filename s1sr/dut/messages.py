"""``MessageDut``: the shortest way for a manufacturer to put a device under test.

Implement ``inventory()`` and ``handle(request) -> messages`` (with ``now`` and the clock
and reset hooks if the harness has them); this base carries every message through the wire
codec so evidence holds real frames, and checks that an answer came. A device that stays
silent is answered by the S1SP's S1CE20 (``s1sr.models.timeout_alert``): ``handle`` returns
that alert, since only the harness knows when its S1SP timeout has elapsed.

A message that comes after its exchange has ended (an alert naming an earlier request, a
future-dated activation completing) is handed over with ``arrived(message)``, from any
thread: it is part of the next exchange, framed and recorded before that exchange's request
(it came first), and the tests read it there.
"""

from __future__ import annotations

import threading
from abc import abstractmethod
from collections.abc import Iterable
from datetime import datetime

from s1sr.codecs.errors import CodecError
from s1sr.dut.base import DeviceUnderTest, DutExchange
from s1sr.dut.capability import Capability
from s1sr.dut.errors import DutError
from s1sr.dut.final import is_final
from s1sr.dut.frames import Direction, Frame, carry
from s1sr.models import Alert, Message, Request, Response

_LATE_LOCK = threading.Lock()  # arrived() may be called from a harness's own thread


class MessageDut(DeviceUnderTest):
    name = "python adapter"
    _late: list[Message] | None = None

    def arrived(self, message: Message) -> None:
        """A message the device sent outside an exchange: recorded with the next one."""
        if not isinstance(message, Request | Response | Alert):
            raise DutError(f"the adapter handed over a {type(message).__name__}, not a message")
        with _LATE_LOCK:
            if self._late is None:
                self._late = []
            self._late.append(message)

    def _take_late(self) -> list[Message]:
        with _LATE_LOCK:
            late, self._late = self._late or [], []
        return late

    @abstractmethod
    def handle(self, request: Request) -> Iterable[Message]:
        """Deliver ``request``; every message the device (and its S1SP) answered with."""

    def exchange(self, request: Request) -> DutExchange:
        answers: list[Message] = []
        frames: list[Frame] = []
        for message in self._take_late():  # came before this request was sent
            self._carry(message, answers, frames)
        try:
            sent, carried = carry(Direction.OUT, request, virtual_time=self._virtual_now())
        except CodecError as exc:  # the codec must round-trip its own frames
            raise DutError(f"the request does not survive the wire codec: {exc}") from exc
        frames.append(sent)
        for message in self.handle(carried):  # type: ignore[arg-type]
            if not isinstance(message, Request | Response | Alert):
                raise DutError(f"the adapter answered a {type(message).__name__}, not a message")
            self._carry(message, answers, frames)
        for message in self._take_late():  # handed over while handle() ran
            self._carry(message, answers, frames)
        if not any(is_final(m, request) for m in answers):
            raise DutError(f"no response or alert answered request {request.request_id}")
        return DutExchange(request, tuple(answers), tuple(frames))

    def _carry(self, message: Message, answers: list[Message], frames: list[Frame]) -> None:
        item, received = carry(Direction.IN, message, virtual_time=self._virtual_now())
        answers.append(received)  # type: ignore[arg-type]
        frames.append(item)

    def _virtual_now(self) -> datetime | None:
        return self.now() if self.has(Capability.CLOCK_CONTROL) else None
