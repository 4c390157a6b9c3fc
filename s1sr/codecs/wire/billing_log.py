"""SRVs 4.4.2, 4.4.3 and 4.4.4: the billing data logs, and the register snapshot they share."""

from __future__ import annotations

from s1sr.codecs.wire.fields import (
    EnergyField,
    FineMoneyField,
    ModelAdapter,
    MoneyField,
    Presence,
    Timestamp,
    tuple_of,
)
from s1sr.models.billing_log import (
    MAX_BILLING_LOG_ENTRIES,
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    DebtPayment,
    DebtPaymentsBillingLogRequest,
    DebtPaymentsBillingLogResponse,
)
from s1sr.models.readings import MAX_BLOCK_COUNTERS, MAX_TOU_REGISTERS, BillingSnapshot


def period_request(model: type) -> ModelAdapter:
    """Every read-over-a-period request: start, end."""
    return ModelAdapter(model, "start" / Timestamp, "end" / Timestamp)


BillingSnapshotField = ModelAdapter(
    BillingSnapshot,
    "timestamp" / Timestamp,
    "import_register" / EnergyField,
    "tou_registers" / tuple_of(EnergyField, MAX_TOU_REGISTERS),
    "block_counters" / tuple_of(EnergyField, MAX_BLOCK_COUNTERS),
    "meter_balance" / Presence(MoneyField),
    "emergency_credit_balance" / Presence(MoneyField),
    "accumulated_debt" / Presence(MoneyField),
    "payment_debt" / Presence(MoneyField),
    "time_debt_1" / Presence(MoneyField),
    "time_debt_2" / Presence(MoneyField),
)

DebtPaymentField = ModelAdapter(DebtPayment, "timestamp" / Timestamp, "amount" / FineMoneyField)


def _snapshot_log(model: type) -> ModelAdapter:
    return ModelAdapter(model, "entries" / tuple_of(BillingSnapshotField, MAX_BILLING_LOG_ENTRIES))


CHANGE_OF_MODE_REQUEST = period_request(ChangeOfModeBillingLogRequest)
CHANGE_OF_MODE_RESPONSE = _snapshot_log(ChangeOfModeBillingLogResponse)
BILLING_CALENDAR_REQUEST = period_request(BillingCalendarBillingLogRequest)
BILLING_CALENDAR_RESPONSE = _snapshot_log(BillingCalendarBillingLogResponse)
DEBT_PAYMENTS_REQUEST = period_request(DebtPaymentsBillingLogRequest)
DEBT_PAYMENTS_RESPONSE = ModelAdapter(
    DebtPaymentsBillingLogResponse,
    "entries" / tuple_of(DebtPaymentField, MAX_BILLING_LOG_ENTRIES),
)
