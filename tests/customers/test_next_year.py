from functools import partial

import pytest
from django.urls import resolve, reverse

from customers.agreements import services as agreement_services
from customers.agreements import tasks
from customers.agreements.services import ServiceTerms, SkipReason
from customers.models import AgreementService, Customer, Service, ServiceAgreement
from ekonomi import jobs
from ekonomi.jobs.models import Job
from tests.customers.agreement_helpers import agreement, load_demo_agreements
from tests.ekonomi.worker_process import finished

MANDATORY = ["KR", "LR", "KB", "SYS"]


@pytest.fixture
def agreements(demo):
    load_demo_agreements()


def service_codes(code, year):
    return [row.service.code for row in agreement(code, year).services.select_related("service")]


def test_it_copies_every_signed_agreement_once_however_often_it_runs(agreements):
    first = agreement_services.agreements_copy_to_next_year(year=2012)
    assert len(first.created) == 33
    assert first.skipped == []
    assert ServiceAgreement.objects.filter(year=2013, status="draft").count() == 33

    second = agreement_services.agreements_copy_to_next_year(year=2012)
    assert second.created == []
    assert len(second.skipped) == 33
    assert {entry.reason for entry in second.skipped} == {SkipReason.HAS_AGREEMENT}
    assert ServiceAgreement.objects.filter(year=2013).count() == 33


def test_the_copy_has_the_services_in_force_on_the_last_of_december(agreements):
    riki_kr = AgreementService.objects.get(agreement=agreement("RIKI"), service__code="KR")
    riki_kr.lead_time_days = 3
    riki_kr.interface_text = "Fakturaunderlag lämnas senast den 20:e."
    riki_kr.save()

    agreement_services.agreements_copy_to_next_year(year=2012)

    # SKAR added fixed-asset accounting in September; UTB ended time & project in July.
    assert service_codes("SKAR", 2013) == [*MANDATORY, "ANL", "R2R", "BAL"]
    assert "TP" not in service_codes("UTB", 2013)
    anl = AgreementService.objects.get(agreement=agreement("SKAR", 2013), service__code="ANL")
    assert anl.estimated_hours == 80
    kr = AgreementService.objects.get(agreement=agreement("RIKI", 2013), service__code="KR")
    assert (kr.lead_time_days, kr.interface_text) == (3, "Fakturaunderlag lämnas senast den 20:e.")
    r2r = {
        row.agreement.year: (row.estimated_hours, row.scope_note)
        for row in AgreementService.objects.filter(
            agreement__customer__code="RIKI", service__code="R2R"
        )
    }
    assert r2r[2013] == r2r[2012]
    assert not agreement("SKAR", 2013).addenda.exists()


def test_it_says_why_it_skipped_a_customer(agreements):
    Customer.objects.filter(code="FARS").update(is_active=False)
    ServiceAgreement.objects.filter(customer__code="ALVS").update(status="draft")
    agreement("KFK").delete()
    agreement_services.agreement_create(
        customer=Customer.objects.get(code="HAVA"),
        year=2013,
        services=[ServiceTerms(Service.objects.get(code="IB"))],
    )

    result = agreement_services.agreements_copy_to_next_year(year=2012)

    assert {entry.code: entry.reason for entry in result.skipped} == {
        "ALVS": SkipReason.NOT_SIGNED,
        "FARS": SkipReason.INACTIVE,
        "HAVA": SkipReason.HAS_AGREEMENT,
        "KFK": SkipReason.NOT_SIGNED,
    }
    assert len(result.created) == 29
    # The agreement HAVA already had is left alone.
    assert service_codes("HAVA", 2013) == [*MANDATORY, "IB"]


def result_page(client, response):
    """The copy is a job that runs as the request commits; its page links to the result."""
    job = Job.objects.get(pk=resolve(response.url).kwargs["pk"])
    assert f'href="{job.result_url.replace("&", "&amp;")}"' in client.get(response.url).text
    return client.get(job.result_url).text


def test_the_page_asks_first_and_then_shows_what_was_created_and_skipped(client_for, agreements):
    client = client_for("unit_manager")
    url = reverse("customers:agreement_next_year")
    confirmation = client.get(url).content.decode()
    assert 'name="year"' in confirmation
    assert ServiceAgreement.objects.filter(year=2013).count() == 0

    first = result_page(client, client.post(url, {"year": "2012"}))
    assert "33 utkast till avtal för 2013 skapades" in first
    assert "0 kunder hoppades över" in first

    second = result_page(client, client.post(url, {"year": "2012"}))
    assert "0 utkast till avtal för 2013 skapades" in second
    assert "33 kunder hoppades över" in second
    assert "Har redan ett avtal för nästa år" in second
    assert ServiceAgreement.objects.filter(year=2013).count() == 33


@pytest.mark.celery
def test_the_job_run_twice_creates_each_draft_once(transactional_db, users):
    load_demo_agreements()
    start = partial(
        jobs.start, tasks.agreements_copy_to_next_year, user=users["admin"], params={"year": 2012}
    )
    first = finished(start())
    second = finished(start())
    assert (len(first.result["created"]), len(first.result["skipped"])) == (33, 0)
    assert (len(second.result["created"]), len(second.result["skipped"])) == (0, 33)
    assert second.message == "0 skapade, 33 överhoppade."
    assert ServiceAgreement.objects.filter(year=2013).count() == 33
