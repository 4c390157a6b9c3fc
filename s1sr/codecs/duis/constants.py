"""Namespaces, prefixes and the bounds every DUIS document is held to."""

from __future__ import annotations

SR = "http://www.dccinterface.co.uk/ServiceUserGateway"
RA = "http://www.dccinterface.co.uk/ResponseAndAlert"
DS = "http://www.w3.org/2000/09/xmldsig#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

PREFIXES = {SR: "sr", RA: "ra", DS: "ds", XSI: "xsi"}
# What the DCC Boxed templates declare on sr:Request (and what encode writes).
REQUEST_NSMAP = {"ds": DS, "sr": SR, "xsi": XSI}
RESPONSE_NSMAP = {"sr": SR, "ra": RA, "ds": DS}

SCHEMA_VERSION = "5.4"

# An 11.1 / 11.4 image is at most 4 MiB in the models: 5.6 MB once base64 encoded.
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
# The deepest DUIS 5.4 request (2.1's non-disablement calendar) nests 12 levels.
MAX_DEPTH = 48
