"""Survey results by year: the customer survey's questions and the employee index (NMI)."""

from django.utils.translation import gettext as _

from indicators.surveys.models import CustomerSurveyResult, EmployeeSurvey


def satisfaction_by_year() -> dict:
    """{year: share satisfied on the overall question}."""
    rows = CustomerSurveyResult.objects.filter(is_overall=True).values_list("year", "satisfied")
    return dict(rows)


def nmi_by_year() -> dict:
    return dict(EmployeeSurvey.objects.values_list("year", "nmi"))


def survey_years() -> list[int]:
    years = set(CustomerSurveyResult.objects.values_list("year", flat=True).distinct())
    years |= set(EmployeeSurvey.objects.values_list("year", flat=True))
    return sorted(years, reverse=True)


def survey_questions(*, year):
    """[(this year's result, last year's result for the same question or None)]."""
    this_year = list(CustomerSurveyResult.objects.filter(year=year))
    last_year = {row.question: row for row in CustomerSurveyResult.objects.filter(year=year - 1)}
    return [(row, last_year.get(row.question)) for row in this_year]


def employee_surveys():
    return EmployeeSurvey.objects.order_by("-year")


def latest_up_to(by_year: dict, year: int):
    """(year, value) of the latest result in or before `year`, or None."""
    years = [y for y in by_year if y <= year]
    if not years:
        return None
    latest = max(years)
    return latest, by_year[latest]


def survey_note(year):
    return _("survey %(year)s") % {"year": year}
