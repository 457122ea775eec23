from django.urls import reverse

from invoicing.models import PriceItem, PriceList
from invoicing.prices.services import price_list_lock


def test_the_admin_refuses_to_delete_an_item_of_a_locked_price_list(client_for):
    price_list = PriceList.objects.get(year=2012)
    item = price_list.items.get(code="KR-FS")
    client = client_for("admin")
    delete_url = reverse("admin:invoicing_priceitem_delete", args=[item.pk])
    assert client.get(delete_url).status_code == 200

    price_list_lock(price_list=price_list, reason="Faktura 2012-000001 är utfärdad.")

    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert PriceItem.objects.filter(pk=item.pk).exists()
