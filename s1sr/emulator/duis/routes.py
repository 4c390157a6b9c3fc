"""Which CommandVariant travels to which URL, and which an SRV may use (DUIS, as DCC Boxed).

1 and 5 go to ``/api/v1/serviceS``, 2, 6 and 8 to ``/api/v1/serviceD``, 4 (transform
only) to ``/api/v1/serviceT``; 3 and 7 are refused wherever they arrive. A request on
the wrong URL for its CommandVariant is E13; a CommandVariant the SRV cannot use is E12:
the DCC-only SRVs (8.6, 11.1, 11.4, addressed to the DCC) take 8 alone; the critical
commands (whose usual variant is 4) take 1, 2, 4, 5 and 6, since the S1SP signs a
SMETS1 device's critical commands itself; every other SRV takes 1 and 2.
"""

from __future__ import annotations

from types import MappingProxyType

from s1sr.codecs.duis import CommandVariant
from s1sr.codecs.duis.header import SRVS
from s1sr.models import ResponseCode

SERVICE_S = "/api/v1/serviceS"
SERVICE_D = "/api/v1/serviceD"
SERVICE_T = "/api/v1/serviceT"
URLS = (SERVICE_S, SERVICE_D, SERVICE_T)

CV = CommandVariant
URL_OF = MappingProxyType(
    {
        CV.ON_DEMAND: SERVICE_S,
        CV.SIGNED_PRE_COMMAND: SERVICE_S,
        CV.LOCAL_DELIVERY: SERVICE_D,
        CV.SIGNED_PRE_COMMAND_LOCAL: SERVICE_D,
        CV.DCC_ONLY: SERVICE_D,
        CV.TRANSFORM: SERVICE_T,
    }
)
REFUSED = frozenset({CV.ON_DEMAND_AND_LOCAL, CV.SIGNED_PRE_COMMAND_BOTH})
_CRITICAL = frozenset({CV.ON_DEMAND, CV.LOCAL_DELIVERY, CV.TRANSFORM})
_CRITICAL |= {CV.SIGNED_PRE_COMMAND, CV.SIGNED_PRE_COMMAND_LOCAL}


def allowed_variants(srv: str) -> frozenset[CommandVariant]:
    """The CommandVariants ``srv`` may travel with."""
    usual = SRVS[srv].command_variant
    if usual is CV.DCC_ONLY:
        return frozenset({CV.DCC_ONLY})
    if usual is CV.TRANSFORM:
        return _CRITICAL
    return frozenset({CV.ON_DEMAND, CV.LOCAL_DELIVERY})


def route_refusal(path: str, variant: CommandVariant, srv: str) -> ResponseCode | None:
    """E12 or E13 for a request that cannot travel this way, else None."""
    if variant in REFUSED or variant not in allowed_variants(srv):
        return ResponseCode.E12
    if URL_OF[variant] != path:
        return ResponseCode.E13
    return None
