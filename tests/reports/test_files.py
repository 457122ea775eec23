"""The tertial report's PDF read back (headings, figures in Swedish notation, page numbers) and
its workbook's figures against the dashboard's."""

import io
from datetime import date
from decimal import Decimal

import pypdf
from openpyxl import load_workbook

from ekonomi.periods import Tertial
from indicators.assessment import services as assessment_services
from indicators.assessment.models import Commitment, Grade, PrioritisedAction, QualityArea
from indicators.dashboard.selectors import dashboard
from reports.models import Kind, ReportFile
from tests.reports.helpers import produce, small_year


def pdf_pages(report):
    content = bytes(report.files.get(format=ReportFile.Format.PDF).content)
    reader = pypdf.PdfReader(io.BytesIO(content))
    # Line breaks fall where the layout puts them; the words and figures are what count.
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_tertial_pdf_has_a_cover_contents_page_numbers_and_swedish_figures(users):
    small_year()
    report = produce(users["head"])
    pages = pdf_pages(report)

    assert len(pages) == report.pages
    assert report.pages >= 10
    assert "Tertialrapport T2 2012 (januari\u2013augusti 2012)" in pages[0]
    assert "Utkast: siffrorna kan fortfarande ändras." in pages[0]
    contents = pages[1]
    assert "Innehåll" in contents
    for heading in (
        "1. Sammanställning",
        "2. Indikatorer mot mål",
        "3. Översiktens diagram",
        "9. Självskattning",
        "10. Bilaga: statistik per kund",
    ):
        assert heading in contents
    # The contents page's numbers lead to the chapters' pages.
    assert f"Sida 3 av {report.pages}" in pages[2]
    assert "1. Sammanställning" in pages[2]
    text = "\n".join(pages)
    # AR in T2: May and August, 1.0 FTE, 1 250 invoices per FTE-month; January on: 750.
    assert "AR Kundreskontra 5 000 1,0 1 250" in text
    assert "Sjukfrånvaro (%) 4,0 4,0 4,5 \u22120,5 Uppnått" in text
    # No unit has submitted its self-assessment of T2: the report says so instead of grading.
    assert "Självskattningen för T2 2012 är inte inlämnad av: " in text


def test_the_workbook_holds_the_dashboards_figures(users):
    small_year()
    report = produce(users["head"])
    content = bytes(report.files.get(format=ReportFile.Format.XLSX).content)
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["2 Indikatorer mot mål"]
    values = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}

    rows = dashboard(period=Tertial(2012, 2))
    checked = 0
    for row in rows:
        label = f"{row.indicator.label} ({row.definition.unit})"
        tertial, ytd = values[label][0], values[label][1]
        if row.period.figure.value is not None:
            assert Decimal(str(tertial)) == row.period.figure.value
            checked += 1
        if row.year_to_date and row.year_to_date.figure.value is not None:
            assert Decimal(str(ytd)) == row.year_to_date.figure.value
            checked += 1
    # Productivity (AR) and sick leave, each for the tertial and from 1 January.
    assert checked >= 4
    assert values["Kundfakturor per årsarbetare och månad (per årsarbetare och månad)"][:2] == (
        1250,
        750,
    )


def test_the_monthly_pdf_has_each_section_and_says_what_is_missing(users):
    small_year()
    report = produce(users["head"], kind=Kind.MONTHLY, period="2012-06")
    pages = pdf_pages(report)
    text = " ".join(pages)

    assert len(pages) == report.pages
    assert "Månadsrapport juni 2012" in pages[0]
    for heading in (
        "1. Indikatorer mot mål",
        "2. Volymer, årsarbetare och produktivitet per process",
        "3. Volymer per kund och process",
        "4. Intäkter mot budget",
        "5. Telefon och sjukfrånvaro per enhet",
        "6. Klagomål och återsända underlag",
    ):
        assert heading in pages[1]
    # June: SPTE's 500 supplier invoices; E1's sick leave 5 %.
    assert "SPTE Spånga-Tensta stadsdelsförvaltning 500 0 0 0 0 0 0" in text
    assert "SPTE Spånga-Tensta stadsdelsförvaltning 0 0 \u2013 500 0 100,0" in text
    assert "Enhet 1 0 0 \u2013 5,0" in text
    assert "Intäkter mot budget: Ingen budget är inlagd för 2012." in report.missing
    assert "Saknade uppgifter" in pages[-1]


def test_the_tertial_pdf_holds_the_self_assessment_of_the_units_and_the_actions(users):
    manager = users["unit_manager"]
    tertial = Tertial(2012, 2)
    commitments = list(Commitment.objects.filter(year=2012).order_by("pk"))
    answers = [
        assessment_services.Answer(c.pk, Grade.FULFILLED, comment=f"Kommentar {c.pk}")
        for c in commitments
    ]
    answers[0] = assessment_services.Answer(
        commitments[0].pk, Grade.PARTLY, comment="Kön växte i juni", proposed_actions="Fler pass"
    )
    assessment = assessment_services.assessment_save(
        user=manager, unit=manager.unit, tertial=tertial, answers=answers
    )
    assessment_services.assessment_submit(user=manager, assessment=assessment)
    assessment_services.area_summary_save(
        tertial=tertial, area=commitments[0].area, text="Området håller i stort."
    )
    assessment_services.action_save(
        tertial=Tertial(2012, 1),
        area=QualityArea.ACCESSIBILITY,
        text="Bemanna telefonen i lunchtid",
        owner="Enhetschef",
        due=date(2012, 4, 30),
        status=PrioritisedAction.Status.PLANNED,
    )

    text = "\n".join(pdf_pages(produce(users["head"])))

    assert f"{manager.unit.name} Inskickad {len(commitments)} / {len(commitments)}" in text
    assert "Delvis uppfyllt Kön växte i juni Fler pass" in text
    assert "Området håller i stort." in text
    # Last tertial's action is followed up in this one, with its status as a word.
    assert "T1 2012 Bemanna telefonen i lunchtid Enhetschef 2012-04-30 Ej påbörjad" in text
    assert f"inte inlämnad av: {manager.unit.name}" not in text
