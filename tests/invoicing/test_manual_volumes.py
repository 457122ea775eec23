from datetime import date

import pytest
from django.urls import reverse

from invoicing.models import BilledMonth, PriceItem, VolumeCount, VolumeImport
from invoicing.volumes import services as volume_services
from invoicing.volumes.forms import ManualVolumeForm
from tests.invoicing.volume_helpers import COUNT_HEADER, agree_2012, csv_bytes, import_file, volumes

PAGE = "invoicing:manual_volumes"
SAVE = "invoicing:manual_volumes_save"


@pytest.fixture
def grid(demo):
    agree_2012()


def _field(customer, code):
    item = PriceItem.objects.get(price_list__year=2012, code=code)
    return ManualVolumeForm.name(customer.pk, item.pk)


def _save(client, cells, month="2012-03"):
    data = {"month": month, **{_field(c, code): v for (c, code), v in cells.items()}}
    return client.post(reverse(SAVE), data)


def test_the_grid_has_customers_with_an_agreement_and_invoice_and_case_items(grid, client_for):
    response = client_for("officer").get(reverse(PAGE) + "?month=2012-03")
    assert response.status_code == 200
    codes = [item.code for item in response.context["grid"].items]
    assert "KR-MAN" in codes and "LR-FSK" in codes
    assert not PriceItem.objects.filter(code__in=codes, unit=PriceItem.Unit.HOUR).exists()
    assert "Manuella volymer mars 2012" in response.text


def test_saving_records_a_manual_import_and_updates_the_monthly_volume(
    grid, client_for, own_customer, other_customer
):
    cells = {(own_customer, "KR-MAN"): "120", (other_customer, "LR-MAN"): "7"}
    response = _save(client_for("officer"), cells)
    assert response.status_code == 302
    assert volumes()[("RIKI", "KR-MAN", "2012-03")] == (0, 0, 120, 120)
    assert volumes()[("SPTE", "LR-MAN", "2012-03")] == (0, 0, 7, 7)
    manual = VolumeImport.objects.get(source=VolumeImport.Source.MANUAL)
    assert manual.status == VolumeImport.Status.DONE
    assert manual.rows_added == 2


def test_it_adds_to_what_files_counted(grid, client_for, own_customer):
    rows = [("RIKI", "KR-MAN", "2012-03", "30")]
    import_file(csv_bytes(rows, header=COUNT_HEADER), name="antal.csv")
    _save(client_for("officer"), {(own_customer, "KR-MAN"): "5"})
    assert volumes()[("RIKI", "KR-MAN", "2012-03")] == (0, 30, 5, 35)


def test_one_bad_cell_saves_nothing_and_keeps_what_was_typed(
    grid, client_for, own_customer, other_customer
):
    response = _save(
        client_for("officer"),
        {(own_customer, "KR-MAN"): "120", (other_customer, "LR-MAN"): "-3"},
    )
    assert response.status_code == 200
    assert VolumeCount.objects.count() == 0
    assert "Inget sparades; rätta de markerade cellerna." in response.text
    assert "SPTE, LR-MAN: " in response.text
    assert 'value="120"' in response.text
    assert 'value="-3"' in response.text


def test_it_names_customer_and_item_for_a_count_that_is_not_whole(grid, client_for, own_customer):
    response = _save(client_for("officer"), {(own_customer, "KR-FS"): "2,5"})
    form = response.context["form"]
    [message] = form.errors[_field(own_customer, "KR-FS")]
    assert message.startswith("RIKI, KR-FS: ")
    assert "2,5" in message


def test_the_grid_shows_the_manual_counts_in_force(grid, client_for, own_customer):
    client = client_for("officer")
    _save(client, {(own_customer, "KR-MAN"): "120"})
    response = client.get(reverse(PAGE) + "?month=2012-03")
    assert response.context["form"][_field(own_customer, "KR-MAN")].value() == 120


def test_an_unchanged_grid_records_nothing(grid, client_for, own_customer):
    client = client_for("officer")
    _save(client, {(own_customer, "KR-MAN"): "120"})
    _save(client, {(own_customer, "KR-MAN"): "120"})
    assert VolumeImport.objects.filter(source=VolumeImport.Source.MANUAL).count() == 1


def test_undoing_the_manual_import_brings_back_the_earlier_count(
    grid, client_for, own_customer, users
):
    client = client_for("officer")
    _save(client, {(own_customer, "KR-MAN"): "120"})
    _save(client, {(own_customer, "KR-MAN"): "90"})
    latest = VolumeImport.objects.filter(source=VolumeImport.Source.MANUAL).first()
    volume_services.volume_import_undo(volume_import_id=latest.pk, user=users["officer"])
    assert volumes()[("RIKI", "KR-MAN", "2012-03")] == (0, 0, 120, 120)


def test_a_billed_month_is_read_only(grid, client_for, own_customer):
    BilledMonth.objects.create(month=date(2012, 3, 1))
    client = client_for("officer")
    page = client.get(reverse(PAGE) + "?month=2012-03")
    assert page.context["can_write"] is False
    assert "mars 2012 är fakturerad; volymerna kan inte längre ändras." in page.text
    response = _save(client, {(own_customer, "KR-MAN"): "120"})
    assert response.status_code == 200
    assert VolumeCount.objects.count() == 0


def test_the_head_may_look_but_not_save(grid, client_for, own_customer):
    client = client_for("head")
    assert client.get(reverse(PAGE) + "?month=2012-03").context["can_write"] is False
    assert _save(client, {(own_customer, "KR-MAN"): "1"}).status_code == 403
    assert VolumeCount.objects.count() == 0
