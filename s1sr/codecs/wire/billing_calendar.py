"""SRV 6.8 Update Device Configuration (Billing Calendar)."""

from __future__ import annotations

from s1sr.codecs.wire.fields import ModelAdapter, Timestamp, enum_field
from s1sr.models.billing_calendar import (
    BillingCalendar,
    BillingPeriodicity,
    UpdateBillingCalendarRequest,
    UpdateBillingCalendarResponse,
)

BillingCalendarField = ModelAdapter(
    BillingCalendar,
    "start" / Timestamp,
    "periodicity" / enum_field(BillingPeriodicity),
)

REQUEST = ModelAdapter(UpdateBillingCalendarRequest, "calendar" / BillingCalendarField)
RESPONSE = ModelAdapter(UpdateBillingCalendarResponse, "calendar" / BillingCalendarField)
