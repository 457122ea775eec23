import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from invoicing.models import PriceItem, PriceList
from invoicing.prices import services as price_services
from invoicing.prices.selectors import Rounding, price_adjusted

LOCK_REASON = "Faktura 2012-0001 till RIKI är utfärdad"


def item(code, year=2012):
    return PriceItem.objects.get(price_list__year=year, code=code)


def copy_data(action, source="2012", percent="3,5", rounding=Rounding.KRONA):
    return {"source": source, "percent": percent, "rounding": rounding, "action": action}


@pytest.fixture
def locked(demo):
    return price_services.price_list_lock(
        price_list=PriceList.objects.get(year=2012), reason=LOCK_REASON
    )


# --- rounding --------------------------------------------------------------------------------


def test_480_kronor_plus_3_5_percent_rounds_to_497_whole_kronor():
    assert price_adjusted(
        price=Decimal("480.00"), percent=Decimal("3.5"), rounding=Rounding.KRONA
    ) == Decimal("497.00")


def test_9_kronor_plus_3_5_percent_rounds_to_9_30_with_10_ore():
    adjusted = price_adjusted(
        price=Decimal("9.00"), percent=Decimal("3.5"), rounding=Rounding.TEN_ORE
    )
    assert adjusted == Decimal("9.30")
    assert str(adjusted) == "9.30"


def test_it_rounds_half_up_and_lowers_prices_with_a_negative_percentage():
    # 100 - 2.5 % = 97.50: half a krona rounds up; 15 - 3 % = 14.55 rounds up to 14.60.
    assert price_adjusted(
        price=Decimal("100"), percent=Decimal("-2.5"), rounding=Rounding.KRONA
    ) == Decimal("98.00")
    assert price_adjusted(
        price=Decimal("15"), percent=Decimal("-3"), rounding=Rounding.TEN_ORE
    ) == Decimal("14.60")


# --- reading ---------------------------------------------------------------------------------


def test_the_years_list_links_each_price_list(client_for):
    response = client_for("controller").get(reverse("invoicing:price_lists"))
    assert response.status_code == 200
    assert reverse("invoicing:price_list", args=[2012]) in response.text


def test_a_price_list_shows_its_items_with_prices_in_kronor_and_ore(client_for):
    response = client_for("officer").get(reverse("invoicing:price_list", args=[2012]))
    assert response.status_code == 200
    assert "Kundfaktura via försystem" in response.text
    assert "480,00\xa0kr" in response.text
    assert "9,00\xa0kr" in response.text
    # Only an administrator edits prices.
    assert reverse("invoicing:price_item_edit", args=[2012, "KR-FS"]) not in response.text


