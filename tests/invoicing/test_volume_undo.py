"""Undo belongs to someone: the importer, a unit manager or an administrator, and someone bound
to a unit only for the customers their unit serves."""

import logging

from django.urls import reverse

from invoicing.models import VolumeImport
from tests.invoicing.volume_helpers import counted_import, volumes


def undo(client, volume_import):
    return client.post(reverse("invoicing:volume_import_undo", args=[volume_import.pk]))


def status(volume_import):
    volume_import.refresh_from_db()
    return volume_import.status


def test_an_officer_undoes_their_own_import_and_the_undo_is_logged(
    client_for, users, own_customer, caplog
):
    volume_import = counted_import(own_customer, users["officer"])
    with caplog.at_level(logging.INFO, logger="ekonomi.audit"):
        response = undo(client_for("officer"), volume_import)
    assert response.status_code == 302
    assert status(volume_import) == VolumeImport.Status.UNDONE
    assert volumes() == {}
    assert (
        f"volume import undone: import={volume_import.pk} file= by=handlaggare months=2012-05"
        in caplog.text
    )


def test_an_officer_may_not_undo_someone_elses_import(client_for, users, own_customer, caplog):
    volume_import = counted_import(own_customer, users["unit_manager"])
    client = client_for("officer")
    page = client.get(reverse("invoicing:volume_import", args=[volume_import.pk]))
    assert "Ångra importen" not in page.text
    with caplog.at_level(logging.WARNING, logger="ekonomi.access"):
        assert undo(client, volume_import).status_code == 403
    assert status(volume_import) == VolumeImport.Status.DONE
    assert f"undo refused: user=handlaggare volume_import={volume_import.pk}" in caplog.text


def test_a_unit_manager_undoes_an_import_of_their_units_customers(client_for, users, own_customer):
    volume_import = counted_import(own_customer, users["officer"])
    client = client_for("unit_manager")
    page = client.get(reverse("invoicing:volume_import", args=[volume_import.pk]))
    assert "Ångra importen" in page.text
    assert undo(client, volume_import).status_code == 302
    assert status(volume_import) == VolumeImport.Status.UNDONE


def test_nobody_bound_to_a_unit_undoes_an_import_touching_another_units_customer(
    client_for, users, other_customer
):
    volume_import = counted_import(other_customer, users["officer"])
    for role in ("officer", "unit_manager"):
        assert undo(client_for(role), volume_import).status_code == 403
    assert status(volume_import) == VolumeImport.Status.DONE
    assert undo(client_for("admin"), volume_import).status_code == 302
    assert status(volume_import) == VolumeImport.Status.UNDONE
