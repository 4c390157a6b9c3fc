"""SRV 2.1 Update Prepay Configuration as ``UpdatePrepayConfigurationRequest``.

Amounts are 1/1000 p, as GBCS carries them: whole-pence ``Money`` (a sub-penny amount is
a ``CodecError``). DUIS requires every setting, so a model leaving one ``None`` is
refused on writing. As the GBCS view reads the same RTDS cases (ECS08 / GCS05):

* electricity: ``DebtRecoveryRateCap`` is ``DebtRecoveryRateCap(FineMoney(cap), WEEKLY)``:
  DUIS gives no period, and the DCC's ECS08 command carries a week (604800 s); a cap of
  another period is refused on writing. The calendar is the model's own form: special
  days and START / STOP schedule entries (an xs:date of year 65535 recurs every year,
  3000-12-31 as an end date is ``INDEFINITE``).
* gas: the GSME holds no cap in GCS05, so DUIS's ``DebtRecoveryRateCap`` goes to
  ``extras``. The calendar is a ZSE calendar (day, week and season profiles, special
  days), read into the model's form by the GBCS mapping's own conversion, so both views
  agree; its numbering is kept in ``extras["GasCalendarLayout"]`` and written back when
  the model's calendar is still the one it reads as, else rebuilt from the model.
"""

from __future__ import annotations

import re

from s1sr.codecs.duis.bodies import (
    Framing,
    Fuel,
    Reading,
    execution,
    execution_leaves,
    integer,
    leaf,
    money_of,
    node,
    only,
    parse_time,
    required_extra,
    text,
)
from s1sr.codecs.duis.constants import SR
from s1sr.codecs.duis.tariff import int_value, read_date, write_date
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.mapping.ndc_gbz import _to_model as zse_calendar
from s1sr.codecs.gbcs.mapping.ndc_gbz import zse_tables
from s1sr.models import (
    INDEFINITE,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    FineMoney,
    Indefinite,
    ModelError,
    Money,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    PrepaySettings,
    RequestBody,
    UpdatePrepayConfigurationRequest,
    Weekday,
)

MILLIPENCE = 1000
ANY_YEAR = 65535  # an xs:date year that recurs (DLMS's 0xFFFF)
_DATE = re.compile(r"(\d{4,5})-(\d\d)-(\d\d)(Z|[+-]00:00)?")
_INT32 = (-(1 << 31), (1 << 31) - 1)
_UINT32 = (0, (1 << 32) - 1)
_SCRIPTS = {"START": NdcScript.START, "STOP": NdcScript.STOP}
_MONEY = (
    ("EmergencyCreditLimit", "emergency_credit_limit"),
    ("EmergencyCreditThreshold", "emergency_credit_threshold"),
    ("LowCreditThreshold", "low_credit_threshold"),
)
_TAIL_MONEY = (
    ("MaxMeterBalance", "max_meter_balance"),
    ("MaxCreditThreshold", "max_credit_threshold"),
)


def _date(raw: str, path: str, *, end: bool = False) -> PartialDate | Indefinite:
    match = _DATE.fullmatch(raw.strip())
    if match is None:
        raise CodecError(f"not a UTC xs:date: {raw!r:.30}", path)
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    if end and (year, month, day) == (3000, 12, 31):
        return INDEFINITE
    try:
        return PartialDate(None if year == ANY_YEAR else year, month, day)
    except ModelError as exc:
        raise CodecError(str(exc), path) from None


def _date_text(value: PartialDate | Indefinite) -> str:
    if isinstance(value, Indefinite):
        return "3000-12-31Z"
    year = ANY_YEAR if value.year is None else value.year
    return f"{year:04d}-{value.month:02d}-{value.day:02d}Z"


# --- the electricity calendar ----------------------------------------------------------------


