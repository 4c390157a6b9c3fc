"""The ``--dut`` value: ``emulator``, ``tcp://HOST:PORT``, ``duis+http(s)://HOST:PORT`` or
``python:module:factory``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_TCP = re.compile(r"^tcp://(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?P<port>\d{1,5})$")
_DUIS = re.compile(
    r"^duis\+(?P<scheme>https?)://(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?P<port>\d{1,5})/?$"
)
_PYTHON = re.compile(r"^python:(?P<module>[A-Za-z_][\w.]*):(?P<attr>[A-Za-z_]\w*)$")


class DutKind(StrEnum):
    EMULATOR = "emulator"
    TCP = "tcp"
    DUIS = "duis"
    PYTHON = "python"


class DutSpecError(ValueError):
    pass


@dataclass(frozen=True)
class DutSpec:
    kind: DutKind
    host: str = ""
    port: int = 0
    module: str = ""
    attribute: str = ""
    scheme: str = ""  # DUIS: http or https

    @classmethod
    def parse(cls, text: str) -> DutSpec:
        if text == "emulator":
            return cls(DutKind.EMULATOR)
        if match := _TCP.match(text):
            port = int(match["port"])
            if not 0 < port < 65536:
                raise DutSpecError(f"--dut {text}: tcp://HOST:PORT needs a port in 1..65535")
            return cls(DutKind.TCP, host=match["host"].strip("[]"), port=port)
        if match := _DUIS.match(text):
            port = int(match["port"])
            if not 0 < port < 65536:
                raise DutSpecError(f"--dut {text}: duis+http://HOST:PORT needs a port in 1..65535")
            return cls(
                DutKind.DUIS, host=match["host"].strip("[]"), port=port, scheme=match["scheme"]
            )
        if match := _PYTHON.match(text):
            return cls(DutKind.PYTHON, module=match["module"], attribute=match["attr"])
        raise DutSpecError(
            f"--dut {text!r}: expected 'emulator', 'tcp://HOST:PORT', 'duis+http://HOST:PORT' "
            "(or duis+https) or 'python:module:factory'"
        )

    def __str__(self) -> str:
        if self.kind is DutKind.TCP:
            host = f"[{self.host}]" if ":" in self.host else self.host
            return f"tcp://{host}:{self.port}"
        if self.kind is DutKind.DUIS:
            host = f"[{self.host}]" if ":" in self.host else self.host
            return f"duis+{self.scheme}://{host}:{self.port}"
        if self.kind is DutKind.PYTHON:
            return f"python:{self.module}:{self.attribute}"
        return "emulator"
