"""The codes the HAN side answers with (the S1SP side has its own in ``s1sp.codes``).

DUIS response codes are public (domain-notes section 3); which one a SMETS1 device's
refusal maps to is not, so the emulator keeps to a few and tests check only "not success":

- ``NOT_SUPPORTED`` (E11, "Service Request not compatible with the device"): the Device
  Model does not take the SRV at all (e.g. 11.1 on a PPMID without 18.63(b)).
- ``REFUSED`` (E12, "failed validation"): the device takes the SRV but refuses it in its
  current state (a second PPMID, a second upgrade while one is under way, ...).
- ``UNKNOWN_DEVICE`` (E19, "device doesn't exist"): no device of this HAN has that id.
- ``UNREACHABLE`` (E20, "unable to communicate with the device"): the device is not on
  the HAN (removed from the CHF device log, or a swapped-in PPMID that never joined).

Alert codes S1PX04 and S1PX05 are the project-defined ones of the alert catalogue.
"""

from s1sr.models import ResponseCode

NOT_SUPPORTED = ResponseCode.E11
REFUSED = ResponseCode.E12
UNREACHABLE = ResponseCode.E20
UNKNOWN_DEVICE = ResponseCode.E19

UPGRADE_STOPPED = "S1PX04"  # 18.65(d): the first upgrade, stopped by a second one
FIRMWARE_FAILED = "S1PX05"  # a distribution or activation that did not complete
