"""The DUIS DUT: the suite as a DCC User over DUIS and HTTP (``--dut duis+http://...``).

``dut.py`` holds ``DuisDut``; one concept per module: ``encode`` (model -> signed XML),
``endpoint`` (HTTP client), ``listener`` (the DCC User's callback endpoint), ``hooks``
(the emulator's non-DUIS test hooks), ``keys``, ``counter`` (originator counters),
``paths``, ``launcher`` (``s1sr run-duis``) and ``compare`` (verdicts of two runs).
"""

from s1sr.dut.duis.dut import DuisDut

__all__ = ["DuisDut"]