def _read_elec_calendar(element: XmlElement, path: str) -> NonDisablementCalendar:
    only(element, ("ElectricitySpecialDays", "ElectricityNonDisablementSchedule"), path)
    days_element = element.find("ElectricitySpecialDays")
    if days_element is None:
        raise CodecError("sr:ElectricitySpecialDays missing", path)
    where = f"{path}/sr:ElectricitySpecialDays"
    only(days_element, ("SpecialDay",), where)
    special = []
    for position, day in enumerate(days_element.children, 1):
        at = f"{where}/sr:SpecialDay[{position}]"
        if dict(day.attributes).get("index") != str(position):
            raise CodecError("sr:SpecialDay indexes must run 1..n in order", at)
        only(day, ("Date",), at)
        date_element = day.find("Date")
        if date_element is None:
            raise CodecError("sr:Date missing", at)
        special.append(read_date(date_element, Fuel.ELECTRICITY, f"{at}/sr:Date"))
    schedule = []
    for position, entry in enumerate(element.find_all("ElectricityNonDisablementSchedule"), 1):
        at = f"{path}/sr:ElectricityNonDisablementSchedule[{position}]"
        names = (
            "NonDisablementScript",
            "SpecialDaysApplicability",
            "DaysOfWeekApplicability",
            "ScheduleDatesAndTime",
        )
        only(entry, names, at)
        script = text(entry, "NonDisablementScript", at)
        if script not in _SCRIPTS:
            raise CodecError(f"not START or STOP: {script!r:.10}", f"{at}/sr:NonDisablementScript")
        specials = _applicability(entry, "SpecialDaysApplicability", "SpecialDayID", at)
        weekdays = _applicability(entry, "DaysOfWeekApplicability", "DayOfWeekID", at)
        when = entry.find("ScheduleDatesAndTime")
        if when is None:
            raise CodecError("sr:ScheduleDatesAndTime missing", at)
        inner = f"{at}/sr:ScheduleDatesAndTime"
        only(when, ("SwitchTime", "StartDate", "EndDate"), inner)
        start = _date(text(when, "StartDate", inner), f"{inner}/sr:StartDate")
        try:
            day_numbers = tuple(int(s) for s in specials)
            weekday_values = tuple(Weekday[w.upper()] for w in weekdays)
        except (ValueError, KeyError):
            raise CodecError("a special day or weekday is not one", at) from None
        schedule.append(
            NdcScheduleEntry(
                _SCRIPTS[script],
                parse_time(text(when, "SwitchTime", inner), f"{inner}/sr:SwitchTime"),
                start,
                _date(text(when, "EndDate", inner), f"{inner}/sr:EndDate", end=True),
                weekday_values,
                day_numbers,
            )
        )
    return NonDisablementCalendar(tuple(special), tuple(schedule))


def _applicability(entry: XmlElement, name: str, leaf_name: str, path: str) -> list[str]:
    group = entry.find(name)
    if group is None:
        raise CodecError(f"sr:{name} missing", path)
    item = {
        "SpecialDaysApplicability": "SpecialDayApplicability",
        "DaysOfWeekApplicability": "DayOfWeekApplicability",
    }[name]
    where = f"{path}/sr:{name}"
    only(group, (item,), where)
    values = []
    for child in group.children:
        only(child, (leaf_name,), where)
        values.append(text(child, leaf_name, where))
    return values


def _write_elec_calendar(calendar: NonDisablementCalendar) -> XmlElement:
    if not calendar.schedule:
        raise ModelError("non_disablement_calendar: DUIS needs 1 to 22 schedule entries")
    days = [
        XmlElement(
            SR,
            "SpecialDay",
            None,
            (write_date("Date", day, Fuel.ELECTRICITY),),
            (("index", str(index)),),
        )
        for index, day in enumerate(calendar.special_days, 1)
    ]
    entries = []
    for entry in calendar.schedule:
        if not isinstance(entry.start, PartialDate):
            raise ModelError("schedule: a start date of 31/12/3000 is an end date")
        entries.append(
            node(
                "ElectricityNonDisablementSchedule",
                leaf("NonDisablementScript", entry.script.name),
                node(
                    "SpecialDaysApplicability",
                    *(
                        node("SpecialDayApplicability", leaf("SpecialDayID", str(n)))
                        for n in entry.special_days
                    ),
                ),
                node(
                    "DaysOfWeekApplicability",
                    *(
                        node("DayOfWeekApplicability", leaf("DayOfWeekID", d.name.title()))
                        for d in entry.weekdays
                    ),
                ),
                node(
                    "ScheduleDatesAndTime",
                    leaf("SwitchTime", f"{entry.switch_time:%H:%M:%S}.00Z"),
                    leaf("StartDate", _date_text(entry.start)),
                    leaf("EndDate", _date_text(entry.end)),
                ),
            )
        )
    return node(
        "ElectricityNonDisablementCalendar", node("ElectricitySpecialDays", *days), *entries
    )


