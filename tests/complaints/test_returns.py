"""Returned documents: the drafted message per reason, the maintained reasons, the statistics."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.models import ReturnedDocument, ReturnReason
from complaints.returns.messages import draft_message, fill
from customers.models import Customer, Process, Unit
from tests.complaints.helpers import returned

pytestmark = pytest.mark.django_db

# What each demo reason tells the customer is missing, and how to send it right.
MISSING_AND_FIX = {
    "attest": ("attest saknas", "låt attestanten signera underlaget"),
    "kontering": ("kontering saknas", "fyll i konteringsstämpeln"),
    "mottagare": ("fel mottagare", "be leverantören ställa ut fakturan på nytt"),
    "olasbart": ("inte går att läsa", "skicka originalet eller en tydlig kopia"),
    "bilaga": ("kvitto eller annat underlag", "bifoga originalkvittot"),
    "uppgifter": ("uppgifter saknas", "kontrollera uppgifterna"),
}


@pytest.mark.parametrize("code", sorted(MISSING_AND_FIX))
def test_the_message_per_reason_says_what_is_missing_how_to_fix_it_and_who_sent_it(code, users):
    users["officer"].first_name, users["officer"].last_name = "Hanna", "Handläggare"
    users["officer"].save()
    document = returned(customer="RIKI", unit="E1", on=date(2012, 3, 5), code=code)
    message = draft_message(document)
    missing, fix = MISSING_AND_FIX[code]
    assert missing in message.body
    assert fix in message.body
    assert "Leverantörsfaktura 4711" in message.body
    assert "2012-03-05" in message.body
    assert message.body.endswith(
        "Med vänlig hälsning\nHanna Handläggare\n"
        "Enhet 1, Serviceförvaltningen, ekonomiadministration\nTelefon 08-508 21 000"
    )
    assert message.to == "ekonomi.riki@stad.example.se"
    assert message.subject == (
        f"Återsänt underlag: {ReturnReason.objects.get(code=code).name} (Leverantörsfaktura 4711)"
    )


def test_the_note_is_added_to_the_message(users):
    document = returned()
    document.note = "Ring Hanna om något är oklart."
    assert "Ring Hanna om något är oklart." in draft_message(document).body


def test_a_template_only_fills_known_placeholders():
    # str.format would let a template reach into Python objects; plain substitution cannot.
    assert fill("{kund} {kund.__class__} {okänd}", {"kund": "RIKI"}) == (
        "RIKI {kund.__class__} {okänd}"
    )


def test_a_reason_with_an_unknown_placeholder_is_refused_in_swedish(client_for):
    response = client_for("unit_manager").post(
        reverse("complaints:reason_create"),
        {
            "name": "Saknar bilaga",
            "code": "bilaga2",
            "template": "Hej {mottagare}!",
            "sort_order": 9,
        },
    )
    assert "Okänd platshållare {mottagare}; använd {kund}, {underlag}" in response.text
    assert "Hej {mottagare}!" in response.text
    assert not ReturnReason.objects.filter(code="bilaga2").exists()


def test_an_officer_records_a_returned_document_and_gets_the_message(client_for, users):
    response = client_for("officer").post(
        reverse("complaints:returned_create"),
        {
            "customer": Customer.objects.get(code="SPTE").pk,
            "process": Process.objects.get(code="AP").pk,
            "reason": ReturnReason.objects.get(code="kontering").pk,
            "document": "Faktura 123",
            "returned_on": "2012-03-05",
            "unit": Unit.objects.get(code="E1").pk,
        },
        follow=True,
    )
    document = ReturnedDocument.objects.get()
    assert document.sent_by == users["officer"]
    assert "Återsänt underlag: Kontering saknas (Faktura 123)" in response.text
    assert "Det återsända underlaget är registrerat." in response.text


def test_the_statistics_count_per_customer_reason_and_month(client_for):
    returned(customer="RIKI", on=date(2012, 1, 10), code="attest")
    returned(customer="RIKI", on=date(2012, 1, 11), code="attest")
    returned(customer="RIKI", on=date(2012, 3, 1), code="kontering")
    returned(customer="SPTE", on=date(2012, 3, 2), code="attest")
    returned(customer="SPTE", on=date(2013, 1, 2), code="attest")
    response = client_for("controller").get(
        reverse("complaints:returned_statistics"), {"period": "2012"}
    )
    assert [r.name for r in response.context["reasons"]] == ["Attest saknas", "Kontering saknas"]
    assert response.context["reason_rows"] == [
        ("RIKI Rinkeby-Kista stadsdelsförvaltning", [2, 1], 3),
        ("SPTE Spånga-Tensta stadsdelsförvaltning", [1, 0], 1),
    ]
    months = response.context["month_rows"]
    assert months[0][1][:3] == [2, 0, 1]
    assert months[1][1][:3] == [0, 0, 1]
    assert response.context["total"] == 4


def test_a_bound_controller_sees_only_their_own_customers_returns(client_for):
    returned(customer="RIKI")
    other = returned(customer="SPTE")
    client = client_for("bound_controller")
    response = client.get(reverse("complaints:returned_statistics"), {"period": "2012"})
    assert [row[0] for row in response.context["reason_rows"]] == [
        "RIKI Rinkeby-Kista stadsdelsförvaltning"
    ]
    assert len(client.get(reverse("complaints:returned_list")).context["table"].rows) == 1
    assert client.get(reverse("complaints:returned_detail", args=[other.pk])).status_code == 404


def test_the_statistics_download_as_excel_per_customer_and_reason(client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    returned(customer="RIKI", on=date(2012, 1, 10), code="attest")
    returned(customer="RIKI", on=date(2012, 2, 10), code="kontering")
    response = client_for("controller").get(
        reverse("complaints:returned_statistics"), {"period": "2012-T1", "export": "xlsx"}
    )
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows == [
        ("Kund", "Attest saknas", "Kontering saknas", "Summa"),
        ("RIKI Rinkeby-Kista stadsdelsförvaltning", 1, 1, 2),
        ("Summa", 1, 1, 2),
    ]
