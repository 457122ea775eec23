"""The tertial report: year to date (T2 = January-August) and the tertial on its own, with the
dashboard's charts, the surveys, the complaints overview, the head of operations' commentary,
the self-assessment, and an appendix of statistics per customer."""

from django.utils.translation import gettext as _

from complaints.compilation.sections import area_tertial_sections
from complaints.compilation.selectors import area_tertial
from customers.models import Customer
from indicators.dashboard.charts import chart_title, indicator_chart_svg
from indicators.definitions import DEFINITIONS, Indicator
from indicators.surveys.selectors import survey_questions, survey_years
from reports.assembly import common
from reports.assembly.assessment import self_assessment_chapter
from reports.document import Chapter, Chart, Table, Text
from reports.models import Commentary


def months_sets(tertial):
    ytd = tertial.year_to_date()
    sets = [(tertial.label, tertial.months())]
    if ytd.months() != tertial.months():
        sets.append((_("From 1 January (%(period)s)") % {"period": ytd.label}, ytd.months()))
    return sets


def commentary_block(commentary, key):
    label = dict(Commentary.SECTIONS)[key]
    body = commentary.text(key) if commentary else ""
    return Text(
        _("Commentary: %(section)s") % {"section": label},
        body,
        empty=_("The head of operations has not written this commentary yet."),
    )


def charts_chapter(tertial, facts) -> Chapter:
    chapter = Chapter("charts", _("The dashboard's charts"))
    for number, indicator in enumerate(Indicator, start=1):
        points = facts.trend(indicator, tertial)
        first = _("Year") if DEFINITIONS[indicator].yearly else _("Month")
        title = chart_title(indicator, tertial)
        chapter.blocks.append(
            Chart(
                title,
                # Every chart in one document needs ids of its own.
                indicator_chart_svg(indicator, tertial, facts=facts, id_suffix=f"-{number}"),
                Table(
                    title,
                    [first, _("Outcome"), _("Target")],
                    [
                        [label, common.shown(value, indicator), common.shown(target, indicator)]
                        for label, value, target in points
                    ],
                    empty=_("There are no figures to draw for the period."),
                ),
            )
        )
    return chapter


def surveys_chapter(tertial, facts) -> Chapter:
    chapter = Chapter("surveys", _("Survey results"))
    years = [y for y in survey_years() if y <= tertial.year]
    if not years:
        chapter.missing.append(_("No survey results up to %(year)s.") % {"year": tertial.year})
        return chapter
    year = years[0]
    rows = [
        [row.question, row.satisfied, row.answers, last.satisfied if last else None]
        for row, last in survey_questions(year=year)
    ]
    if not rows:
        chapter.missing.append(_("No customer survey for %(year)s.") % {"year": year})
    chapter.blocks.append(
        Table(
            _("Customer survey %(year)s") % {"year": year},
            [_("Question"), _("Satisfied (%)"), _("Answers"), _("Previous year (%)")],
            rows,
            empty=_("No customer survey."),
        )
    )
    nmi = sorted(facts.nmi.items(), reverse=True)[:3]
    chapter.blocks.append(
        Table(
            _("Employee satisfaction index (NMI)"),
            [_("Year"), _("NMI")],
            [[str(y), value] for y, value in nmi],
            empty=_("No employee survey."),
        )
    )
    return chapter


def complaints_chapter(tertial, *, today, commentary) -> Chapter:
    chapter = Chapter("complaints", _("Complaints and feedback"))
    overview = area_tertial(tertial=tertial, today=today)
    chapter.blocks += [common.section_table(s) for s in area_tertial_sections(overview)]
    chapter.blocks.append(commentary_block(commentary, "quality"))
    return chapter


def appendix(tertial) -> Chapter:
    chapter = Chapter("appendix", _("Appendix: statistics per customer"))
    customers = list(Customer.objects.order_by("code"))
    for label, months in reversed(months_sets(tertial)):
        chapter.blocks.append(
            common.customer_volumes_table(
                _("Per customer, %(period)s") % {"period": label},
                months=months,
                customers=customers,
            )
        )
    return chapter


def chapters(tertial, *, today, facts, commentary):
    sets = months_sets(tertial)
    summary = Chapter("summary", _("Summary"), [commentary_block(commentary, "summary")])
    indicators = common.indicators_chapter(tertial, facts)
    production = common.production_chapter(tertial, facts, months_sets=sets)
    production.blocks.append(commentary_block(commentary, "productivity"))
    economy = common.economy_chapter(sets, tertial.year)
    economy.blocks.append(commentary_block(commentary, "economy"))
    units = common.units_chapter(facts, sets)
    units.blocks.append(commentary_block(commentary, "staff"))
    return [
        summary,
        indicators,
        charts_chapter(tertial, facts),
        production,
        economy,
        units,
        surveys_chapter(tertial, facts),
        complaints_chapter(tertial, today=today, commentary=commentary),
        self_assessment_chapter(tertial),
        appendix(tertial),
    ]
