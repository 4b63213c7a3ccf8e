"""Health from history: a pure function from (what we knew, one new visit) to
what we know now.

Anchors: Wikipedia's IABot calls a link dead after 3 failed checks at least 3
days apart; CKAN's deadoralive after 3 failures and 36 hours without success.
Our defaults sit between them: ``broken`` after 3 failed visits spanning at
least 48 hours. One bad night therefore never makes a resource ``broken``: it
makes it ``failing``, which the report shows at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from .outcomes import FAILURES, INCONCLUSIVE, Health, Outcome


@dataclass(frozen=True)
class HealthPolicy:
    """How much failure, over how long, confirms a resource as broken."""

    broken_after_failures: int = 3
    broken_after_hours: float = 48.0


@dataclass(frozen=True)
class HealthState:
    """The history columns of a ``resources`` row."""

    health: str = Health.UNKNOWN.value
    gate: str | None = None
    consecutive_failures: int = 0
    first_failed_at: str | None = None
    last_ok_at: str | None = None
    last_checked_at: str | None = None
    broken_since: str | None = None


def _parse(ts: Any) -> datetime | None:
    """An aware datetime from an ISO 8601 string (naive read as UTC), or ``None`` when the
    value is not one (a catalogue edited by hand may hold anything)."""
    try:
        when = datetime.fromisoformat(str(ts).strip().replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _count(value: Any) -> int:
    """A failure count from the store; anything that is not a count is 0."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def next_health(
    state: HealthState,
    outcome: str,
    gate: str | None,
    checked_at: str,
    policy: HealthPolicy = HealthPolicy(),
    definitive: bool = False,
) -> HealthState:
    """Fold one visit into a resource's history.

    - Inconclusive visits (rate limited, bot wall, robots.txt, network down)
      change nothing but ``last_checked_at``: they say nothing about the link.
    - Any success resets the failure streak.
    - ``network_down`` changes nothing at all, not even ``last_checked_at``:
      the crawler was offline, so the resource stays due for the next run.
    - A definitive failure starts or extends the streak; the resource is
      ``failing`` until the streak is both long enough and old enough.
    - ``definitive``: a failure that no retry can change (a catalogue entry that
      is not a fetchable URL) is ``broken`` at once; waiting out the network's
      moods is pointless for a typo.
    """
    outcome = Outcome(outcome)
    if outcome is Outcome.NETWORK_DOWN:
        return state
    if outcome in INCONCLUSIVE:
        return replace(state, last_checked_at=checked_at)
    if outcome not in FAILURES:
        health = {
            Outcome.MOVED: Health.MOVED,
            Outcome.GATED: Health.GATED,
        }.get(outcome, Health.HEALTHY)
        if outcome is Outcome.NOT_MODIFIED and state.health in (
            Health.MOVED.value,
            Health.GATED.value,
        ):
            # 304 says "as before": keep what the last full visit found.
            health = Health(state.health)
        return HealthState(
            health=health.value,
            gate=(gate if outcome is Outcome.GATED else state.gate if outcome is Outcome.NOT_MODIFIED else None),
            consecutive_failures=0,
            first_failed_at=None,
            last_ok_at=checked_at,
            last_checked_at=checked_at,
            broken_since=None,
        )
    failures = _count(state.consecutive_failures) + 1
    first_failed_at = state.first_failed_at or checked_at
    first, now = _parse(first_failed_at), _parse(checked_at)
    if first is None or now is None:  # an odd value edited by hand: the window starts now
        first_failed_at, span = checked_at, timedelta(0)
    else:
        span = now - first
    confirmed = definitive or (
        failures >= policy.broken_after_failures and span >= timedelta(hours=policy.broken_after_hours)
    )
    broken_since = state.broken_since
    if confirmed and not broken_since:
        broken_since = checked_at
    return HealthState(
        health=(Health.BROKEN if confirmed else Health.FAILING).value,
        gate=None,
        consecutive_failures=failures,
        first_failed_at=first_failed_at,
        last_ok_at=state.last_ok_at,
        last_checked_at=checked_at,
        broken_since=broken_since if confirmed else None,
    )
