"""One search box over log entries, meeting minutes and complaints, within each user's scope.

On SQLite every word must occur as typed; on PostgreSQL the Swedish full-text configuration
also finds other forms of a word ("fakturor" finds "faktura").
"""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from tests.complaints.helpers import complaint
from tests.customerlog.helpers import entry, meeting

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL full-text search"
)


@pytest.fixture
def records(demo):
    entry(customer="RIKI", subject="Påminnelse", text="Kunden fick påminnelse om en faktura.")
    entry(
        customer="RIKI",
        subject="Internt",
        text="En faktura låg kvar hos oss, attestanten var sjuk.",
        internal=True,
    )
    entry(customer="SPTE", subject="Spånga", text="Frågade om faktura och kontering.")
    meeting(customer="RIKI", minutes="Kunden vill ha fler abonnemangsfakturor och e-faktura.")
    complaint(customer="RIKI", description="Faktura betald två gånger.")
    complaint(customer="SPTE", description="Faktura skickad till fel adress.")


def hits(client, query):
    response = client.get(reverse("customerlog:search"), {"q": query})
    return {
        str(result.source.label): sorted(r.customer_code for r in result.records)
        for result in response.context["results"]
    }


def test_a_word_is_found_in_log_minutes_and_complaints(records, client_for):
    assert hits(client_for("officer"), "abonnemangsfakturor") == {
        "Kundlogg": [],
        "Kundmöten": ["RIKI"],
        "Klagomål och synpunkter": [],
    }
    # "e-faktura" in the minutes; the internal entry, which staff may read.
    assert hits(client_for("officer"), "faktura") == {
        "Kundlogg": ["RIKI", "RIKI", "SPTE"],
        "Kundmöten": ["RIKI"],
        "Klagomål och synpunkter": ["RIKI", "SPTE"],
    }


def test_every_word_must_match(records, client_for):
    assert hits(client_for("officer"), "faktura kontering")["Kundlogg"] == ["SPTE"]


def test_a_bound_controller_searches_only_their_customer_and_never_internal_entries(
    records, client_for
):
    assert hits(client_for("officer"), "attestanten")["Kundlogg"] == ["RIKI"]
    client = client_for("bound_controller")
    assert hits(client, "faktura") == {
        "Kundlogg": ["RIKI"],
        "Kundmöten": ["RIKI"],
        "Klagomål och synpunkter": ["RIKI"],
    }
    assert hits(client, "attestanten") == {
        "Kundlogg": [],
        "Kundmöten": [],
        "Klagomål och synpunkter": [],
    }


def test_the_search_page_is_swedish_and_says_when_nothing_matched(records, client_for):
    response = client_for("officer").get(reverse("customerlog:search"), {"q": "bokslut"})
    assert "Sök i kundlogg, möten och klagomål" in response.text
    assert response.text.count("Inga träffar.") == 3


@pytest.mark.postgres
@postgres_only
def test_on_postgresql_swedish_stemming_finds_other_forms_of_a_word(records, client_for):
    # "fakturor" (plural) finds "faktura" and "fakturan"; only full-text search does that.
    found = hits(client_for("officer"), "fakturor")
    assert found["Kundlogg"] == ["RIKI", "RIKI", "SPTE"]
    assert found["Klagomål och synpunkter"] == ["RIKI", "SPTE"]
    assert hits(client_for("bound_controller"), "fakturor")["Kundlogg"] == ["RIKI"]


@pytest.mark.postgres
@postgres_only
def test_on_postgresql_the_best_match_comes_first(demo, client_for):
    entry(
        customer="SPTE", on=date(2012, 1, 2), subject="Attest", text="Attest saknas; attest krävs."
    )
    entry(customer="RIKI", on=date(2012, 1, 3), subject="Kontering", text="Attest saknas.")
    response = client_for("officer").get(reverse("customerlog:search"), {"q": "attest"})
    log = response.context["results"][0]
    assert [r.customer_code for r in log.records] == ["SPTE", "RIKI"]
