"""Numbering under concurrency: real threads, each with its own PostgreSQL connection."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ekonomi.periods import Month
from invoicing.billing import services as billing_services
from invoicing.models import BilledMonth, Invoice
from tests.invoicing.billing_helpers import (
    JANUARY,
    JANUARY_COUNTS,
    YEAR,
    in_parallel,
    issue,
    postgres_only,
    price_list,
    unit_manager,
    volumes,
)

pytestmark = [pytest.mark.postgres, postgres_only, pytest.mark.django_db(transaction=True)]

ISSUERS = 20


@pytest.fixture
def organisation(transactional_db):
    call_command("load_demo", "--organisation-only", stdout=io.StringIO())
    price_list()


def sequences():
    return list(
        Invoice.objects.filter(year=YEAR).order_by("sequence").values_list("sequence", flat=True)
    )


def test_twenty_users_issuing_the_same_month_produce_one_set_of_invoices(organisation):
    volumes(JANUARY, JANUARY_COUNTS)
    user = unit_manager()
    results = in_parallel([lambda: issue(JANUARY, user)] * ISSUERS)
    issued = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(issued) == 1
    assert len(refused) == ISSUERS - 1
    assert {error.code for error in refused} == {"billed"}
    assert sequences() == [1, 2]
    assert BilledMonth.objects.filter(month=JANUARY.start).count() == 1


def test_twenty_issuers_of_ten_months_get_consecutive_numbers_without_gaps(organisation):
    months = [Month(YEAR, n) for n in range(1, 11)]
    for month in months:
        volumes(month, {"RIKI": {"KR-FS": month.month}, "SPTE": {"LR-EL": month.month}})
    user = unit_manager()
    jobs = [lambda month=month: issue(month, user) for month in months for _twice in range(2)]
    results = in_parallel(jobs)
    assert sum(isinstance(r, list) for r in results) == 10
    assert all(isinstance(r, list | ValidationError) for r in results)
    assert sequences() == list(range(1, 21))
    # One run holds the series for its whole month: a month's two invoices are neighbours.
    for month in months:
        numbers = sorted(
            Invoice.objects.filter(month=month.start).values_list("sequence", flat=True)
        )
        assert numbers[1] == numbers[0] + 1


def test_twenty_parallel_credit_notes_continue_the_series_without_gaps(organisation):
    months = [Month(YEAR, n) for n in range(1, 11)]
    for month in months:
        volumes(month, {"RIKI": {"KR-FS": month.month}, "SPTE": {"LR-EL": month.month}})
    user = unit_manager()
    for month in months:
        issue(month, user)
    originals = list(Invoice.objects.filter(year=YEAR))
    results = in_parallel(
        [
            lambda invoice=invoice: billing_services.credit_note_issue(
                invoice=invoice, user=user, reason="Rättelse", settlement=Invoice.Settlement.LATER
            )
            for invoice in originals
        ]
    )
    assert all(isinstance(r, Invoice) for r in results)
    assert sequences() == list(range(1, 41))
