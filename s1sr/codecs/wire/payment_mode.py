"""SRV 1.6 Update Payment Mode."""

from __future__ import annotations

from s1sr.codecs.wire.fields import FineMoneyField, ModelAdapter, Presence, Timestamp, enum_field
from s1sr.models.payment_mode import (
    PaymentMode,
    UpdatePaymentModeRequest,
    UpdatePaymentModeResponse,
)

REQUEST = ModelAdapter(
    UpdatePaymentModeRequest,
    "mode" / enum_field(PaymentMode),
    "disablement_threshold" / Presence(FineMoneyField),
    "execute_at" / Presence(Timestamp),
)

RESPONSE = ModelAdapter(
    UpdatePaymentModeResponse,
    "mode" / enum_field(PaymentMode),
    "applied_at" / Timestamp,
)
