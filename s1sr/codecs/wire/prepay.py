"""SRV 2.1 Update Prepay Configuration, with the Non-Disablement Calendar."""

from __future__ import annotations

from construct import Int8ub

from s1sr.codecs.wire.fields import (
    FineMoneyField,
    ModelAdapter,
    MoneyField,
    NdcEndDateField,
    PartialDateField,
    Presence,
    TimeOfDayField,
    Timestamp,
    enum_field,
    tuple_of,
)
from s1sr.models.calendar import Weekday
from s1sr.models.prepay import (
    MAX_NDC_SCHEDULE_ENTRIES,
    MAX_NDC_SPECIAL_DAYS,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PrepaySettings,
    UpdatePrepayConfigurationRequest,
    UpdatePrepayConfigurationResponse,
)

NdcScheduleEntryField = ModelAdapter(
    NdcScheduleEntry,
    "script" / enum_field(NdcScript),
    "switch_time" / TimeOfDayField,
    "start" / PartialDateField,
    "end" / NdcEndDateField,
    "weekdays" / tuple_of(enum_field(Weekday), 7),
    "special_days" / tuple_of(Int8ub, MAX_NDC_SPECIAL_DAYS),
)

NonDisablementCalendarField = ModelAdapter(
    NonDisablementCalendar,
    "special_days" / tuple_of(PartialDateField, MAX_NDC_SPECIAL_DAYS),
    "schedule" / tuple_of(NdcScheduleEntryField, MAX_NDC_SCHEDULE_ENTRIES),
)

DebtRecoveryRateCapField = ModelAdapter(
    DebtRecoveryRateCap,
    "amount" / FineMoneyField,
    "period" / enum_field(DebtRecoveryCapPeriod),
)

PrepaySettingsField = ModelAdapter(
    PrepaySettings,
    "debt_recovery_rate_cap" / Presence(DebtRecoveryRateCapField),
    "emergency_credit_limit" / Presence(MoneyField),
    "emergency_credit_threshold" / Presence(MoneyField),
    "low_credit_threshold" / Presence(MoneyField),
    "max_credit_threshold" / Presence(MoneyField),
    "max_meter_balance" / Presence(MoneyField),
    "non_disablement_calendar" / Presence(NonDisablementCalendarField),
)

REQUEST = ModelAdapter(
    UpdatePrepayConfigurationRequest,
    "settings" / PrepaySettingsField,
    "execute_at" / Presence(Timestamp),
)

RESPONSE = ModelAdapter(
    UpdatePrepayConfigurationResponse,
    "settings" / PrepaySettingsField,
)
