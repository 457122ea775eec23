"""The head of operations' commentary: written before the tertial report is final, then the
final report is made with it."""

import io

import pypdf
import time_machine
from django.urls import reverse

from ekonomi.jobs.models import Job
from reports.models import Commentary, Report

TEXTS = {
    "summary": "Tertialen präglades av höga volymer i kundreskontran.",
    "economy": "Intäkterna följer budget.",
    "productivity": "",
    "quality": "",
    "staff": "",
}


def test_the_head_saves_the_commentary_and_it_appears_in_the_draft(client_for, users):
    client = client_for("head")
    response = client.post(reverse("reports:commentary", args=["2012-T2"]), TEXTS)
    assert response.status_code == 302
    commentary = Commentary.objects.get(period="2012-T2")
    assert (commentary.summary, commentary.finished_at) == (TEXTS["summary"], None)
    assert Report.objects.count() == 0
    page = client.get(reverse("reports:commentary", args=["2012-T2"])).content.decode()
    assert "Kommentaren är sparad." in page


@time_machine.travel("2012-10-02 10:00 +0200", tick=False)
def test_finishing_the_commentary_makes_the_final_report_with_it(client_for):
    client = client_for("head")
    response = client.post(
        reverse("reports:commentary", args=["2012-T2"]), {**TEXTS, "finish": "on"}
    )

    job = Job.objects.get()
    report = Report.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert (report.status, report.version, report.period) == ("final", 1, "2012-T2")
    pdf = pypdf.PdfReader(io.BytesIO(bytes(report.files.get(format="pdf").content)))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert TEXTS["summary"] in text
    assert "Slutlig" in pdf.pages[0].extract_text()


def test_only_the_head_and_administrators_write_the_commentary(client_for):
    for role in ("unit_manager", "controller", "bound_controller"):
        url = reverse("reports:commentary", args=["2012-T2"])
        assert client_for(role).post(url, TEXTS).status_code == 403
    assert Commentary.objects.count() == 0
