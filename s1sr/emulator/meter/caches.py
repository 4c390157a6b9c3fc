"""Tables shared by every meter that would compute the same entries (equal tariffs, equal
calendars), kept in a bounded store so a long process does not grow without end."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")  # a table's key in the store
E = TypeVar("E")  # an entry's key in a table
T = TypeVar("T")


def shared_table(store: dict[K, dict[E, T]], key: K, limit: int) -> dict[E, T]:
    """The table of ``key`` in ``store``, new and empty if there is none; a full store is
    emptied first (its tables are only caches: whoever holds one keeps using it)."""
    table = store.get(key)
    if table is None:
        if len(store) >= limit:
            store.clear()
        table = store[key] = {}
    return table
