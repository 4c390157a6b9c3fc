"""SRV 2.3 Update Debt."""

from __future__ import annotations

from construct import Int8sb, Int16ub, Int32ub

from s1sr.codecs.wire.fields import ModelAdapter, MoneyField, Presence, enum_field
from s1sr.models.debt import (
    DebtRecovery,
    DebtRecoveryRatePeriod,
    UpdateDebtRequest,
    UpdateDebtResponse,
)

DebtRecoveryField = ModelAdapter(
    DebtRecovery,
    "rate" / Int32ub,
    "scale" / Int8sb,
    "period" / enum_field(DebtRecoveryRatePeriod),
)

REQUEST = ModelAdapter(
    UpdateDebtRequest,
    "time_debt_1" / Presence(MoneyField),
    "time_debt_2" / Presence(MoneyField),
    "payment_debt" / Presence(MoneyField),
    "recovery_per_payment" / Presence(Int16ub),
    "recovery_1" / Presence(DebtRecoveryField),
    "recovery_2" / Presence(DebtRecoveryField),
)

RESPONSE = ModelAdapter(
    UpdateDebtResponse,
    "time_debt_1" / MoneyField,
    "time_debt_2" / MoneyField,
    "payment_debt" / MoneyField,
)
