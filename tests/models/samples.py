"""The library's valid example bodies, under the names the model tests use.

Kept apart from conftest so parametrised tests can name them at collection time;
the conftest fixtures hand out the same objects.
"""

from __future__ import annotations

from s1sr.models.examples import EXAMPLES as SAMPLES
from s1sr.models.examples import (
    FIRMWARE_IMAGE,
    NDC,
    PPMID,
    SETTINGS,
    SNAPSHOT,
    SUMMER,
    TARIFF,
    WINTER,
)
from s1sr.models.examples import REQUEST_EXAMPLES as REQUEST_SAMPLES
from s1sr.models.examples import RESPONSE_EXAMPLES as RESPONSE_SAMPLES

__all__ = [
    "FIRMWARE_IMAGE",
    "NDC",
    "PPMID",
    "REQUEST_SAMPLES",
    "RESPONSE_SAMPLES",
    "SAMPLES",
    "SETTINGS",
    "SNAPSHOT",
    "SUMMER",
    "TARIFF",
    "WINTER",
]
