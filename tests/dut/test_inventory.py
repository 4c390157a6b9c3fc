"""Inventories: lookups the suite relies on, and the TOML file a TCP DUT is described by."""

from __future__ import annotations

import pytest

from s1sr.dut import DeviceEntry, DutError, Inventory
from s1sr.dut.inventory_file import inventory_for, read_inventories, write_inventories
from s1sr.models import EUI64, DeviceType, ModelError

ESME, CHF, PPMID = EUI64(0x0253310000000001), EUI64(0x0253310000000002), EUI64(0x0253310000000003)
SUP_A, SUP_B = EUI64(0x0253550000000001), EUI64(0x0253550000000002)


@pytest.fixture
def inventory():
    return Inventory(
        (
            DeviceEntry(ESME, DeviceType.ESME, "EX-ESME-1", SUP_A),
            DeviceEntry(CHF, DeviceType.CHF, "EX-CHF-1"),
            DeviceEntry(PPMID, DeviceType.PPMID, "EX-PPMID-4", on_han=False),
        ),
        (SUP_B, SUP_A),
    )


def test_a_meter_is_commanded_by_its_supplier_and_others_by_the_first_user(inventory):
    assert inventory.user_for(ESME) == SUP_A
    assert inventory.user_for(CHF) == SUP_B
    assert inventory.other_user(ESME) == SUP_B


def test_spares_are_apart_from_the_han(inventory):
    assert inventory.on_han(DeviceType.PPMID) == ()
    assert [e.id for e in inventory.spares(DeviceType.PPMID)] == [PPMID]


def test_an_inventory_without_users_or_with_a_device_twice_is_refused():
    entry = DeviceEntry(ESME, DeviceType.ESME)
    with pytest.raises(ModelError, match="DCC User"):
        Inventory((entry,), ())
    with pytest.raises(ModelError, match="twice"):
        Inventory((entry, entry), (SUP_A,))


def test_the_file_reads_back_what_was_written(tmp_path, inventory):
    path = tmp_path / "inventory.toml"
    path.write_text(write_inventories({"HAN-1": inventory}), encoding="utf-8")
    assert read_inventories(path) == {"HAN-1": inventory}
    assert inventory_for(path, "EX-CHF-1") == inventory


def test_a_model_is_found_where_it_is_on_the_han(tmp_path, inventory):
    own = Inventory((DeviceEntry(PPMID, DeviceType.PPMID, "EX-PPMID-4"),), (SUP_A,))
    path = tmp_path / "inventory.toml"
    path.write_text(write_inventories({"HAN-1": inventory, "SOLO": own}), encoding="utf-8")
    assert inventory_for(path, "EX-PPMID-4") == own


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "at least one"),
        ('[[installation]]\nname = "H"\nusers = []\n', "device"),
        (
            '[[installation]]\nname = "H"\nusers = ["x"]\n[[installation.device]]\n'
            'id = "02-53-31-00-00-00-00-01"\ntype = "ESME"\n',
            r"users",
        ),
        (
            '[[installation]]\nname = "H"\nusers = ["02-53-55-00-00-00-00-01"]\n'
            '[[installation.device]]\nid = "02-53-31-00-00-00-00-01"\ntype = "METER"\n',
            r"device\[0\]\.type",
        ),
        (
            '[[installation]]\nname = "H"\nusers = ["02-53-55-00-00-00-00-01"]\n'
            '[[installation.device]]\nid = "02-53-31-00-00-00-00-01"\ntype = "ESME"\ncolour = 1\n',
            "unknown key",
        ),
        ("not toml [", "cannot read"),
    ],
    ids=["empty", "no-device", "bad-user", "bad-type", "unknown-key", "not-toml"],
)
def test_a_bad_file_is_refused_naming_the_entry(tmp_path, text, message):
    path = tmp_path / "inventory.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DutError, match=message):
        read_inventories(path)


def test_a_model_no_installation_lists_is_refused(tmp_path, inventory):
    path = tmp_path / "inventory.toml"
    path.write_text(write_inventories({"HAN-1": inventory}), encoding="utf-8")
    with pytest.raises(DutError, match="EX-GSME-9"):
        inventory_for(path, "EX-GSME-9")
