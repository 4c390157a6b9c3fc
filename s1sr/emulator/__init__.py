"""A reference SMETS1 installation emulator: sans-I/O devices driven by an injected clock.

The devices, the S1SP layer and the TCP server stand on the time foundation here:
``clock`` (system and virtual clocks, S1SP timeouts), ``london`` (Europe/London in UTC
arithmetic), ``load_profile`` (consumption that accrues as virtual time passes) and
``gas_conversion`` (gas volume to kWh).
"""
