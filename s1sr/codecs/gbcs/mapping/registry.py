"""Every mapped GBCS use case, by message code, and the SRV each serves."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.mapping import (
    billing_calendar,
    billing_log,
    daily_log,
    debt,
    firmware,
    payment_mode,
    prepay,
    profile,
    tariff,
    top_up,
)
from s1sr.codecs.gbcs.mapping.usecase import UseCase
from s1sr.codecs.gbcs.message_codes import USE_CASE_CODES, use_case_name
from s1sr.models import SRV

_FAMILIES = (
    tariff,
    payment_mode,
    prepay,
    top_up,
    debt,
    billing_log,
    daily_log,
    profile,
    billing_calendar,
    firmware,
)

USE_CASES: Mapping[str, UseCase] = MappingProxyType(
    {use_case.name: use_case for family in _FAMILIES for use_case in family.USE_CASES}
)
BY_CODE: Mapping[int, UseCase] = MappingProxyType(
    {USE_CASE_CODES[name]: use_case for name, use_case in USE_CASES.items()}
)
SRV_OF: Mapping[str, SRV] = MappingProxyType(
    {name: use_case.srv for name, use_case in USE_CASES.items()}
)


def use_case_for(message_code: int) -> UseCase:
    """The mapper of a message code (``CodecError`` at the header field if unmapped)."""
    use_case = BY_CODE.get(message_code)
    if use_case is None:
        name = use_case_name(message_code) or "unknown"
        raise CodecError(
            f"use case {name} (0x{message_code:04X}) is not mapped to a model",
            "header.other_info.message_code",
        )
    return use_case
