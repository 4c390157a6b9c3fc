"""S1CE20, the one S1SP alert code the Uplift 2.1 clauses name."""

from __future__ import annotations

from s1sr.models import EUI64, S1CE20, SRV, Alert, is_timeout, timeout_alert, utc


def test_timeout_alert_answers_the_request():
    alert = timeout_alert(
        EUI64(5), utc(2024, 1, 1, 12), 42, SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG
    )
    assert alert.code == S1CE20 == "S1CE20"
    assert (alert.request_id, alert.srv) == (42, SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG)
    assert is_timeout(alert)


def test_other_alerts_are_not_timeouts():
    assert not is_timeout(Alert("S1CE99", EUI64(5), utc(2024, 1, 1)))
