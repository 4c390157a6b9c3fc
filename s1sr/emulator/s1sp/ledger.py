"""What the S1SP remembers of each request: its answer, or the timeout it is waiting on.

A request is identified by its User, target and request id. Submitting the same request
again (a retry) gets the answer already given and applies nothing twice; the same
identity with another body is a different request reusing an id, refused by the S1SP.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from s1sr.emulator.timers import Deadline, Timer
from s1sr.models import EUI64, Message, Request

RequestKey = tuple[EUI64, EUI64, int]


class State(StrEnum):
    ANSWERED = "answered"  # by the device, or by the S1SP instead of it
    PENDING = "pending"  # forwarded; the device has not answered; the timeout runs
    TIMED_OUT = "timed-out"  # the S1SP raised S1CE20


@dataclass
class Record:
    request: Request
    received_at: datetime
    state: State
    messages: list[Message] = field(default_factory=list)
    deadline: Deadline | None = None
    timer: Timer | None = None
    reason: str = ""  # why the device stayed silent, as evidence


@dataclass(frozen=True)
class PendingRequest:
    """A forwarded request the device has not answered yet."""

    request: Request
    forwarded_at: datetime
    deadline: datetime  # when the S1SP raises S1CE20
    reason: str


def key_of(request: Request) -> RequestKey:
    return (request.user_id, request.target, request.request_id)


class Ledger:
    """Records in arrival order; the oldest settled ones are forgotten past ``capacity``."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self._capacity = capacity
        self._records: OrderedDict[RequestKey, Record] = OrderedDict()

    def get(self, request: Request) -> Record | None:
        return self._records.get(key_of(request))

    def add(self, record: Record) -> None:
        self._records[key_of(record.request)] = record
        if len(self._records) > self._capacity:
            for key, old in list(self._records.items()):
                if len(self._records) <= self._capacity:
                    break
                if old.state is not State.PENDING:
                    del self._records[key]

    def pending(self) -> list[Record]:
        return [r for r in self._records.values() if r.state is State.PENDING]

    def find_pending(self, target: EUI64, request_id: int) -> Record | None:
        for record in self._records.values():
            request = record.request
            if (
                record.state is State.PENDING
                and request.target == target
                and request.request_id == request_id
            ):
                return record
        return None

    def clear(self) -> list[Record]:
        """Forget everything; the records that were pending (their timers to cancel)."""
        pending = self.pending()
        self._records.clear()
        return pending

    def __len__(self) -> int:
        return len(self._records)