# --- the gas calendar (a ZSE calendar) ----------------------------------------------------------


def _read_gas_tables(element: XmlElement, path: str) -> tuple:
    only(element, ("DayProfiles", "WeekProfiles", "SeasonProfiles", "SpecialDays"), path)

    def part(name: str) -> tuple[XmlElement, str]:
        found = element.find(name)
        if found is None:
            raise CodecError(f"sr:{name} missing", path)
        return found, f"{path}/sr:{name}"

    profiles, where = part("DayProfiles")
    only(profiles, ("GasNonDisablementDayProfile",), where)
    days: dict[int, tuple[tuple[int, int], ...]] = {}
    for position, profile in enumerate(profiles.children, 1):
        at = f"{where}/sr:GasNonDisablementDayProfile[{position}]"
        only(profile, ("TimeStartAction", "GasDayName"), at)
        switches = []
        for action in profile.find_all("TimeStartAction"):
            only(action, ("StartTime", "NonDisablementAction"), at)
            start = parse_time(text(action, "StartTime", at), f"{at}/sr:StartTime")
            if start.second:
                raise CodecError("a GSME switch is a whole minute", at)
            script = text(action, "NonDisablementAction", at)
            if script not in _SCRIPTS:
                raise CodecError(f"not START or STOP: {script!r:.10}", at)
            switches.append((start.hour * 60 + start.minute, 1 if script == "START" else 0))
        day = integer(profile, "GasDayName", at, 1, 5)
        if day in days:
            raise CodecError(f"day profile {day} twice", at)
        days[day] = tuple(switches)
    weeks_element, where = part("WeekProfiles")
    only(weeks_element, ("WeekProfile",), where)
    weeks: dict[int, tuple[int, ...]] = {}
    for position, week in enumerate(weeks_element.children, 1):
        at = f"{where}/sr:WeekProfile[{position}]"
        only(week, ("WeekName", "ReferencedDayName"), at)
        refs = week.find_all("ReferencedDayName")
        if [dict(r.attributes).get("index") for r in refs] != [str(i) for i in range(1, 8)]:
            raise CodecError("sr:ReferencedDayName indexes must run 1..7 in order", at)
        weeks[integer(week, "WeekName", at, 1, 2)] = tuple(int_value(r, at, 1, 5) for r in refs)
    seasons = _dated_references(*part("SeasonProfiles"), "Season", "SeasonStartDate", "Week", 2)
    special = _dated_references(*part("SpecialDays"), "SpecialDay", "Date", "Day", 5)
    return days, weeks, seasons, special


def _dated_references(
    parent: XmlElement, where: str, item: str, date_name: str, kind: str, most: int
) -> list[tuple[PartialDate, int]]:
    """A gas calendar's seasons or special days: each a date and the day or week it uses."""
    only(parent, (item,), where)
    found = []
    for position, child in enumerate(parent.children, 1):
        at = f"{where}/sr:{item}[{position}]"
        reference = f"Referenced{kind}Name"
        only(child, (date_name, reference), at)
        date_element = child.find(date_name)
        if date_element is None:
            raise CodecError(f"sr:{date_name} missing", at)
        found.append(
            (
                read_date(date_element, Fuel.GAS, f"{at}/sr:{date_name}"),
                integer(child, reference, at, 1, most),
            )
        )
    return found


