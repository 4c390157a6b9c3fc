"""Every model that can be built can be encoded: instants stay inside the uint32-since-2000 range."""

from datetime import UTC, datetime, timedelta

import pytest

from s1sr.models import EUI64, Alert, ModelError
from s1sr.models.daily_log import DailyReadLogRequest
from s1sr.models.dates import EARLIEST_INSTANT, LATEST_INSTANT

DEVICE = EUI64.parse("00-DB-12-34-56-78-90-A0")


@pytest.mark.parametrize(
    "instant",
    [EARLIEST_INSTANT - timedelta(seconds=1), LATEST_INSTANT + timedelta(seconds=1)],
    ids=["before-2000", "after-2136"],
)
def test_instants_outside_the_wire_range_are_refused(instant):
    with pytest.raises(ModelError, match="start"):
        DailyReadLogRequest(start=instant, end=LATEST_INSTANT)
    with pytest.raises(ModelError, match="raised_at"):
        Alert(code="S1CE20", target=DEVICE, raised_at=instant)


@pytest.mark.parametrize("instant", [EARLIEST_INSTANT, LATEST_INSTANT], ids=["first", "last"])
def test_the_bounds_themselves_are_accepted(instant):
    assert DailyReadLogRequest(start=instant, end=instant).start == instant
    assert Alert(code="S1CE20", target=DEVICE, raised_at=instant).raised_at == instant


def test_alert_detail_must_be_utf8_encodable():
    with pytest.raises(ModelError, match="UTF-8"):
        Alert(
            code="S1CE20",
            target=DEVICE,
            raised_at=datetime(2024, 1, 1, tzinfo=UTC),
            detail="\ud800",
        )
