"""Every main page of the two apps renders in Swedish, without inline script or style."""

from datetime import date

import pytest
from django.urls import reverse

from customers.models import Unit
from tests.complaints.helpers import complaint, returned
from tests.customerlog.helpers import entry, meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(demo, users):
    item = complaint()
    document = returned()
    log = entry(follow_up_on=date(2012, 3, 9))
    held = meeting(actions=[("Skicka statistik", users["officer"], date(2012, 4, 2))])
    unit = Unit.objects.get(code="E1").pk
    return {
        reverse("complaints:list"): "Klagomål och synpunkter",
        reverse("complaints:create"): "Registrera klagomål eller synpunkt",
        reverse("complaints:detail", args=[item.pk]): "Svar senast",
        reverse("complaints:edit", args=[item.pk]): "Ändra klagomål eller synpunkt",
        reverse("complaints:unit_month") + f"?unit={unit}&month=2012-03": "Per process",
        reverse("complaints:area_tertial") + "?tertial=2012-T1": "Per kund",
        reverse("complaints:returned_list"): "Återsända underlag",
        reverse("complaints:returned_create"): "Skicka tillbaka ett underlag",
        reverse("complaints:returned_detail", args=[document.pk]): "Meddelande till kunden",
        reverse("complaints:returned_statistics"): "Statistik över återsända underlag",
        reverse("complaints:reason_list"): "Orsaker till återsändning",
        reverse("customerlog:list"): "Kundlogg",
        reverse("customerlog:entry_create"): "Ny loggpost",
        reverse("customerlog:entry_detail", args=[log.pk]): "Uppföljning",
        reverse("customerlog:follow_ups"): "Mina uppföljningar",
        reverse("customerlog:search") + "?q=faktura": "Sök i kundlogg, möten och klagomål",
        reverse("customerlog:meeting_list"): "Kundmöten",
        reverse("customerlog:meeting_create"): "Nytt möte",
        reverse("customerlog:meeting_detail", args=[held.pk]): "Minnesanteckningar",
        reverse("customerlog:held_planned"): "Hållna kundmöten mot planerade",
        reverse("customers:detail", args=["RIKI"]): "Kundlogg, möten och klagomål",
        reverse("home"): "Mina uppföljningar",
    }


def test_every_page_is_swedish_and_has_no_inline_script_or_style(pages, client_for):
    client = client_for("unit_manager")
    for url, swedish in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert swedish in response.text, url
        assert "<script>" not in response.text, url
        assert " style=" not in response.text, url
