"""``open_dut``: the adapter a ``--dut`` spec names, for one Device Model, opened."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from s1sr.catalogue import Catalogue
from s1sr.dmves import DeviceModel, Dmves
from s1sr.dut.base import DeviceUnderTest
from s1sr.dut.errors import DutError
from s1sr.dut.spec import DutKind, DutSpec


def open_dut(
    spec: DutSpec | str,
    model: DeviceModel,
    *,
    dmves: Dmves,
    faults: Sequence[str] = (),
    variants: Sequence[str] = (),
    s1sp_timeout: timedelta | None = None,
    inventory_file: Path | None = None,
    catalogue: Catalogue | None = None,
    options: Mapping[str, Any] | None = None,
) -> DeviceUnderTest:
    """The DUT holding ``model``'s installation, opened; ``DutError`` if it cannot be.

    ``catalogue`` and ``options`` reach a python adapter's factory in its ``AdapterContext``.
    """
    spec = spec if isinstance(spec, DutSpec) else DutSpec.parse(spec)
    if faults and spec.kind is not DutKind.EMULATOR:
        raise DutError(f"--fault builds faults into the emulator; the DUT here is {spec}")
    if variants and spec.kind is not DutKind.EMULATOR:
        raise DutError(f"--variant configures the emulator; the DUT here is {spec}")
    dut: DeviceUnderTest
    if spec.kind is DutKind.EMULATOR:
        from s1sr.dut.emulator import EmulatorDut

        extra = {} if s1sp_timeout is None else {"s1sp_timeout": s1sp_timeout}
        dut = EmulatorDut(dmves, model, faults=faults, variants=variants, **extra)
    elif spec.kind is DutKind.TCP:
        from s1sr.dut.tcp import TcpDut

        dut = TcpDut(
            spec.host,
            spec.port,
            model,
            dmves=dmves,
            s1sp_timeout=s1sp_timeout,
            inventory_file=inventory_file,
        )
    elif spec.kind is DutKind.DUIS:
        dut = _duis(spec, model, dmves, s1sp_timeout, inventory_file, options or {})
    else:
        from s1sr.catalogue import load_catalogue
        from s1sr.dut.python_plugin import AdapterContext, open_python

        source = Path(dmves.source) if dmves.source else None
        context = AdapterContext(
            model=model,
            dmves=dmves,
            dmves_path=source if source is not None and source.is_file() else None,
            catalogue=catalogue or load_catalogue(),
            s1sp_timeout=s1sp_timeout,
            options=dict(options or {}),
        )
        dut = open_python(spec.module, spec.attribute, model, context)
    try:
        dut.open()
    except DutError:
        raise
    except OSError as exc:
        raise DutError(f"cannot open the DUT {spec}: {exc}") from exc
    return dut


def _duis(
    spec: DutSpec,
    model: DeviceModel,
    dmves: Dmves,
    s1sp_timeout: timedelta | None,
    inventory_file: Path | None,
    options: Mapping[str, Any],
) -> DeviceUnderTest:
    from s1sr.dut.duis import DuisDut

    keys = options.get("duis_keys")
    if keys is None:
        raise DutError(f"--dut {spec}: needs the DUIS key folder (--duis-keys DIR)")
    schema = options.get("duis_schema")
    counters = options.get("duis_counter_file")
    return DuisDut(
        spec.scheme,
        spec.host,
        spec.port,
        model,
        dmves=dmves,
        keys=Path(keys),
        listen=tuple(options.get("duis_listen") or ("127.0.0.1", 0)),  # type: ignore[arg-type]
        schema=None if schema is None else Path(schema),
        counter_file=None if counters is None else Path(counters),
        s1sp_timeout=s1sp_timeout,
        inventory_file=inventory_file,
    )
