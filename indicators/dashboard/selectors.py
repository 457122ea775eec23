"""Every indicator for a period, with target, deviation and status, from one load of facts.

`Facts.load(months)` reads what the indicators need for a window of months in a fixed number of
queries (volumes, staffing, phone, sick leave, surveys, targets); everything after that is
arithmetic, so the dashboard costs the same whether the database holds one year or ten.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ekonomi.periods import Month, MonthRange, Tertial
from indicators.definitions import (
    DEFINITIONS,
    PRODUCTIVITY,
    Direction,
    Indicator,
    Status,
    status,
)
from indicators.figures import Figure
from indicators.phone.selectors import calls_total, phone_load
from indicators.productivity.selectors import handled_load, productivity
from indicators.sickleave.selectors import sick_leave_figure, sick_leave_load
from indicators.staffing.selectors import staffing_load
from indicators.surveys.selectors import (
    latest_up_to,
    nmi_by_year,
    satisfaction_by_year,
    survey_note,
)
from indicators.targets.selectors import targets_load

TREND_MONTHS = 12
TREND_YEARS = 6
NO_SURVEY = _("No survey up to the period.")


def last_month(period) -> Month:
    if isinstance(period, Month):
        return period
    if isinstance(period, Tertial):
        return period.last_month
    return Month(period.year, 12)


def trend_window(period) -> list[Month]:
    last = last_month(period)
    first = last
    for _n in range(TREND_MONTHS - 1):
        first = first.previous()
    return Month.range(first, last)


def year_to_date(period):
    """The months from 1 January to the period's end, unless that is the period itself."""
    ytd = MonthRange(Month(period.year, 1), last_month(period))
    return None if ytd.months() == period.months() else ytd


@dataclass(frozen=True)
class Evaluation:
    figure: Figure
    target: Decimal | None = None
    direction: str | None = None
    status: Status = Status.UNKNOWN

    @property
    def deviation(self):
        if self.figure.value is None or self.target is None:
            return None
        return self.figure.value - self.target


@dataclass
class Facts:
    months: list
    handled: dict
    staffing: object
    calls: dict
    sick_leave: dict
    satisfaction: dict
    nmi: dict
    targets: dict

    @classmethod
    def load(cls, months):
        months = list(months)
        return cls(
            months=months,
            handled=handled_load(months=months),
            staffing=staffing_load(months=months),
            calls=phone_load(months=months),
            sick_leave=sick_leave_load(months=months),
            satisfaction=satisfaction_by_year(),
            nmi=nmi_by_year(),
            targets=targets_load(),
        )

    def _yearly(self, indicator):
        return self.satisfaction if indicator == Indicator.CUSTOMER_SATISFACTION else self.nmi

    def figure(self, indicator, months, unit_id=None) -> Figure:
        if indicator in PRODUCTIVITY:
            return productivity(
                handled=self.handled,
                staffing=self.staffing,
                indicator=indicator,
                months=months,
                unit_id=unit_id,
            ).figure
        if indicator == Indicator.PHONE_ANSWER_RATE:
            return calls_total(self.calls, months=months, unit_id=unit_id).figure()
        if indicator == Indicator.SICK_LEAVE:
            return sick_leave_figure(self.sick_leave, self.staffing, months=months, unit_id=unit_id)
        latest = latest_up_to(self._yearly(indicator), max(months).year)
        if latest is None:
            return Figure.missing(NO_SURVEY)
        year, value = latest
        return Figure(value, note=survey_note(year))

    def _target(self, indicator, year, shown_year):
        """(target value, direction) for `year`; "above last year" compares with the survey
        before the one shown."""
        target = self.targets.get((indicator, year))
        if target is None:
            return None, None
        if target.direction == Direction.RISE:
            return self._yearly(indicator).get(shown_year - 1), target.direction
        return target.value, target.direction

    def evaluate(self, indicator, months, unit_id=None) -> Evaluation:
        figure = self.figure(indicator, months, unit_id)
        year = max(months).year
        shown = (
            latest_up_to(self._yearly(indicator), year) if DEFINITIONS[indicator].yearly else None
        )
        value, direction = self._target(indicator, year, shown[0] if shown else year)
        if direction is None:
            return Evaluation(figure)
        return Evaluation(figure, value, direction, status(figure.value, value, direction))

    def trend(self, indicator, period, unit_id=None) -> list:
        """[(label, value or None, target or None)]: months, or years for yearly indicators."""
        if DEFINITIONS[indicator].yearly:
            by_year = self._yearly(indicator)
            years = range(period.year - TREND_YEARS + 1, period.year + 1)
            return [
                (str(year), by_year[year], self._target(indicator, year, year)[0])
                for year in years
                if year in by_year
            ]
        return [
            (
                str(month),
                self.figure(indicator, [month], unit_id).value,
                self._target(indicator, month.year, month.year)[0],
            )
            for month in trend_window(period)
        ]


@dataclass
class Row:
    indicator: Indicator
    period: Evaluation
    year_to_date: Evaluation | None
    trend: list = field(default_factory=list)

    @property
    def definition(self):
        return DEFINITIONS[self.indicator]


def dashboard(*, period, unit_id=None, facts=None) -> list[Row]:
    facts = facts or Facts.load(trend_window(period))
    ytd = year_to_date(period)
    rows = []
    for indicator in Indicator:
        yearly = DEFINITIONS[indicator].yearly
        rows.append(
            Row(
                indicator,
                facts.evaluate(indicator, period.months(), unit_id),
                facts.evaluate(indicator, ytd.months(), unit_id) if ytd and not yearly else None,
                facts.trend(indicator, period, unit_id),
            )
        )
    return rows
