"""The codes the S1SP answers with itself, before or instead of the device.

Alerts are the alert catalogue's (S1CE20 public; S1PX01-S1PX03 project-defined). Response
codes are DUIS's public ones: E4 (user not authorised for the device) for a User that
supplies nothing in the installation, E11 (SRV not compatible with the device type), E12
(failed validation: a request id reused for another request, or a UTRN refused without an
alert by a faulty S1SP), E19 (no such device).
"""

from s1sr.models import S1CE20, ResponseCode

TIMEOUT = S1CE20
NOT_WHOLE_POUNDS = "S1PX01"
DUPLICATE_UTRN = "S1PX02"
NOT_SUPPLIER = "S1PX03"

NOT_AUTHORISED = ResponseCode.E4
INCOMPATIBLE = ResponseCode.E11
INVALID = ResponseCode.E12
UNKNOWN_DEVICE = ResponseCode.E19
