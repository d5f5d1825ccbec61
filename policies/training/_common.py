"""Helpers shared by the policies of this folder."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from linter import Expr
from policies._common import name_of  # noqa: F401 - used by this domain's policies




_PERIODS = {"minute": 60, "hour": 3600, "day": 86400, "week": 604800, "month": 2592000}


def _field(text: str, low: int, high: int) -> list[int] | None:
    """Values of one cron field (``*``, ``*/n``, ``a-b/n``, ``a,b``); None when it cannot be read."""
    values: set[int] = set()
    for part in text.split(","):
        body, _, step = part.partition("/")
        if body == "*":
            start, end = low, high
        elif "-" in body:
            first, _, last = body.partition("-")
            if not (first.isdigit() and last.isdigit()):
                return None
            start, end = int(first), int(last)
        elif body.isdigit():
            start = end = int(body)
        else:
            return None
        if step and not step.isdigit():
            return None
        values.update(range(start, end + 1, int(step) if step else 1))
    return sorted(values)


def _gap(minutes: list[int], hours: list[int]) -> int:
    """Shortest time between two firings, in seconds, for the minutes and hours of a day it fires at."""
    if len(minutes) > 1:
        return 60 * min(b - a for a, b in pairwise(minutes))
    if len(hours) > 1:
        return 3600 * min(b - a for a, b in pairwise(hours))
    return 86400


def cron_gap(expression: Any) -> Any:
    """Seconds between the closest two firings of a cron expression; an Expr when unknown, None when unreadable."""
    if isinstance(expression, Expr) or not isinstance(expression, str):
        return expression if isinstance(expression, Expr) else None
    fields = expression.split()
    if len(fields) != 5:
        return None
    minutes, hours = _field(fields[0], 0, 59), _field(fields[1], 0, 23)
    return _gap(minutes, hours) if minutes and hours else None


def recurrence_gap(trigger: Any) -> Any:
    """Seconds between the closest two firings of a Recurrence trigger; an Expr when unknown, None when unreadable."""
    frequency, interval = trigger.get("frequency"), trigger.get("interval", 1)
    schedule = trigger.get("schedule") or {}
    schedule = schedule if isinstance(schedule, (dict, Expr)) else {}
    for value in (frequency, interval, schedule):
        if isinstance(value, Expr):
            return value
    if not isinstance(frequency, str) or frequency.lower() not in _PERIODS or not isinstance(interval, int):
        return None
    period = _PERIODS[frequency.lower()] * max(interval, 1)
    minutes, hours = schedule.get("minutes") or [0], schedule.get("hours") or [0]
    daily = frequency.lower() in ("day", "week", "month")
    if (
        daily
        and isinstance(minutes, list)
        and isinstance(hours, list)
        and all(isinstance(v, int) for v in [*minutes, *hours])
    ):
        return min(period, _gap(sorted(set(minutes)), sorted(set(hours))))
    return period
