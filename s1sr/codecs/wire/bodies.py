"""Which body schema encodes each SRV's request and response (the wire twin of models.registry)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from s1sr.codecs.wire import (
    billing_calendar,
    billing_log,
    credentials,
    daily_log,
    debt,
    firmware,
    han,
    opt_in,
    payment_mode,
    ppmid_firmware,
    prepay,
    profile,
    tariff,
    top_up,
)
from s1sr.codecs.wire.fields import ModelAdapter
from s1sr.models.srv import SRV

REQUEST_SCHEMAS: Mapping[SRV, ModelAdapter] = MappingProxyType(
    {
        SRV.UPDATE_IMPORT_TARIFF: tariff.REQUEST,
        SRV.UPDATE_PAYMENT_MODE: payment_mode.REQUEST,
        SRV.UPDATE_PREPAY_CONFIGURATION: prepay.REQUEST,
        SRV.TOP_UP_DEVICE: top_up.REQUEST,
        SRV.UPDATE_DEBT: debt.REQUEST,
        SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG: billing_log.CHANGE_OF_MODE_REQUEST,
        SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG: billing_log.BILLING_CALENDAR_REQUEST,
        SRV.RETRIEVE_DEBT_PAYMENTS_BILLING_LOG: billing_log.DEBT_PAYMENTS_REQUEST,
        SRV.RETRIEVE_IMPORT_DAILY_READ_LOG: daily_log.REQUEST,
        SRV.READ_ACTIVE_IMPORT_PROFILE_DATA: profile.REQUEST,
        SRV.UPDATE_BILLING_CALENDAR: billing_calendar.REQUEST,
        SRV.UPDATE_SECURITY_CREDENTIALS_KRP: credentials.KRP_REQUEST,
        SRV.REQUEST_HANDOVER_OF_DCC_CONTROLLED_DEVICE: credentials.HANDOVER_REQUEST,
        SRV.UPDATE_SECURITY_CREDENTIALS_COS: credentials.COS_REQUEST,
        SRV.SERVICE_OPT_OUT: credentials.OPT_OUT_REQUEST,
        SRV.SERVICE_OPT_IN: opt_in.REQUEST,
        SRV.UPDATE_HAN_DEVICE_LOG: han.REQUEST,
        SRV.UPDATE_FIRMWARE: firmware.UPDATE_REQUEST,
        SRV.READ_FIRMWARE_VERSION: firmware.READ_VERSION_REQUEST,
        SRV.ACTIVATE_FIRMWARE: firmware.ACTIVATE_REQUEST,
        SRV.UPDATE_PPMID_FIRMWARE: ppmid_firmware.REQUEST,
    }
)

RESPONSE_SCHEMAS: Mapping[SRV, ModelAdapter] = MappingProxyType(
    {
        SRV.UPDATE_IMPORT_TARIFF: tariff.RESPONSE,
        SRV.UPDATE_PAYMENT_MODE: payment_mode.RESPONSE,
        SRV.UPDATE_PREPAY_CONFIGURATION: prepay.RESPONSE,
        SRV.TOP_UP_DEVICE: top_up.RESPONSE,
        SRV.UPDATE_DEBT: debt.RESPONSE,
        SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG: billing_log.CHANGE_OF_MODE_RESPONSE,
        SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG: billing_log.BILLING_CALENDAR_RESPONSE,
        SRV.RETRIEVE_DEBT_PAYMENTS_BILLING_LOG: billing_log.DEBT_PAYMENTS_RESPONSE,
        SRV.RETRIEVE_IMPORT_DAILY_READ_LOG: daily_log.RESPONSE,
        SRV.READ_ACTIVE_IMPORT_PROFILE_DATA: profile.RESPONSE,
        SRV.UPDATE_BILLING_CALENDAR: billing_calendar.RESPONSE,
        SRV.UPDATE_SECURITY_CREDENTIALS_KRP: credentials.KRP_RESPONSE,
        SRV.REQUEST_HANDOVER_OF_DCC_CONTROLLED_DEVICE: credentials.HANDOVER_RESPONSE,
        SRV.UPDATE_SECURITY_CREDENTIALS_COS: credentials.COS_RESPONSE,
        SRV.SERVICE_OPT_OUT: credentials.OPT_OUT_RESPONSE,
        SRV.SERVICE_OPT_IN: opt_in.RESPONSE,
        SRV.UPDATE_HAN_DEVICE_LOG: han.RESPONSE,
        SRV.UPDATE_FIRMWARE: firmware.UPDATE_RESPONSE,
        SRV.READ_FIRMWARE_VERSION: firmware.READ_VERSION_RESPONSE,
        SRV.ACTIVATE_FIRMWARE: firmware.ACTIVATE_RESPONSE,
        SRV.UPDATE_PPMID_FIRMWARE: ppmid_firmware.RESPONSE,
    }
)