def test_the_price_list_export_keeps_prices_as_numbers(client_for):
    response = client_for("admin").get(
        reverse("invoicing:price_list", args=[2012]), {"export": "xlsx", "unit": "hour"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["TJ-380", "TJ-480"]
    assert rows[1][-1] == 380


# --- editing ---------------------------------------------------------------------------------


def test_an_administrator_changes_a_price_written_with_a_decimal_comma(client_for):
    kr_fs = item("KR-FS")
    response = client_for("admin").post(
        reverse("invoicing:price_item_edit", args=[2012, "KR-FS"]),
        {
            "code": "KR-FS",
            "name": kr_fs.name,
            "service": kr_fs.service_id,
            "unit": "invoice",
            "price": "9,50",
        },
    )
    assert response.status_code == 302
    assert item("KR-FS").price == Decimal("9.50")


def test_a_negative_price_gets_a_swedish_field_error_and_keeps_what_was_typed(client_for):
    response = client_for("admin").post(
        reverse("invoicing:price_item_edit", args=[2012, "KR-FS"]),
        {"code": "KR-FS", "name": "Nytt namn", "unit": "invoice", "price": "-1"},
    )
    assert response.status_code == 200
    assert "Kontrollera att detta värde är större än eller lika med 0." in response.text
    assert 'value="Nytt namn"' in response.text
    assert item("KR-FS").price == Decimal("9.00")


def test_a_new_item_cannot_take_a_code_the_list_already_has(client_for):
    response = client_for("admin").post(
        reverse("invoicing:price_item_create", args=[2012]),
        {"code": "kr-fs", "name": "Dubblett", "unit": "invoice", "price": "1"},
    )
    assert response.status_code == 200
    assert "Prislistan har redan en prispost med den koden." in response.text
    assert PriceItem.objects.filter(price_list__year=2012).count() == 11


# --- next year's list ------------------------------------------------------------------------


def test_the_preview_shows_old_and_new_prices_side_by_side_and_saves_nothing(client_for):
    response = client_for("admin").post(reverse("invoicing:price_list_copy"), copy_data("preview"))
    assert response.status_code == 200
    assert "Förhandsgranskning av prislistan 2013" in response.text
    row = response.text[response.text.index("<td>TJ-480</td>") :].split("</tr>")[0]
    assert row.index("480,00\xa0kr") < row.index("497,00\xa0kr")
    assert not PriceList.objects.filter(year=2013).exists()


def test_confirming_creates_next_years_list_with_the_rounded_prices(client_for):
    response = client_for("admin").post(
        reverse("invoicing:price_list_copy"), copy_data("confirm", rounding=Rounding.TEN_ORE)
    )
    assert response.status_code == 302
    assert response.url == reverse("invoicing:price_list", args=[2013])
    assert PriceItem.objects.filter(price_list__year=2013).count() == 11
    assert item("TJ-480", 2013).price == Decimal("496.80")
    assert item("KR-FS", 2013).price == Decimal("9.30")
    assert item("KR-FS", 2012).price == Decimal("9.00")
    assert "3,5 %" in PriceList.objects.get(year=2013).note


def test_copying_onto_a_year_that_has_a_list_is_refused_in_swedish(client_for):
    PriceList.objects.create(year=2013)
    response = client_for("admin").post(reverse("invoicing:price_list_copy"), copy_data("confirm"))
    assert response.status_code == 200
    assert "Det finns redan en prislista för 2013." in response.text
    assert not PriceItem.objects.filter(price_list__year=2013).exists()


def test_the_copy_service_refuses_an_existing_year_too(demo):
    PriceList.objects.create(year=2013)
    with pytest.raises(ValidationError, match="Det finns redan en prislista för 2013"):
        price_services.price_list_copy(
            source=PriceList.objects.get(year=2012),
            percent=Decimal("3.5"),
            rounding=Rounding.KRONA,
        )
    assert PriceList.objects.count() == 2


# --- locking ---------------------------------------------------------------------------------


def test_a_locked_list_shows_its_reason_and_offers_no_editing(client_for, locked):
    response = client_for("admin").get(reverse("invoicing:price_list", args=[2012]))
    assert f"Prislistan är låst och kan bara läsas: {LOCK_REASON}" in response.text
    assert reverse("invoicing:price_item_edit", args=[2012, "KR-FS"]) not in response.text
    assert reverse("invoicing:price_item_create", args=[2012]) not in response.text


def test_editing_a_locked_list_is_refused_with_the_reason(client_for, locked):
    client = client_for("admin")
    response = client.post(
        reverse("invoicing:price_item_edit", args=[2012, "KR-FS"]),
        {"code": "KR-FS", "name": "Kundfaktura", "unit": "invoice", "price": "1"},
        follow=True,
    )
    assert f"Prislistan 2012 är låst och kan inte ändras: {LOCK_REASON}" in response.text
    assert item("KR-FS").price == Decimal("9.00")
    client.post(reverse("invoicing:price_item_delete", args=[2012, "KR-FS"]))
    assert PriceItem.objects.filter(price_list__year=2012).count() == 11


@pytest.mark.parametrize("change", ["update", "create", "delete"])
def test_the_price_services_refuse_a_locked_list(locked, change):
    kr_fs = item("KR-FS")
    fields = {
        "code": "KR-NY",
        "name": "Ny",
        "service": None,
        "unit": "invoice",
        "price": Decimal("1"),
    }
    calls = {
        "update": lambda: price_services.price_item_update(item=kr_fs, **fields),
        "create": lambda: price_services.price_item_create(price_list=locked, **fields),
        "delete": lambda: price_services.price_item_delete(item=kr_fs),
    }
    with pytest.raises(ValidationError, match="Prislistan 2012 är låst och kan inte ändras"):
        calls[change]()
    assert item("KR-FS").price == Decimal("9.00")
    assert PriceItem.objects.filter(price_list__year=2012).count() == 11


def test_the_model_refuses_a_change_to_a_locked_list_whatever_form_makes_it(locked):
    kr_fs = item("KR-FS")
    kr_fs.price = Decimal("1")
    with pytest.raises(ValidationError, match="är låst"):
        kr_fs.full_clean()


def test_locking_keeps_the_first_reason(locked):
    again = price_services.price_list_lock(price_list=locked, reason="Faktura 2012-0002")
    assert again.locked_reason == LOCK_REASON


def test_a_locked_list_can_still_be_copied_to_next_year(client_for, locked):
    response = client_for("admin").post(reverse("invoicing:price_list_copy"), copy_data("confirm"))
    assert response.status_code == 302
    assert not PriceList.objects.get(year=2013).is_locked
