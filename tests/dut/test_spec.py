"""``--dut`` values: the three kinds, and refusals that say what was expected."""

from __future__ import annotations

import pytest

from s1sr.dut import DutKind, DutSpec, DutSpecError


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        ("emulator", DutKind.EMULATOR, {}),
        ("tcp://127.0.0.1:7410", DutKind.TCP, {"host": "127.0.0.1", "port": 7410}),
        ("tcp://meter-bridge.lab:1", DutKind.TCP, {"host": "meter-bridge.lab", "port": 1}),
        ("tcp://[::1]:7410", DutKind.TCP, {"host": "::1", "port": 7410}),
        ("python:acme.adapter:factory", DutKind.PYTHON, {"module": "acme.adapter"}),
    ],
    ids=["emulator", "tcp-ipv4", "tcp-name", "tcp-ipv6", "python"],
)
def test_specs_parse_and_print_back(text, kind, fields):
    spec = DutSpec.parse(text)
    assert spec.kind is kind
    for name, value in fields.items():
        assert getattr(spec, name) == value
    assert str(spec) == text


@pytest.mark.parametrize(
    "text",
    ["", "emulator2", "tcp://host", "tcp://host:0", "tcp://host:70000", "python:mod", "udp://h:1"],
)
def test_bad_specs_are_refused_naming_the_forms(text):
    with pytest.raises(DutSpecError, match="tcp://HOST:PORT"):
        DutSpec.parse(text)
