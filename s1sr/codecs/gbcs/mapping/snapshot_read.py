"""GBZ log reads over a period: snapshots (GCS15b/c, GCS16a), debt log (GCS15d), samples (GCS17).

* Get Snapshot (Metering 0x0702, 0x06) and Get Prepay Snapshot (Prepayment 0x0705,
  0x07): one component per snapshot offset, each with the same earliest start and
  latest end time: the period.
* Get Debt Repayment Log (Prepayment, 0x0A): the period starts at the component's GBZ
  from-date-time and ends at its latest end time.
* Get Sampled Data (Metering, 0x08): half-hourly samples from the earliest sample time;
  the period's end is the start of the last sample, so ``n`` samples read
  ``start .. start + (n - 1) * 30 min``.

The GSME answers with the entries encrypted (keys are out of scope), so a response's
model is its outcome, except that a read that found nothing (ZCL NOT_FOUND) is a
success with no entries.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.mapping import gbz_access as gbz
from s1sr.codecs.gbcs.mapping.values import zcl_instant
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.codecs.gbcs.zcl import METERING, PREPAYMENT
from s1sr.models import ModelError

GET_SNAPSHOT = (METERING, 0x06)
GET_PREPAY_SNAPSHOT = (PREPAYMENT, 0x07)
GET_DEBT_REPAYMENT_LOG = (PREPAYMENT, 0x0A)
GET_SAMPLED_DATA = (METERING, 0x08)
SAMPLE = timedelta(minutes=30)


def _snapshot_indexes(message: GbcsMessage) -> list[int]:
    payload = gbz.gbz_payload(message)
    found = gbz.find_commands(payload, *GET_SNAPSHOT) + gbz.find_commands(
        payload, *GET_PREPAY_SNAPSHOT
    )
    if not found:
        raise CodecError("no Get Snapshot command", "payload")
    return sorted(found)


def read_snapshot_period(message: GbcsMessage) -> tuple[datetime, datetime]:
    payload = gbz.gbz_payload(message)
    periods = set()
    for index in _snapshot_indexes(message):
        path = f"payload.components[{index}]"
        zcl = gbz.zcl_of(payload.components[index], path)
        periods.add(
            (
                zcl_instant(zcl["earliest_start_time"], f"{path}.earliest_start_time"),
                zcl_instant(zcl["latest_end_time"], f"{path}.latest_end_time"),
            )
        )
    if len(periods) != 1:
        raise CodecError("the snapshots are read over different periods", "payload")
    return periods.pop()


def write_snapshot_period(template: GbcsMessage, start: datetime, end: datetime) -> Payload:
    payload = gbz.gbz_payload(template)
    changes = {
        index: gbz.with_fields(
            payload.components[index], {"earliest_start_time": start, "latest_end_time": end}
        )
        for index in _snapshot_indexes(template)
    }
    return gbz.with_components(payload, changes)


def read_debt_log_period(message: GbcsMessage) -> tuple[datetime, datetime]:
    payload = gbz.gbz_payload(message)
    index = gbz.one_command(payload, *GET_DEBT_REPAYMENT_LOG, "payload")
    component = payload.components[index]
    path = f"payload.components[{index}]"
    if component.from_date_time is None:
        raise CodecError("the debt log read has no from-date-time", path)
    start = zcl_instant(component.from_date_time, f"{path}.from_date_time")
    end = zcl_instant(gbz.zcl_of(component, path)["latest_end_time"], f"{path}.latest_end_time")
    return start, end


def write_debt_log_period(template: GbcsMessage, start: datetime, end: datetime) -> Payload:
    payload = gbz.gbz_payload(template)
    index = gbz.one_command(payload, *GET_DEBT_REPAYMENT_LOG, "template")
    component = gbz.with_fields(payload.components[index], {"latest_end_time": end})
    return gbz.with_components(payload, {index: replace(component, from_date_time=start)})


def read_sample_period(message: GbcsMessage) -> tuple[datetime, datetime]:
    payload = gbz.gbz_payload(message)
    index = gbz.one_command(payload, *GET_SAMPLED_DATA, "payload")
    path = f"payload.components[{index}]"
    zcl = gbz.zcl_of(payload.components[index], path)
    start = zcl_instant(zcl["earliest_sample_time"], f"{path}.earliest_sample_time")
    count = zcl["number_of_samples"]
    if count == 0:
        raise CodecError("a read of no samples has no period", f"{path}.number_of_samples")
    return start, start + (count - 1) * SAMPLE


def write_sample_period(template: GbcsMessage, start: datetime, end: datetime) -> Payload:
    steps, rest = divmod(end - start, SAMPLE)
    if rest:
        raise ModelError("end: a sampled read ends a whole number of half hours after start")
    payload = gbz.gbz_payload(template)
    index = gbz.one_command(payload, *GET_SAMPLED_DATA, "template")
    component = gbz.with_fields(
        payload.components[index],
        {"earliest_sample_time": start, "number_of_samples": steps + 1},
    )
    return gbz.with_components(payload, {index: component})
