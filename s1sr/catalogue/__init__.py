"""The clause, SRV and alert catalogues of FOC Uplift 2.1, loaded from packaged data files."""

from s1sr.catalogue.alert_info import AlertInfo
from s1sr.catalogue.catalogue import Catalogue
from s1sr.catalogue.clause import VERDICTS_BY_KIND, Clause, ClauseKind
from s1sr.catalogue.cohort import COHORT_OF_GROUP, Cohort, GroupId
from s1sr.catalogue.errors import DataFileError, FieldValueError, UnknownEntryError
from s1sr.catalogue.family import Family
from s1sr.catalogue.loader import load_catalogue, read_catalogue
from s1sr.catalogue.srv_info import SrvInfo

__all__ = [
    "COHORT_OF_GROUP",
    "VERDICTS_BY_KIND",
    "AlertInfo",
    "Catalogue",
    "Clause",
    "ClauseKind",
    "Cohort",
    "DataFileError",
    "Family",
    "FieldValueError",
    "GroupId",
    "SrvInfo",
    "UnknownEntryError",
    "load_catalogue",
    "read_catalogue",
]
