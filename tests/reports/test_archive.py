"""The archive: idempotent nightly runs, final means final, failures leave nothing behind, and a
customer's controller reaches only their own customer's reports."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.test import TestCase
from django.urls import reverse

from ekonomi.jobs.models import Job
from reports import rendering, services, tasks
from reports.models import Kind, Report
from tests.reports.helpers import produce

NIGHT = date(2012, 10, 2)


def archive_state():
    return sorted(
        (r.kind, r.period, r.customer.code if r.customer else "", r.status, r.version)
        for r in Report.objects.select_related("customer")
    )


@time_machine.travel("2012-10-02 03:00 +0200", tick=False)
def test_the_nightly_run_twice_archives_one_report_per_period_kind_and_scope(users):
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.reports_nightly()
    first = archive_state()
    finals = {r.pk: r.files.get(format="pdf").sha256 for r in Report.objects.filter(status="final")}

    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.reports_nightly()

    assert archive_state() == first
    assert first == [
        ("monthly", "2012-09", "", "final", 1),
        ("monthly", "2012-10", "", "draft", None),
        # The bound controller's customer (RIKI): T2 final once, T3 a fresh draft.
        ("tertial", "2012-T2", "", "draft", None),
        ("tertial", "2012-T2", "RIKI", "final", 1),
        ("tertial", "2012-T3", "", "draft", None),
        ("tertial", "2012-T3", "RIKI", "draft", None),
    ]
    # The finals were left alone; the drafts were made anew.
    again = {r.pk: r.files.get(format="pdf").sha256 for r in Report.objects.filter(status="final")}
    assert again == finals
    assert Job.objects.filter(state=Job.State.DONE).count() == 12
    t2 = Report.objects.get(kind="tertial", period="2012-T2", customer=None)
    assert (
        "Sammanställning: Verksamhetschefen har inte gjort klart kommentaren för T2 2012 än."
        in t2.missing
    )
    assert t2.origin == Report.Origin.NIGHTLY
    assert t2.produced_by.username == services.NIGHTLY_USERNAME


def test_a_final_report_is_never_changed_and_a_new_version_is_a_new_entry(users):
    first = produce(users["head"], kind=Kind.MONTHLY, period="2012-03", mode=services.FINAL)
    checksum = first.files.get(format="pdf").sha256
    second = produce(users["head"], kind=Kind.MONTHLY, period="2012-03", mode=services.FINAL)

    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.files.get(format="pdf").sha256 == checksum
    assert len(checksum) == 64


def test_a_final_is_refused_before_the_period_ends_and_without_finished_commentary(users):
    with pytest.raises(ValidationError, match="december 2012 är inte slut än"):
        produce(users["head"], kind=Kind.MONTHLY, period="2012-12", mode=services.FINAL)
    with pytest.raises(ValidationError, match="inte gjort klart kommentaren för T2 2012"):
        produce(users["head"], mode=services.FINAL)
    services.commentary_save(period="2012-T2", user=users["head"], finish=True, summary="Bra.")
    report = produce(users["head"], mode=services.FINAL)
    assert (report.status, report.version) == (Report.Status.FINAL, 1)


def test_a_draft_replaces_the_draft_before_it(users):
    first = produce(users["head"], kind=Kind.MONTHLY, period="2012-03")
    second = produce(users["head"], kind=Kind.MONTHLY, period="2012-03")
    assert list(Report.objects.values_list("pk", flat=True)) == [second.pk]
    assert first.pk != second.pk


def make_now(client, **data):
    return client.post(
        reverse("reports:make"),
        {"kind": "monthly", "period": "2012-03", "mode": "draft", **data},
    )


def test_make_now_runs_the_job_and_leads_to_the_archived_report(client_for):
    client = client_for("head")
    response = make_now(client)
    report, job = Report.objects.get(), Job.objects.get()
    # The job runs as the request commits; the page that follows it links to the report.
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert (job.state, job.result_url) == (
        Job.State.DONE,
        reverse("reports:detail", args=[report.pk]),
    )
    assert (report.origin, report.produced_by.username, report.job) == (
        Report.Origin.USER,
        "chef",
        job,
    )
    page = client.get(job.result_url)
    assert "Ladda ned PDF" in page.content.decode()


def test_a_report_that_fails_leaves_an_error_on_the_report_page_and_no_archive_entry(
    client_for, monkeypatch, caplog
):
    def broken(document):
        raise RuntimeError("the PDF engine broke")

    monkeypatch.setattr(rendering, "pdf", broken)
    client = client_for("head")
    make_now(client)

    job = Job.objects.get()
    assert job.state == Job.State.FAILED
    assert Report.objects.count() == 0
    page = client.get(reverse("reports:index")).content.decode()
    assert "Jobbet misslyckades på grund av ett oväntat fel" in page
    assert "the PDF engine broke" in caplog.text


def test_a_transient_failure_is_retried_and_then_reported(client_for, monkeypatch, settings):
    settings.JOBS_RETRY_BACKOFF_SECONDS = 0
    calls = []

    def unreachable(document):
        calls.append(1)
        raise OperationalError("the database went away")

    monkeypatch.setattr(rendering, "pdf", unreachable)
    client = client_for("head")
    make_now(client)

    job = Job.objects.get()
    assert len(calls) == settings.JOBS_MAX_RETRIES + 1
    assert (job.state, job.attempt) == (Job.State.FAILED, settings.JOBS_MAX_RETRIES + 1)
    assert Report.objects.count() == 0
    page = client.get(reverse("reports:index")).content.decode()
    assert "gick inte att nå, så jobbet kunde inte slutföras." in page


def test_a_bound_controller_gets_their_own_customers_reports_only(
    users, client_for, own_customer, other_customer
):
    own = produce(users["head"], customer=own_customer)
    other = produce(users["head"], customer=other_customer)
    whole = produce(users["head"], kind=Kind.MONTHLY, period="2012-03")
    client = client_for("bound_controller")

    assert client.get(reverse("reports:download", args=[own.pk, "pdf"])).status_code == 200
    for guessed in (other, whole):
        for fmt in ("pdf", "xlsx"):
            url = reverse("reports:download", args=[guessed.pk, fmt])
            assert client.get(url).status_code == 404
        assert client.get(reverse("reports:detail", args=[guessed.pk])).status_code == 404
    listing = client.get(reverse("reports:archive")).content.decode()
    assert reverse("reports:detail", args=[own.pk]) in listing
    assert reverse("reports:detail", args=[other.pk]) not in listing
    assert reverse("reports:detail", args=[whole.pk]) not in listing


def test_the_archive_filters_by_kind_and_period(users, client_for):
    monthly = produce(users["head"], kind=Kind.MONTHLY, period="2012-03")
    client = client_for("controller")
    shown = client.get(reverse("reports:archive"), {"kind": "monthly", "period": "2012"})
    assert reverse("reports:detail", args=[monthly.pk]) in shown.content.decode()
    hidden = client.get(reverse("reports:archive"), {"kind": "tertial"})
    assert reverse("reports:detail", args=[monthly.pk]) not in hidden.content.decode()


def test_the_same_report_is_never_made_twice_at_once(users):
    # The second start finds the first job still queued (inside this transaction) and returns
    # it: one job per report at a time.
    first = tasks.report_start(
        kind=Kind.MONTHLY, period="2012-03", mode="draft", user=users["head"]
    )
    second = tasks.report_start(
        kind=Kind.MONTHLY, period="2012-03", mode="draft", user=users["admin"]
    )
    assert first.pk == second.pk
    assert produce(users["head"], kind=Kind.MONTHLY, period="2012-03").status == "draft"


def test_the_customer_page_lists_the_customers_own_reports(users, client_for, own_customer):
    own = produce(users["head"], customer=own_customer)
    whole = produce(users["head"], kind=Kind.MONTHLY, period="2012-03")
    page = client_for("bound_controller").get(
        reverse("customers:detail", kwargs={"code": own_customer.code})
    )
    content = page.content.decode()
    assert "Kundens rapporter" in content
    assert reverse("reports:detail", args=[own.pk]) in content
    assert reverse("reports:detail", args=[whole.pk]) not in content
