"""The kinds of GBCS payload: which encoding the content of a message is in."""

from enum import StrEnum


class PayloadKind(StrEnum):
    GBZ = "gbz"  # ZigBee (ZSE / ZCL) commands, used by gas devices
    DLMS = "dlms"  # DLMS COSEM A-XDR, used by electricity meters
    DER = "der"  # ASN.1 DER, used by device-agnostic use cases (CS06, CS08...)
    RAW = "raw"  # kept as bytes: unknown, or not decodable
