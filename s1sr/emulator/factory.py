"""Building an emulated installation from the DMVES, a clock and a set of faults.

Which Device Models: the DMVES's example installation ``han_id`` (its CHF, ESME, GSME,
PPMID and IHD), or one synthesised around ``model_id``: that model, a baseline CHF (one
that also carries scope:ppmid-swap-out when the model is a PPMID that does, since the
swap needs both) and, around a CHF, a baseline PPMID on its log. Every other PPMID of the
DMVES is a spare: known to the S1SP, off the HAN until an 8.11 adds it (a swap-in).

Identities are derived, not random, so tests and evidence are reproducible:

- a device is ``02-53-31`` ("S1", locally administered) followed by the first five bytes
  of SHA-256("s1sr-device:" + model id);
- a supplier's DCC User id is ``02-53-55`` ("SU") followed by the first five bytes of
  SHA-256("s1sr-user:" + supplier name). A synthesised meter without a supplier is
  supplied by ``SUP-S1SR``.

Faults and overrides become knob values on each component whose Device Model carries the
fault's clause (for an override: one of the clauses that set the knob). Meter knobs go to
``build_meter``; the rest to the S1SP's routes, the CHF, the firmware slots and PPMIDs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from functools import lru_cache, partial
from typing import Any

from s1sr.dmves import DeviceModel, Dmves
from s1sr.dmves.firmware import declared_firmware
from s1sr.emulator.clock import Clock
from s1sr.emulator.device import Device
from s1sr.emulator.faults import Fault, fault, installation_knobs, meter_knobs
from s1sr.emulator.han import (
    Chf,
    ChfBehaviour,
    FirmwareBehaviour,
    FirmwareSlot,
    Han,
    HanDisplayDevice,
    HanFirmware,
    Member,
    PpmidBehaviour,
)
from s1sr.emulator.han.knobs import knob_clauses, knob_names, with_knobs
from s1sr.emulator.installation import Installation, InstallationPlan
from s1sr.emulator.load_profile import LoadProfile
from s1sr.emulator.s1sp import DEFAULT_TIMEOUT, S1SP, Ownership, Route, S1spBehaviour
from s1sr.emulator.s1sp.layer import Sleep
from s1sr.emulator.timers import Timers
from s1sr.models import EUI64, DeviceType, FirmwareVersion, HanLogEntry

DEVICE_PREFIX = 0x025331
USER_PREFIX = 0x025355
SYNTHESISED_SUPPLIER = "SUP-S1SR"
BASELINE_CHF = "S1SR-BASELINE-CHF"
BASELINE_PPMID = "S1SR-BASELINE-PPMID"
SWAP_OUT = "scope:ppmid-swap-out"
METERS = frozenset({DeviceType.ESME, DeviceType.GSME})

MeterBuilder = Callable[..., Device]


class InstallationError(ValueError):
    """An installation that cannot be built as asked (the message says why)."""


@lru_cache(maxsize=1024)
def device_id_for(model_id: str) -> EUI64:
    """The EUI-64 of the emulated device of Device Model ``model_id``."""
    return _derived(DEVICE_PREFIX, "s1sr-device:" + model_id)


@lru_cache(maxsize=1024)
def supplier_user_id(supplier: str) -> EUI64:
    """The DCC User id the requests of supplier ``supplier`` carry."""
    return _derived(USER_PREFIX, "s1sr-user:" + supplier)


def plan_installation(
    dmves: Dmves, *, han_id: str | None = None, model_id: str | None = None, spares: bool = True
) -> InstallationPlan:
    """Which Device Models make the installation, and who supplies its meters."""
    if (han_id is None) == (model_id is None):
        raise InstallationError("give exactly one of han_id (an example HAN) or model_id")
    if han_id is not None:
        installations = dmves.installations()
        if han_id not in installations:
            known = ", ".join(sorted(installations)) or "none"
            raise InstallationError(f"no installation {han_id!r} in the DMVES (known: {known})")
        models = installations[han_id]
        chfs = [m for m in models if m.device_type is DeviceType.CHF]
        if len(chfs) != 1:
            raise InstallationError(f"installation {han_id!r} needs exactly one CHF")
        on_han = (chfs[0], *(m for m in models if m.device_type is not DeviceType.CHF))
        synthesised = False
    else:
        on_han = _synthesised(dmves.model(model_id))  # type: ignore[arg-type]
        synthesised = True
    members = {m.id for m in on_han}
    spare = tuple(m for m in dmves.of_type(DeviceType.PPMID) if spares and m.id not in members)
    suppliers = {
        m.id: m.supplier or SYNTHESISED_SUPPLIER for m in on_han if m.device_type in METERS
    }
    try:
        return InstallationPlan(han_id, on_han, spare, suppliers, synthesised)
    except ValueError as exc:
        raise InstallationError(str(exc)) from exc


def build_installation(
    dmves: Dmves,
    *,
    clock: Clock,
    han_id: str | None = None,
    model_id: str | None = None,
    faults: Iterable[str | Fault] = (),
    s1sp_timeout: timedelta = DEFAULT_TIMEOUT,
    overrides: Mapping[str, object] | None = None,
    load_profiles: Mapping[DeviceType, LoadProfile] | None = None,
    meter_builder: MeterBuilder | None = None,
    spares: bool = True,
    sleep: Sleep | None = None,
) -> Installation:
    """An installation of ``han_id`` (or around ``model_id``) on ``clock``, with ``faults``.

    ``overrides`` sets knobs that are not faults, e.g. the outcome a bilingual PPMID gives
    (``bilingual_firmware_outcome``). ``meter_builder`` replaces ``build_meter`` (a test
    double, or a device behind a transport).
    """
    plan = plan_installation(dmves, han_id=han_id, model_id=model_id, spares=spares)
    chosen = _resolve(faults)
    for item in chosen:
        if not any(m.applies(item.clause) for m in plan.models):
            raise InstallationError(
                f"fault {item.name!r} breaks {item.clause}, which no Device Model of this "
                "installation carries"
            )
    settings = dict(overrides or {})
    unknown = set(settings) - installation_knobs() - meter_knobs()
    if unknown:
        raise InstallationError(f"unknown knob(s): {', '.join(sorted(unknown))}")
    device_ids = {m.id: device_id_for(m.id) for m in plan.models}
    if len(set(device_ids.values())) != len(device_ids):
        raise InstallationError("two Device Models derive the same EUI-64")
    user_ids = {name: supplier_user_id(name) for name in plan.suppliers.values()}
    knobs = _Knobs(chosen, settings)
    s1sp = S1SP(clock, timeout=s1sp_timeout, timers=Timers(clock), sleep=sleep)
    build_han = partial(
        _build_han,
        plan,
        device_ids,
        knobs,
        load_profiles or {},
        meter_builder or _default_meter_builder(),
    )
    installation = Installation(
        plan,
        clock=clock,
        s1sp=s1sp,
        build_han=build_han,
        device_ids=device_ids,
        user_ids=user_ids,
        faults=chosen,
    )
    s1sp.add_routes(_routes(plan, installation, device_ids, user_ids, knobs))
    return installation


class _Knobs:
    """The knob values faults and overrides set on one component, given its Device Model."""

    def __init__(self, faults: tuple[Fault, ...], settings: Mapping[str, object]) -> None:
        self._faults = faults
        self._settings = settings

    def behaviour(self, base: Any, model: DeviceModel) -> Any:
        cls = type(base)
        names = _knob_names(cls)
        values: dict[str, object] = {}
        for item in self._faults:
            if model.applies(item.clause):
                values.update({k: v for k, v in item.knobs if k in names})
        for name, value in self._settings.items():
            if name in names and any(model.applies(c) for c in knob_clauses(cls, name)):
                values[name] = value
        return with_knobs(base, values) if values else base  # nothing to apply: as it is

    def meter(self, model: DeviceModel) -> dict[str, object]:
        names = meter_knobs()
        values: dict[str, object] = {}
        for item in self._faults:
            if model.applies(item.clause):
                values.update({k: v for k, v in item.knobs if k in names})
        values.update({k: v for k, v in self._settings.items() if k in names})
        return values


def _build_han(
    plan: InstallationPlan,
    device_ids: Mapping[str, EUI64],
    knobs: _Knobs,
    load_profiles: Mapping[DeviceType, LoadProfile],
    meter_builder: MeterBuilder,
    start: datetime,
) -> Han:
    members: list[Member] = []
    slots: list[FirmwareSlot] = []
    for model in plan.models:
        device_id = device_ids[model.id]
        device_type = model.device_type
        ppmid = None
        if device_type is DeviceType.CHF:
            continue
        if device_type in METERS:
            device = meter_builder(
                model,
                device_id,
                start=start,
                overrides=knobs.meter(model),
                load_profile=load_profiles.get(device_type),
            )
        else:
            device = HanDisplayDevice(device_id, device_type, model)
            if device_type is DeviceType.PPMID:
                ppmid = knobs.behaviour(PpmidBehaviour.from_model(model), model)
        members.append(Member(device, model, ppmid))
        slots.append(_slot(model, device_id, knobs))
    chf_model = plan.chf
    chf_id = device_ids[chf_model.id]
    entries = [HanLogEntry(device_ids[m.id], m.device_type) for m in plan.on_han[1:]]
    chf = Chf(chf_id, knobs.behaviour(ChfBehaviour.from_model(chf_model), chf_model), entries)
    slots.append(_slot(chf_model, chf_id, knobs))
    return Han(chf, [Member(chf, chf_model), *members], HanFirmware(slots))


def _slot(model: DeviceModel, device_id: EUI64, knobs: _Knobs) -> FirmwareSlot:
    base, version = _firmware_of(model)
    behaviour = knobs.behaviour(base, model)
    return FirmwareSlot.new(
        device_id, model.device_type, behaviour, version, bilingual=model.bilingual
    )


# What a Device Model alone decides, read once per process: the parts are frozen values,
# so installations share them; each builds its own devices and state from them.
_knob_names = lru_cache(maxsize=None)(knob_names)


@lru_cache(maxsize=256)
def _firmware_of(model: DeviceModel) -> tuple[FirmwareBehaviour, FirmwareVersion]:
    return FirmwareBehaviour.from_model(model), declared_firmware(model.firmware_version)


@lru_cache(maxsize=256)
def _s1sp_of(model: DeviceModel) -> S1spBehaviour:
    return S1spBehaviour.from_model(model)


def _routes(
    plan: InstallationPlan,
    installation: Installation,
    device_ids: Mapping[str, EUI64],
    user_ids: Mapping[str, EUI64],
    knobs: _Knobs,
) -> list[Route]:
    suppliers = frozenset(user_ids.values())
    esme = plan.of_type(DeviceType.ESME)
    esme_supplier = None if esme is None else user_ids[plan.suppliers[esme.id]]
    routes = []
    for model in plan.models:
        own = plan.suppliers.get(model.id)
        ownership = Ownership(
            supplier=None if own is None else user_ids[own],
            esme_supplier=esme_supplier,
            suppliers=suppliers,
        )
        behaviour = knobs.behaviour(_s1sp_of(model), model)
        routes.append(Route(device_ids[model.id], model, installation, behaviour, ownership))
    return routes


def _synthesised(model: DeviceModel) -> tuple[DeviceModel, ...]:
    def baseline(model_id: str, device_type: DeviceType, clauses: frozenset[str]) -> DeviceModel:
        return DeviceModel(
            id=model_id,
            manufacturer="s1sr (synthesised)",
            model=f"Baseline {device_type}",
            firmware_version="1.0.0",
            device_type=device_type,
            cohort=model.cohort,
            group_id=model.group_id,
            bilingual=False,
            example=True,
            clauses=clauses,
        )

    if model.device_type is DeviceType.CHF:
        return (model, baseline(BASELINE_PPMID, DeviceType.PPMID, frozenset()))
    swap = model.device_type is DeviceType.PPMID and model.applies(SWAP_OUT)
    chf = baseline(BASELINE_CHF, DeviceType.CHF, frozenset({SWAP_OUT} if swap else ()))
    return (chf, model)


def _resolve(faults: Iterable[str | Fault]) -> tuple[Fault, ...]:
    if isinstance(faults, str):
        raise InstallationError("faults must be a collection of names, not one string")
    chosen: list[Fault] = []
    for item in faults:
        resolved = item if isinstance(item, Fault) else fault(item)
        if resolved not in chosen:
            chosen.append(resolved)
    return tuple(chosen)


def _default_meter_builder() -> MeterBuilder:
    try:
        from s1sr.emulator.meter.builder import build_meter
    except ImportError as exc:  # the METERS side not importable: say so, do not guess
        raise InstallationError(
            "no meter builder: s1sr.emulator.meter.builder is not importable"
        ) from exc
    return build_meter


def _derived(prefix: int, text: str) -> EUI64:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return EUI64(prefix << 40 | int.from_bytes(digest[:5], "big"))
