"""SMETS1 cohorts and their GroupIDs (domain-notes section 1)."""

from __future__ import annotations

from enum import StrEnum


class Cohort(StrEnum):
    IOC = "IOC"
    MOC_MDS = "MOC-MDS"
    MOC_SECURE = "MOC-Secure"
    FOC = "FOC"


class GroupId(StrEnum):
    AA = "AA"
    BA = "BA"
    CA = "CA"
    CB = "CB"
    DA = "DA"
    EA = "EA"


COHORT_OF_GROUP: dict[GroupId, Cohort] = {
    GroupId.AA: Cohort.IOC,
    GroupId.BA: Cohort.IOC,
    GroupId.CA: Cohort.IOC,
    GroupId.CB: Cohort.MOC_MDS,
    GroupId.DA: Cohort.MOC_SECURE,
    GroupId.EA: Cohort.FOC,
}
