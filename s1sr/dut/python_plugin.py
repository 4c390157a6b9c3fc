"""``python:module:factory``: a manufacturer's own adapter, imported by name.

``factory(model, context)`` is called once per Device Model under test and returns a
``DeviceUnderTest`` (usually a ``MessageDut`` subclass) for that model's installation;
``context`` (an ``AdapterContext``) holds what an adapter may need beyond the model. A
factory of one parameter, ``factory(model)``, is still called that way. The module is
imported from ``sys.path``; the working directory is put first so an adapter file beside
the run is found without packaging it.
"""

from __future__ import annotations

import importlib
import inspect
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from s1sr.catalogue import Catalogue
from s1sr.dmves import DeviceModel, Dmves
from s1sr.dut.base import DeviceUnderTest
from s1sr.dut.errors import DutError

Factory = Callable[..., DeviceUnderTest]


@dataclass(frozen=True)
class AdapterContext:
    """What the suite knows about a run, handed to ``factory(model, context)``.

    ``han_peers`` are the other Device Models the DMVES puts in the same installation
    (same ``han_id``): the devices a bench for ``model`` holds beside it. ``s1sp_timeout``
    is ``--s1sp-timeout`` when given. ``options`` are the suite's options as recorded in
    results.json (``device_models``, ``clauses``, ``strict``, ...).
    """

    model: DeviceModel
    dmves: Dmves
    dmves_path: Path | None
    catalogue: Catalogue
    s1sp_timeout: timedelta | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def han_peers(self) -> tuple[DeviceModel, ...]:
        if self.model.han_id is None:
            return ()
        return tuple(
            m for m in self.dmves.models if m.han_id == self.model.han_id and m.id != self.model.id
        )


def load_factory(module_name: str, attribute: str) -> Factory:
    cwd = os.getcwd()
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise DutError(f"cannot import the adapter module {module_name!r}: {exc}") from exc
    factory = getattr(module, attribute, None)
    if not callable(factory):
        raise DutError(f"{module_name}.{attribute} is not a callable adapter factory")
    return factory


def takes_context(factory: Factory) -> bool:
    """Whether ``factory`` accepts a second positional argument (the context)."""
    try:
        parameters = list(inspect.signature(factory).parameters.values())
    except (TypeError, ValueError):
        return False
    positional = [
        p
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    return any(p.kind is p.VAR_POSITIONAL for p in positional) or len(positional) >= 2


def open_python(
    module_name: str,
    attribute: str,
    model: DeviceModel,
    context: AdapterContext | None = None,
) -> DeviceUnderTest:
    factory = load_factory(module_name, attribute)
    if context is not None and takes_context(factory):
        dut = factory(model, context)
    else:
        dut = factory(model)
    if not isinstance(dut, DeviceUnderTest):
        raise DutError(
            f"{module_name}.{attribute}({model.id!r}) returned a {type(dut).__name__}, "
            "not a DeviceUnderTest"
        )
    return dut
