"""SRV 4.8.1 Read Active Import Profile Data: ECS22b (ESME) and GCS17 (GSME).

ECS22b is a protected read of the half-hourly profile (0-0:99.1.0.255) over the period;
GCS17 is ZSE Get Sampled Data from the period's start, one sample per half hour up to
and including the half hour that starts at its end. The profile rows come back
encrypted, so the response model is the outcome, or no entries when the GSME found none.
"""

from __future__ import annotations

from dataclasses import replace

from s1sr.codecs.gbcs.mapping import protected_read, snapshot_read
from s1sr.codecs.gbcs.mapping.period import empty_when_not_found, period_use_case
from s1sr.models import SRV, ProfileDataRequest, ProfileDataResponse

_EMPTY = empty_when_not_found(ProfileDataResponse)

ECS22B = replace(
    period_use_case(
        "ECS22b",
        SRV.READ_ACTIVE_IMPORT_PROFILE_DATA,
        ProfileDataRequest,
        protected_read.read_period,
        protected_read.write_period,
    ),
    sync_envelope=protected_read.sync_protection,
)
GCS17 = period_use_case(
    "GCS17",
    SRV.READ_ACTIVE_IMPORT_PROFILE_DATA,
    ProfileDataRequest,
    snapshot_read.read_sample_period,
    snapshot_read.write_sample_period,
    read_response=_EMPTY[0],
    write_response=_EMPTY[1],
)
USE_CASES = (ECS22B, GCS17)
