"""Health from history: one bad night never makes a resource broken."""

import pytest

from linkhealth.health import HealthPolicy, HealthState, next_health

DAY = "2026-11-{:02d}T02:30:00+00:00"


def fold(outcomes, days=None, policy=HealthPolicy()):
    state = HealthState()
    for i, outcome in enumerate(outcomes):
        day = days[i] if days else i + 1
        gate = "login" if outcome == "gated" else None
        state = next_health(state, outcome, gate, DAY.format(day), policy)
    return state


def test_one_failure_is_failing_not_broken():
    state = fold(["ok", "not_found"])
    assert state.health == "failing"
    assert state.consecutive_failures == 1
    assert state.first_failed_at == DAY.format(2)
    assert state.last_ok_at == DAY.format(1)


def test_three_failures_over_48_hours_are_broken():
    state = fold(["ok", "not_found", "server_error", "timeout"])
    assert state.health == "broken"
    assert state.consecutive_failures == 3
    assert state.broken_since == DAY.format(4)


def test_three_failures_in_one_day_are_not_yet_broken():
    state = fold(["not_found", "not_found", "not_found"], days=[1, 1, 1])
    assert state.health == "failing"
    assert state.consecutive_failures == 3


def test_inconclusive_visits_neither_count_nor_reset():
    state = fold(["not_found", "rate_limited", "blocked", "network_down", "robots_disallowed"])
    assert state.health == "failing"
    assert state.consecutive_failures == 1
    assert state.last_checked_at == DAY.format(5)


def test_only_inconclusive_visits_leave_health_unknown():
    assert fold(["rate_limited", "blocked"]).health == "unknown"


def test_success_resets_the_streak():
    state = fold(["not_found", "not_found", "not_found", "ok"])
    assert state.health == "healthy"
    assert state.consecutive_failures == 0
    assert state.first_failed_at is None and state.broken_since is None


@pytest.mark.parametrize("outcome,health", [("moved", "moved"), ("gated", "gated"), ("ok", "healthy")])
def test_successes_map_to_health(outcome, health):
    assert fold([outcome]).health == health


def test_not_modified_keeps_moved_or_gated():
    assert fold(["gated", "not_modified"]).health == "gated"
    assert fold(["gated", "not_modified"]).gate == "login"
    assert fold(["ok", "not_modified"]).health == "healthy"


def test_policy_is_a_setting():
    strict = HealthPolicy(broken_after_failures=1, broken_after_hours=0)
    assert fold(["gone"], policy=strict).health == "broken"


@pytest.mark.parametrize(
    "first_failed_at, failures",
    [
        ("not a date", 2),  # edited by hand
        ("2026-11-01T02:30:00", 2),  # naive: read as UTC
        ("2026-11-01", "2"),  # a date, and a count stored as text
        (DAY.format(1), "many"),  # a count that is not one
    ],
)
def test_odd_values_edited_by_hand_never_crash(first_failed_at, failures):
    """Issue 7: a catalogue edited by hand with odd values is never crashed on."""
    state = HealthState(health="failing", consecutive_failures=failures, first_failed_at=first_failed_at)
    new = next_health(state, "not_found", None, DAY.format(5))
    assert new.health in ("failing", "broken")
    assert new.consecutive_failures >= 1


def test_an_unreadable_failure_start_restarts_the_window():
    state = HealthState(health="failing", consecutive_failures=5, first_failed_at="yesterday-ish")
    new = next_health(state, "gone", None, DAY.format(5))
    assert new.health == "failing"  # never confirmed on a date nobody can read
    assert new.first_failed_at == DAY.format(5)