def _write_gas_tables(days: dict, weeks: dict, seasons: list, special: list) -> XmlElement:
    if len(days) > 5 or len(weeks) > 2 or not 1 <= len(seasons) <= 3 or len(special) > 20:
        raise ModelError(
            "non_disablement_calendar: a GSME calendar holds 5 day profiles, 2 week "
            "profiles, 1 to 3 seasons and 20 special days"
        )
    if any(not 1 <= len(switches) <= 3 for switches in days.values()):
        raise ModelError("non_disablement_calendar: a GSME day profile has 1 to 3 switches")
    profiles = [
        node(
            "GasNonDisablementDayProfile",
            *(
                node(
                    "TimeStartAction",
                    leaf("StartTime", f"{minute // 60:02d}:{minute % 60:02d}:00.00Z"),
                    leaf("NonDisablementAction", "START" if value else "STOP"),
                )
                for minute, value in switches
            ),
            leaf("GasDayName", str(day)),
        )
        for day, switches in days.items()
    ]
    week_elements = [
        node(
            "WeekProfile",
            leaf("WeekName", str(week)),
            *(
                XmlElement(SR, "ReferencedDayName", str(d), (), (("index", str(i)),))
                for i, d in enumerate(refs, 1)
            ),
        )
        for week, refs in weeks.items()
    ]
    return node(
        "GasNonDisablementCalendar",
        node("DayProfiles", *profiles),
        node("WeekProfiles", *week_elements),
        node(
            "SeasonProfiles",
            *(
                node(
                    "Season",
                    write_date("SeasonStartDate", start, Fuel.GAS),
                    leaf("ReferencedWeekName", str(week)),
                )
                for start, week in seasons
            ),
        ),
        node(
            "SpecialDays",
            *(
                node(
                    "SpecialDay",
                    write_date("Date", day, Fuel.GAS),
                    leaf("ReferencedDayName", str(ref)),
                )
                for day, ref in special
            ),
        ),
    )


def _layout_text(days: dict, weeks: dict, seasons: list, special: list) -> str:
    """The gas calendar's tables as one line (numbering included), for ``extras``."""
    day_part = ";".join(
        f"{d}=" + ",".join(f"{m}/{v}" for m, v in switches) for d, switches in days.items()
    )
    week_part = ";".join(f"{w}=" + ",".join(map(str, refs)) for w, refs in weeks.items())
    season_part = ";".join(f"{start}/{week}" for start, week in seasons)
    special_part = ";".join(f"{day}/{ref}" for day, ref in special)
    return "|".join((day_part, week_part, season_part, special_part))


def _layout_of(raw: str) -> tuple:
    try:
        day_part, week_part, season_part, special_part = raw.split("|")

        def date_of(text_: str) -> PartialDate:
            year, month, day = text_.split("-")
            return PartialDate(None if year == "*" else int(year), int(month), int(day))

        days = {}
        for item in filter(None, day_part.split(";")):
            day, switches = item.split("=")
            days[int(day)] = tuple(
                (int(m), int(v)) for m, v in (s.split("/") for s in switches.split(","))
            )
        weeks = {}
        for item in filter(None, week_part.split(";")):
            week, refs = item.split("=")
            weeks[int(week)] = tuple(int(r) for r in refs.split(","))
        seasons = [
            (date_of(s.split("/")[0]), int(s.split("/")[1]))
            for s in filter(None, season_part.split(";"))
        ]
        special = [
            (date_of(s.split("/")[0]), int(s.split("/")[1]))
            for s in filter(None, special_part.split(";"))
        ]
    except (ValueError, ModelError):
        raise ModelError("extras: GasCalendarLayout is not a calendar layout") from None
    return days, weeks, seasons, special


# --- the body -------------------------------------------------------------------------------------


