"""Every DCC User the DMVES's installations hold, for ``s1sr duis keygen`` (the test PKI
itself is written by ``s1sr.codecs.duis.pki``, where both sides find it)."""

from __future__ import annotations

from s1sr.models import EUI64


def default_users(dmves=None) -> list[EUI64]:  # noqa: ANN001
    """Every DCC User of every installation the DMVES builds (one per Device Model)."""
    from s1sr.dmves import load_dmves
    from s1sr.dut.emulator import EmulatorDut

    dmves = dmves or load_dmves(None)
    users: dict[EUI64, None] = {}
    for model in dmves.models:
        dut = EmulatorDut(dmves, model)
        users.update(dict.fromkeys(dut.inventory().users))
        dut.close()
    return list(users)
