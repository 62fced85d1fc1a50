"""Calendar arithmetic for time expressions: spans of a day, month, year, decade; shifts."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from kg.model import Precision, Span

#: how far after publication a day without a year may fall before it is read as last year's
FUTURE_TOLERANCE = timedelta(days=45)


@dataclass(frozen=True)
class Found:
    """A time expression found in the text, before it becomes a :class:`kg.model.DateMention`.

    ``year``/``month``/``day`` keep what the text itself states, so a range can lend a year
    to a partner that lacks one ("25 February to 3 March 1992").
    """

    start: int
    end: int
    span: Span | None
    precision: Precision
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None


def day_span(day: date) -> Span:
    """One day.

    >>> day_span(date(2024, 2, 23)).days
    1
    """
    return Span(day, day)


def month_span(year: int, month: int) -> Span:
    """A whole month.

    >>> month_span(1992, 2).end
    datetime.date(1992, 2, 29)
    """
    return Span(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def year_span(year: int) -> Span:
    """A whole year.

    >>> year_span(1994).days
    365
    """
    return Span(date(year, 1, 1), date(year, 12, 31))


def decade_span(year: int) -> Span:
    """The decade a year opens ("the 1990s").

    >>> decade_span(1990).end
    datetime.date(1999, 12, 31)
    """
    return Span(date(year, 1, 1), date(year + 9, 12, 31))


def shift_months(day: date, months: int) -> date:
    """The first of the month ``months`` after (or before) the month of ``day``.

    >>> shift_months(date(2022, 1, 14), -2)
    datetime.date(2021, 11, 1)
    """
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (30 February).

    >>> safe_date(2023, 2, 29) is None
    True
    """
    try:
        return date(year, month, day)
    except ValueError:
        return None


def yearless_day(month: int, day: int, published: date | None, year_offset: int | None = None) -> date | None:
    """A day and month without a year, placed in the publication year.

    Without an explicit "of this year"/"last year", a day falling well after publication
    (more than :data:`FUTURE_TOLERANCE`) is taken to be the previous year's.

    >>> yearless_day(12, 20, date(2022, 1, 14))
    datetime.date(2021, 12, 20)
    >>> yearless_day(2, 21, date(2024, 2, 23), 0)
    datetime.date(2024, 2, 21)
    """
    if published is None:
        return None
    if year_offset is not None:
        return safe_date(published.year + year_offset, month, day)
    found = safe_date(published.year, month, day)
    if found is not None and found - published > FUTURE_TOLERANCE:
        found = safe_date(published.year - 1, month, day)
    return found


def yearless_month(month: int, published: date | None, year_offset: int | None = None) -> Span | None:
    """A month without a year: the publication year's, or the year before when that is still to come.

    >>> yearless_month(9, date(2020, 11, 2)).start
    datetime.date(2020, 9, 1)
    >>> yearless_month(11, date(2022, 10, 5)).start
    datetime.date(2021, 11, 1)
    """
    if published is None:
        return None
    if year_offset is not None:
        return month_span(published.year + year_offset, month)
    year = published.year if date(published.year, month, 1) <= published else published.year - 1
    return month_span(year, month)


def coarser(first: Precision, second: Precision) -> Precision:
    """The less precise of two precisions.

    >>> coarser(Precision.DAY, Precision.YEAR).name
    'YEAR'
    """
    order = [Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.DECADE]
    return max(first, second, key=order.index)
