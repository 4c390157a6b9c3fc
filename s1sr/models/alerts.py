"""What the clauses need of S1SP alerts beyond the ``Alert`` envelope.

SMETS1 alert codes are data (the catalogue lists them); only S1CE20, the one the
Uplift 2.1 clauses name (18.17(i), 18.18(g), 18.19(a)), is a constant here.
"""

from __future__ import annotations

from datetime import datetime

from s1sr.models.device_id import EUI64
from s1sr.models.envelope import Alert
from s1sr.models.srv import SRV

S1CE20 = "S1CE20"  # the device never answered and the S1SP request timeout elapsed


def timeout_alert(
    target: EUI64, raised_at: datetime, request_id: int, srv: SRV, detail: str = ""
) -> Alert:
    """The S1CE20 alert answering a request the device never answered."""
    return Alert(
        code=S1CE20,
        target=target,
        raised_at=raised_at,
        request_id=request_id,
        srv=srv,
        detail=detail,
    )


def is_timeout(alert: Alert) -> bool:
    return alert.code == S1CE20
