"""SRV 4.6.1 Retrieve Import Daily Read Log: ECS21a (ESME) and GCS16a (GSME).

ECS21a is a protected read of the daily read log profile (0-0:98.2.1.255 in the
RTDS messages) over the period; GCS16a asks the GSME for one daily snapshot (cause
0x0001) per offset over the period. Both answer with the readings encrypted (keys are
out of scope), so the response model is the outcome, or an empty log when the GSME
found nothing.
"""

from __future__ import annotations

from dataclasses import replace

from s1sr.codecs.gbcs.mapping import protected_read, snapshot_read
from s1sr.codecs.gbcs.mapping.period import empty_when_not_found, period_use_case
from s1sr.models import SRV, DailyReadLogRequest, DailyReadLogResponse

_EMPTY = empty_when_not_found(DailyReadLogResponse)

ECS21A = replace(
    period_use_case(
        "ECS21a",
        SRV.RETRIEVE_IMPORT_DAILY_READ_LOG,
        DailyReadLogRequest,
        protected_read.read_period,
        protected_read.write_period,
    ),
    sync_envelope=protected_read.sync_protection,
)
GCS16A = period_use_case(
    "GCS16a",
    SRV.RETRIEVE_IMPORT_DAILY_READ_LOG,
    DailyReadLogRequest,
    snapshot_read.read_snapshot_period,
    snapshot_read.write_snapshot_period,
    read_response=_EMPTY[0],
    write_response=_EMPTY[1],
)
USE_CASES = (ECS21A, GCS16A)
