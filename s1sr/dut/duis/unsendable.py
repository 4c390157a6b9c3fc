"""The (Device Model, clause) pairs whose test needs a request no DUIS user can send.

Over DUIS each ends INCONCLUSIVE ("the DUIS form cannot express request ..., so it was never
sent"), where in process it is judged: the proof that DUIS judges as in process
(``tools/compare_verdicts.py``, ``tox -e conformance-duis``) allows exactly these
differences, each with the reason it must give, and refuses a listed pair that no longer
differs (the list would hide nothing, but it would no longer be true). ``docs/duis.md``,
"What DUIS cannot carry", says why for each.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

CANNOT_EXPRESS = "the DUIS form cannot express request"

# 18.27(q) needs the 2.1 debt recovery caps the clause names (hourly, daily, £100); DUIS's
# electricity 2.1 carries a weekly cap of at most 65.535 p, and its gas 2.1 none.
_ELECTRICITY_CAP = "debt_recovery_rate_cap: DUIS's electricity cap is a weekly one"
_GAS_CAP = "debt_recovery_rate_cap: the GSME holds none"
# EX-GSME-2 cannot hold 31/12/3000, so it refuses a gas NDC season that runs on; the suite then
# sends the season with its end date, which the gas (ZSE) calendar cannot hold: it has starts
# only.
_GAS_NDC = "non_disablement_calendar: the gas calendar cannot carry it"

UNSENDABLE: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        **{(m, "18.27(q)"): _ELECTRICITY_CAP for m in ("EX-ESME-1", "EX-ESME-2", "EX-ESME-3")},
        ("EX-ESME-D1", "18.27(q)"): _ELECTRICITY_CAP,
        **{(m, "18.27(q)"): _GAS_CAP for m in ("EX-GSME-1", "EX-GSME-2", "EX-GSME-3")},
        **{("EX-GSME-2", c): _GAS_NDC for c in ("18.5(ee)", "18.5(gg)", "18.5(hh)")},
    }
)
