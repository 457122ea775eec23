"""The tertial report's arithmetic: the tertial on its own and from 1 January (T2 = Jan-Aug)."""

from datetime import date
from decimal import Decimal

from django.utils.translation import override

from customers.models import Customer
from ekonomi.periods import Month, Tertial
from reports import assembly
from reports.models import Kind
from tests.reports.helpers import AUGUST, FEBRUARY, MAY, small_year, table

T2 = Tertial(2012, 2)


def build(kind=Kind.TERTIAL, period=T2, customer=None):
    with override("sv"):
        return assembly.build(
            kind=kind, period=period, customer_obj=customer, today=date(2012, 12, 20)
        )


def by_label(rows, start):
    return next(row for row in rows if row[0].startswith(start))


def test_it_counts_the_tertial_on_its_own_and_from_1_january(demo):
    small_year()
    document = build()

    t2 = table(document, "production", "Per process, T2 2012")
    ytd = table(document, "production", "Per process, Från 1 januari")
    # AR: 1.0 FTE a month; T2 handles May + August, January to August adds February.
    assert by_label(t2.rows, "AR")[1:4] == [MAY + AUGUST, Decimal("1.0"), Decimal("1250")]
    assert by_label(ytd.rows, "AR")[1:4] == [
        FEBRUARY + MAY + AUGUST,
        Decimal("1.0"),
        Decimal("750"),
    ]
    assert t2.total[1] == MAY + AUGUST + 500
    assert ytd.total[1] == FEBRUARY + MAY + AUGUST + 500


def test_the_indicator_table_shows_the_dashboards_tertial_and_year_to_date(demo):
    small_year()
    indicators = build().chapter("indicators").blocks[0]

    assert indicators.headers[1:3] == ["T2 2012", "Från 1 januari (januari\u2013augusti 2012)"]
    ar = by_label(indicators.rows, "Kundfakturor per årsarbetare")
    assert ar[1:3] == [Decimal("1250"), Decimal("750")]
    sick = by_label(indicators.rows, "Sjukfrånvaro")
    # Two reported months, 3 % and 5 %, one officer each month: the mean, 4.0 %.
    assert sick[1:3] == [Decimal("4.0"), Decimal("4.0")]


def test_the_appendix_holds_each_customers_statistics_for_both_spans(demo):
    small_year()
    appendix = build().chapter("appendix")
    ytd, t2 = list(appendix.tables())

    assert by_label(ytd.rows, "RIKI")[1] == FEBRUARY + MAY + AUGUST
    assert by_label(t2.rows, "RIKI")[1] == MAY + AUGUST
    assert by_label(t2.rows, "SPTE")[4] == 500
    assert len(t2.rows) == Customer.objects.count()


def test_a_report_for_a_period_without_data_says_what_is_missing(demo):
    document = build(kind=Kind.MONTHLY, period=Month(2012, 3))

    missing = document.missing
    production = "Volymer, årsarbetare och produktivitet per process"
    assert f"{production}: Inga volymer är registrerade för mars 2012." in missing
    assert "Intäkter mot budget: Ingen budget är inlagd för 2012." in missing
    assert any(text.startswith("Telefon och sjukfrånvaro per enhet:") for text in missing)


def test_a_customers_report_holds_that_customer_only(demo):
    small_year()
    riki = Customer.objects.get(code="RIKI")
    document = build(customer=riki)

    assert [c.key for c in document.chapters] == ["statistics", "invoices", "contacts"]
    months = table(document, "statistics", "Per månad")
    assert [row[0] for row in months.rows][:2] == ["januari 2012", "februari 2012"]
    assert sum(row[1] for row in months.rows) == FEBRUARY + MAY + AUGUST
    text = repr(document)
    assert "SPTE" not in text
