"""The start page's panel: the management group's key indicators for the latest month."""

from indicators.dashboard.selectors import Facts
from indicators.definitions import DEFINITIONS, Indicator
from indicators.productivity.selectors import latest_volume_month

KEY_INDICATORS = (
    Indicator.AR_PRODUCTIVITY,
    Indicator.AP_PRODUCTIVITY,
    Indicator.PHONE_ANSWER_RATE,
    Indicator.SICK_LEAVE,
)


def start_page_context(request):
    month = latest_volume_month()
    facts = Facts.load([month])
    return {
        "indicator_month": month,
        "key_indicators": [
            (indicator, DEFINITIONS[indicator], facts.evaluate(indicator, [month]))
            for indicator in KEY_INDICATORS
        ],
    }
