"""``python:module:factory``: a manufacturer's own adapter, imported by name.

``factory(model)`` is called once per Device Model under test and returns a
``DeviceUnderTest`` (usually a ``MessageDut`` subclass) for that model's installation.
The module is imported from ``sys.path``; the working directory is put first so an adapter
file beside the run is found without packaging it.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable

from s1sr.dmves import DeviceModel
from s1sr.dut.base import DeviceUnderTest
from s1sr.dut.errors import DutError

Factory = Callable[[DeviceModel], DeviceUnderTest]


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


def open_python(module_name: str, attribute: str, model: DeviceModel) -> DeviceUnderTest:
    dut = load_factory(module_name, attribute)(model)
    if not isinstance(dut, DeviceUnderTest):
        raise DutError(
            f"{module_name}.{attribute}({model.id!r}) returned a {type(dut).__name__}, "
            "not a DeviceUnderTest"
        )
    return dut
