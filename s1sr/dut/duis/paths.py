"""Where a DUIS request is POSTed, by its CommandVariant (DCC Boxed's endpoints)."""

from __future__ import annotations

from s1sr.codecs.duis import CommandVariant
from s1sr.dut.errors import DutError

CALLBACK_PATH = "/smartdcc/duis"
HOOKS_PREFIX = "/s1sr/test-hooks"
_PATHS = {
    1: "/api/v1/serviceS",
    5: "/api/v1/serviceS",
    2: "/api/v1/serviceD",
    6: "/api/v1/serviceD",
    8: "/api/v1/serviceD",
    4: "/api/v1/serviceT",
}


def service_path(variant: CommandVariant | int) -> str:
    """``/api/v1/serviceS`` for 1 and 5, ``serviceD`` for 2, 6, 8, ``serviceT`` for 4."""
    try:
        return _PATHS[int(variant)]
    except KeyError:
        raise DutError(
            f"CommandVariant {int(variant)} has no DUIS endpoint (DCC Boxed refuses 3 and 7)"
        ) from None
