"""The wire code of every enum the format carries, written out (docs/wire-format.md, section 4).

Codes are explicit so that renaming or reordering a Python enum can never change the
bytes; a test checks each table covers its enum and matches the specification.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType
from typing import TypeVar

from s1sr.codecs.primitives import ENERGY_UNIT_CODES
from s1sr.models.billing_calendar import BillingPeriodicity
from s1sr.models.calendar import Weekday
from s1sr.models.control import ControlOutcome
from s1sr.models.credentials import CertificateType, RemotePartyRole
from s1sr.models.debt import DebtRecoveryRatePeriod
from s1sr.models.device_type import DeviceType
from s1sr.models.energy import EnergyUnit
from s1sr.models.envelope import ResponseCode
from s1sr.models.firmware import FirmwareOutcome
from s1sr.models.han import HanAction
from s1sr.models.payment_mode import PaymentMode
from s1sr.models.prepay import DebtRecoveryCapPeriod, NdcScript
from s1sr.models.srv import SRV
from s1sr.models.tariff import RateKind

E = TypeVar("E", bound=Enum)


def _table(pairs: dict[int, E]) -> Mapping[int, E]:
    return MappingProxyType(pairs)


def srv_code(srv: SRV) -> int:
    """One byte per part of the SRV number, zero-padded: 4.4.2 is 0x040402, 2.2 is 0x020200."""
    parts = [int(part) for part in srv.value.split(".")]
    parts += [0] * (3 - len(parts))
    return (parts[0] << 16) | (parts[1] << 8) | parts[2]


SRV_CODES: Mapping[int, SRV] = _table({srv_code(srv): srv for srv in SRV})
CODE_OF_SRV: Mapping[SRV, int] = MappingProxyType({srv: code for code, srv in SRV_CODES.items()})

RESPONSE_CODES: Mapping[int, ResponseCode] = _table(
    {
        0x00: ResponseCode.I0,
        0x63: ResponseCode.I99,
        0x81: ResponseCode.E1,
        0x82: ResponseCode.E2,
        0x83: ResponseCode.E3,
        0x84: ResponseCode.E4,
        0x85: ResponseCode.E5,
        0x8B: ResponseCode.E11,
        0x8C: ResponseCode.E12,
        0x8D: ResponseCode.E13,
        0x91: ResponseCode.E17,
        0x93: ResponseCode.E19,
        0x94: ResponseCode.E20,
        0x95: ResponseCode.E21,
        0x9E: ResponseCode.E30,
        0xC1: ResponseCode.E65,
    }
)
"""``In`` is n, ``En`` is 0x80 + n."""

ENERGY_UNITS: Mapping[int, EnergyUnit] = _table(dict(ENERGY_UNIT_CODES))

PAYMENT_MODES: Mapping[int, PaymentMode] = _table(
    {0: PaymentMode.CREDIT, 1: PaymentMode.PREPAYMENT}
)

RATE_KINDS: Mapping[int, RateKind] = _table({0: RateKind.TOU, 1: RateKind.BLOCK})

NDC_SCRIPTS: Mapping[int, NdcScript] = _table({0: NdcScript.START, 1: NdcScript.STOP})

RECOVERY_PERIODS: Mapping[int, DebtRecoveryRatePeriod] = _table(
    {0: DebtRecoveryRatePeriod.HOURLY, 1: DebtRecoveryRatePeriod.DAILY}
)

CAP_PERIODS: Mapping[int, DebtRecoveryCapPeriod] = _table(
    {
        0: DebtRecoveryCapPeriod.HOURLY,
        1: DebtRecoveryCapPeriod.DAILY,
        2: DebtRecoveryCapPeriod.WEEKLY,
    }
)
"""Hourly and daily keep the rate period's codes."""

BILLING_PERIODICITIES: Mapping[int, BillingPeriodicity] = _table(
    {
        0: BillingPeriodicity.DAILY,
        1: BillingPeriodicity.WEEKLY,
        2: BillingPeriodicity.MONTHLY,
        3: BillingPeriodicity.QUARTERLY,
        4: BillingPeriodicity.SIX_MONTHLY,
        5: BillingPeriodicity.ANNUALLY,
    }
)

HAN_ACTIONS: Mapping[int, HanAction] = _table({0: HanAction.ADD, 1: HanAction.REMOVE})

DEVICE_TYPES: Mapping[int, DeviceType] = _table(
    {
        0: DeviceType.ESME,
        1: DeviceType.GSME,
        2: DeviceType.CHF,
        3: DeviceType.PPMID,
        4: DeviceType.IHD,
    }
)

FIRMWARE_OUTCOMES: Mapping[int, FirmwareOutcome] = _table(
    {0: FirmwareOutcome.ACCEPTED, 1: FirmwareOutcome.FAILED}
)

REMOTE_PARTY_ROLES: Mapping[int, RemotePartyRole] = _table(
    {
        0: RemotePartyRole.ROOT,
        1: RemotePartyRole.RECOVERY,
        2: RemotePartyRole.SUPPLIER,
        3: RemotePartyRole.NETWORK_OPERATOR,
        4: RemotePartyRole.ACB,
        5: RemotePartyRole.TRANS_COS,
        6: RemotePartyRole.LOAD_CONTROLLER,
    }
)

CERTIFICATE_TYPES: Mapping[int, CertificateType] = _table(
    {
        0: CertificateType.DIGITAL_SIGNING,
        1: CertificateType.KEY_AGREEMENT,
        2: CertificateType.KEY_AGREEMENT_TOP_UP,
    }
)

WEEKDAYS: Mapping[int, Weekday] = _table({day.value: day for day in Weekday})
"""ISO numbering, as DLMS uses: 1 Monday .. 7 Sunday."""

CONTROL_OUTCOMES: Mapping[int, ControlOutcome] = _table(
    {0: ControlOutcome.OK, 1: ControlOutcome.REFUSED}
)

ENUM_TABLES: Mapping[type[Enum], Mapping[int, Enum]] = MappingProxyType(
    {
        SRV: SRV_CODES,
        ResponseCode: RESPONSE_CODES,
        EnergyUnit: ENERGY_UNITS,
        PaymentMode: PAYMENT_MODES,
        RateKind: RATE_KINDS,
        NdcScript: NDC_SCRIPTS,
        DebtRecoveryRatePeriod: RECOVERY_PERIODS,
        DebtRecoveryCapPeriod: CAP_PERIODS,
        BillingPeriodicity: BILLING_PERIODICITIES,
        HanAction: HAN_ACTIONS,
        DeviceType: DEVICE_TYPES,
        FirmwareOutcome: FIRMWARE_OUTCOMES,
        RemotePartyRole: REMOTE_PARTY_ROLES,
        CertificateType: CERTIFICATE_TYPES,
        Weekday: WEEKDAYS,
        ControlOutcome: CONTROL_OUTCOMES,
    }
)
"""Every enum the format carries, and its code table (what the spec's tables are checked against)."""