def read_prepay(body: XmlElement, reading: Reading) -> RequestBody:
    path = reading.path
    only(
        body, ("ExecutionDateTime", "UpdatePrepayConfigElectricity", "UpdatePrepayConfigGas"), path
    )
    execute_at = execution(body, reading)
    forms = [c for c in body.children if c.name != "ExecutionDateTime"]
    if len(forms) != 1:
        raise CodecError("needs one of the electricity and gas configurations", path)
    form = forms[0]
    where = f"{path}/sr:{form.name}"
    fuel = Fuel.ELECTRICITY if form.name == "UpdatePrepayConfigElectricity" else Fuel.GAS
    reading.fuel = fuel
    calendar_name = (
        "ElectricityNonDisablementCalendar"
        if fuel is Fuel.ELECTRICITY
        else "GasNonDisablementCalendar"
    )
    names = [n for n, _ in _MONEY]
    only(form, ("DebtRecoveryRateCap", *names, calendar_name, *[n for n, _ in _TAIL_MONEY]), where)
    money_range = _INT32 if fuel is Fuel.ELECTRICITY else _UINT32
    values: dict[str, Money] = {}
    for name, attr in (*_MONEY, *_TAIL_MONEY):
        values[attr] = _money(integer(form, name, where, *money_range), f"{where}/sr:{name}")
    cap = None
    if fuel is Fuel.ELECTRICITY:
        raw_cap = integer(form, "DebtRecoveryRateCap", where, 0, (1 << 16) - 1)
        cap = DebtRecoveryRateCap(FineMoney(raw_cap), DebtRecoveryCapPeriod.WEEKLY)
    else:
        reading.extras["DebtRecoveryRateCap"] = str(
            integer(form, "DebtRecoveryRateCap", where, *_INT32)
        )
    calendar_element = form.find(calendar_name)
    if calendar_element is None:
        raise CodecError(f"sr:{calendar_name} missing", where)
    at = f"{where}/sr:{calendar_name}"
    if fuel is Fuel.ELECTRICITY:
        calendar = _read_elec_calendar(calendar_element, at)
    else:
        tables = _read_gas_tables(calendar_element, at)
        calendar = zse_calendar(*tables, at)
        reading.extras["GasCalendarLayout"] = _layout_text(*tables)
    settings = PrepaySettings(
        debt_recovery_rate_cap=cap, non_disablement_calendar=calendar, **values
    )
    return UpdatePrepayConfigurationRequest(settings, execute_at)


def _money(raw: int, path: str) -> Money:
    return money_of(raw, path)


def write_prepay(model: UpdatePrepayConfigurationRequest, framing: Framing) -> list[XmlElement]:
    fuel = framing.fuel
    if fuel is None:
        raise ModelError("fuel: DUIS 2.1 has an electricity and a gas form; say which")
    settings = model.settings
    missing = [
        attr
        for attr in ("non_disablement_calendar", *(a for _, a in (*_MONEY, *_TAIL_MONEY)))
        if getattr(settings, attr) is None
    ]
    if missing:
        raise ModelError(f"{missing[0]}: DUIS 2.1 sets every setting; the model leaves it")
    top = _INT32[1] if fuel is Fuel.ELECTRICITY else _UINT32[1]
    amounts = {}
    for name, attr in (*_MONEY, *_TAIL_MONEY):
        raw = getattr(settings, attr).pence * MILLIPENCE
        if raw > top:
            raise ModelError(f"{attr}: {raw} (1/1000 p) does not fit DUIS's field")
        amounts[name] = leaf(name, str(raw))
    if fuel is Fuel.ELECTRICITY:
        cap = settings.debt_recovery_rate_cap
        if cap is None or cap.period is not DebtRecoveryCapPeriod.WEEKLY:
            raise ModelError("debt_recovery_rate_cap: DUIS's electricity cap is a weekly one")
        if cap.amount.millipence > (1 << 16) - 1:
            raise ModelError("debt_recovery_rate_cap: over DUIS's xs:unsignedShort")
        cap_leaf = leaf("DebtRecoveryRateCap", str(cap.amount.millipence))
        calendar = _write_elec_calendar(settings.non_disablement_calendar)
        form_name = "UpdatePrepayConfigElectricity"
    else:
        if settings.debt_recovery_rate_cap is not None:
            raise ModelError("debt_recovery_rate_cap: the GSME holds none (see extras)")
        cap_leaf = leaf(
            "DebtRecoveryRateCap", required_extra(framing, "DebtRecoveryRateCap", "2.1")
        )
        calendar = _write_gas_tables(*_gas_tables(settings.non_disablement_calendar, framing))
        form_name = "UpdatePrepayConfigGas"
    children = list(execution_leaves(model.execute_at))
    children.append(
        node(
            form_name,
            cap_leaf,
            *(amounts[name] for name, _ in _MONEY),
            calendar,
            *(amounts[name] for name, _ in _TAIL_MONEY),
        )
    )
    return children


def _gas_tables(calendar: NonDisablementCalendar, framing: Framing) -> tuple:
    layout = framing.extra("GasCalendarLayout")
    if layout is not None:
        tables = _layout_of(layout)
        try:
            if zse_calendar(*tables, "layout") == calendar:
                return tables
        except (CodecError, ModelError):
            pass
    t = zse_tables(calendar)  # refuses a calendar no ZSE tables read back as
    return t.days, t.weeks, t.seasons, t.special
