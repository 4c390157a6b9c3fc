"""SRV 4.8.1 Read Active Import Profile Data."""

from __future__ import annotations

from s1sr.codecs.wire.billing_log import period_request
from s1sr.codecs.wire.fields import EnergyField, ModelAdapter, Timestamp, tuple_of
from s1sr.models.profile import (
    MAX_PROFILE_ENTRIES,
    ProfileDataRequest,
    ProfileDataResponse,
    ProfileEntry,
)

ProfileEntryField = ModelAdapter(
    ProfileEntry,
    "timestamp" / Timestamp,
    "consumption" / EnergyField,
)

REQUEST = period_request(ProfileDataRequest)

RESPONSE = ModelAdapter(
    ProfileDataResponse,
    "entries" / tuple_of(ProfileEntryField, MAX_PROFILE_ENTRIES),
)
