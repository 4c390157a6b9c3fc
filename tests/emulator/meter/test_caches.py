"""The shared tables of the meters' caches: one per key, and a store that never grows past
its limit."""

from __future__ import annotations

from s1sr.emulator.meter.caches import shared_table


def test_a_key_gets_the_same_table_each_time() -> None:
    store: dict[str, dict[int, str]] = {}
    table = shared_table(store, "plan", 4)
    table[1] = "one"
    assert shared_table(store, "plan", 4) is table
    assert shared_table(store, "other", 4) == {}
    assert len(store) == 2


def test_a_full_store_is_emptied_before_a_new_key_and_held_tables_still_work() -> None:
    store: dict[int, dict[int, int]] = {}
    held = shared_table(store, 0, 3)
    held[7] = 49
    for key in (1, 2):
        shared_table(store, key, 3)
    assert len(store) == 3
    assert shared_table(store, 2, 3) is store[2]  # a known key: nothing cleared
    assert len(store) == 3
    fresh = shared_table(store, 3, 3)
    assert store == {3: fresh}
    assert held == {7: 49}
    assert shared_table(store, 0, 3) is not held
