"""SRV 4.6.1 Retrieve Import Daily Read Log."""

from __future__ import annotations

from s1sr.codecs.wire.billing_log import period_request
from s1sr.codecs.wire.fields import EnergyField, ModelAdapter, Timestamp, tuple_of
from s1sr.models.daily_log import (
    MAX_DAILY_LOG_ENTRIES,
    DailyReading,
    DailyReadLogRequest,
    DailyReadLogResponse,
)
from s1sr.models.readings import MAX_BLOCK_COUNTERS

DailyReadingField = ModelAdapter(
    DailyReading,
    "timestamp" / Timestamp,
    "import_register" / EnergyField,
    "block_counters" / tuple_of(EnergyField, MAX_BLOCK_COUNTERS),
)

REQUEST = period_request(DailyReadLogRequest)

RESPONSE = ModelAdapter(
    DailyReadLogResponse,
    "entries" / tuple_of(DailyReadingField, MAX_DAILY_LOG_ENTRIES),
)
