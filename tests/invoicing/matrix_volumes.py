from customers.models import User
from invoicing.models import VolumeImport
from tests.invoicing.volume_helpers import counted_import
from tests.matrix import everyone, only, staff

# Case officers import volumes; unit managers and administrators may too.
IMPORTERS = {"admin", "unit_manager", "officer"}
DONE = {"pk": "done_volume_import"}
READY = {"pk": "ready_volume_import"}

ROWS = {
    "invoicing:volumes": [("get", {}, None, everyone())],
    "invoicing:volume_documents": [("get", {}, None, everyone())],
    "invoicing:volume_imports": [("get", {}, None, staff())],
    "invoicing:volume_import_upload": [("get", {}, None, only(IMPORTERS))],
    "invoicing:volume_import": [("get", DONE, None, staff()), ("get", READY, None, staff())],
    # Each answer is a redirect back to the import; the actions that do not fit its state are
    # refused there with a message, so the matrix changes nothing.
    "invoicing:volume_import_confirm": [("post", DONE, None, only(IMPORTERS, 302))],
    # A done import's columns are known: the mapping answers with a redirect and a message.
    "invoicing:volume_import_map": [("post", DONE, None, only(IMPORTERS, 302))],
    "invoicing:volume_import_undo": [
        ("post", READY, None, only(IMPORTERS, 302)),
        # Undo belongs to the importer, a unit manager or an administrator; someone bound to a
        # unit (E1) undoes only imports of customers that unit serves (RIKI, not SPTE).
        ("post", {"pk": "officers_own_import"}, None, only(IMPORTERS, 302)),
        ("post", {"pk": "someone_elses_import"}, None, only({"admin", "unit_manager"}, 302)),
        ("post", {"pk": "other_units_import"}, None, only({"admin"}, 302)),
    ],
    "invoicing:volume_import_discard": [("post", DONE, None, only(IMPORTERS, 302))],
}


def placeholders(own_customer, other_customer):
    values = {}
    for status in (VolumeImport.Status.DONE, VolumeImport.Status.READY):
        volume_import = VolumeImport.objects.create(
            source=VolumeImport.Source.FILE,
            shape=VolumeImport.Shape.DOCUMENTS,
            status=status,
            file_name="matris.csv",
        )
        values[f"{status}_volume_import"] = volume_import.pk
    officer = User.objects.get(username="handlaggare")
    admin = User.objects.get(username="admin")
    for name, customer, creator in (
        ("officers_own_import", own_customer, officer),
        ("someone_elses_import", own_customer, admin),
        ("other_units_import", other_customer, officer),
    ):
        values[name] = counted_import(customer, creator).pk
    return values
