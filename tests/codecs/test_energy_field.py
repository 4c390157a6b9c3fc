"""Energy: unsigned thousandths with a fixed unit, or with an encoded unit byte."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import (
    EncodedUnitEnergyAdapter,
    EncodedUnitEnergyField,
    EnergyAdapter,
    EnergyKwhField,
    EnergyM3Field,
)
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.models import Energy, EnergyUnit

KWH = as_message(EnergyKwhField, "block_counter")
ENCODED = as_message(EncodedUnitEnergyField, "block_counter")


@pytest.mark.parametrize(
    ("schema", "value", "hex_bytes"),
    [
        pytest.param(KWH, Energy.kwh("1.5"), "000005dc", id="kwh"),
        pytest.param(as_message(EnergyM3Field), Energy.m3("1.5"), "000005dc", id="m3"),
        pytest.param(
            as_message(EnergyAdapter(EnergyUnit.KWH, 6)), Energy.kwh(1), "0000000003e8", id="48-bit"
        ),
        pytest.param(
            as_message(EnergyAdapter(EnergyUnit.KWH, byteorder="little")),
            Energy.kwh("1.5"),
            "dc050000",
            id="little-endian",
        ),
        pytest.param(ENCODED, Energy.kwh("1.5"), "00000005dc", id="encoded-kwh"),
        pytest.param(ENCODED, Energy.m3("1.5"), "01000005dc", id="encoded-m3"),
        pytest.param(ENCODED, Energy.kwh(0), "0000000000", id="encoded-zero"),
    ],
)
def test_vectors(schema, value, hex_bytes):
    name = schema.subcons[0].name
    assert build_strict(schema, {name: value}).hex() == hex_bytes
    assert parse_strict(schema, bytes.fromhex(hex_bytes))[name] == value


def test_fixed_unit_field_refuses_the_other_unit():
    # 18.14(a)/18.17(b)/18.18(a): the unit is the point, so no silent conversion.
    with pytest.raises(EncodeError, match="holds kWh") as caught:
        build_strict(KWH, {"block_counter": Energy.m3(2)})
    assert caught.value.path == "block_counter"


def test_undefined_unit_code_names_the_unit_field():
    with pytest.raises(CodecError, match=r"undefined EnergyUnit code 2 \(0x02\)") as caught:
        parse_strict(ENCODED, bytes.fromhex("02000005dc"))
    assert caught.value.path == "block_counter.unit"


def test_truncated_value_names_the_value_field():
    with pytest.raises(CodecError) as caught:
        parse_strict(ENCODED, bytes.fromhex("0000"))
    assert caught.value.path == "block_counter.milli"


def test_energy_too_large_for_the_field_is_an_encode_error():
    with pytest.raises(EncodeError, match="does not fit"):
        build_strict(KWH, {"block_counter": Energy(2**32, EnergyUnit.KWH)})
    with pytest.raises(EncodeError, match="does not fit"):
        build_strict(ENCODED, {"block_counter": Energy(2**32, EnergyUnit.M3)})


def test_64_bit_values_beyond_the_model_range_are_refused():
    schema = as_message(EncodedUnitEnergyAdapter(8))
    with pytest.raises(CodecError, match="beyond the energy range") as caught:
        parse_strict(schema, bytes.fromhex("00ffffffffffffffff"))
    assert caught.value.path == "value"


def test_adapter_needs_an_energy_unit():
    with pytest.raises(TypeError, match="EnergyUnit"):
        EnergyAdapter("kWh")


@given(st.integers(0, 2**32 - 1), st.sampled_from(EnergyUnit))
def test_encoded_unit_round_trip(milli, unit):
    value = Energy(milli, unit)
    assert parse_strict(ENCODED, build_strict(ENCODED, {"block_counter": value})).block_counter == (
        value
    )


@given(st.binary(min_size=5, max_size=5))
def test_encoded_bytes_decode_iff_unit_is_known(raw):
    try:
        value = parse_strict(ENCODED, raw)
    except CodecError as exc:
        assert raw[0] not in (0, 1)
        assert exc.path == "block_counter.unit"
        return
    assert build_strict(ENCODED, value) == raw
