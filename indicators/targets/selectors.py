from indicators.definitions import Indicator
from indicators.targets.models import Target


def targets_load() -> dict:
    """{(indicator, year): Target}; there are a handful a year, so all of them in one query."""
    return {(t.indicator, t.year): t for t in Target.objects.all()}


def target_years() -> list[int]:
    return sorted(set(Target.objects.values_list("year", flat=True)), reverse=True)


def targets_of_year(*, year):
    """[(Indicator, Target or None)] in the indicators' order."""
    by_indicator = {t.indicator: t for t in Target.objects.filter(year=year)}
    return [(indicator, by_indicator.get(indicator)) for indicator in Indicator]
