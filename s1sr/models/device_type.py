"""Device types of a SMETS1 Installation."""

from enum import StrEnum


class DeviceType(StrEnum):
    ESME = "ESME"  # electricity smart meter
    GSME = "GSME"  # gas smart meter
    CHF = "CHF"  # communications hub function
    PPMID = "PPMID"  # prepayment meter interface device
    IHD = "IHD"  # in-home display
