from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from customers.models import User
from invoicing.volumes import selectors, services
from invoicing.volumes.models import VolumeImport

YES = {"j", "ja", "y", "yes"}


class Command(BaseCommand):
    help = (
        "Import volumes from an ERP file (CSV or .xlsx): check it, show the preview, and "
        "import it once confirmed. Nothing is written if any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to import")
        parser.add_argument("--user", help="user name recorded as the one who imported")
        parser.add_argument(
            "--yes", action="store_true", help="import without asking when the check passes"
        )

    def handle(self, *args, file, user, yes, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        importer = None
        if user:
            importer = User.objects.filter(username=user).first()
            if importer is None:
                raise CommandError(_("There is no user %(name)s.") % {"name": user})
        with path.open("rb") as stream:
            try:
                volume_import = services.volume_import_upload(
                    file=File(stream, name=path.name), user=importer
                )
            except ValidationError as error:
                raise CommandError(error.messages[0]) from error
        volume_import = services.volume_import_check(volume_import_id=volume_import.pk)
        if volume_import.status != VolumeImport.Status.READY:
            self._errors(volume_import)
            raise CommandError(
                _("%(count)s errors; nothing was imported.") % {"count": volume_import.error_count}
            )
        self._preview(volume_import)
        if not yes and input(_("Import? [y/N] ")).strip().lower() not in YES:
            services.volume_import_discard(volume_import_id=volume_import.pk, busy=False)
            self.stdout.write(_("Nothing was imported."))
            return
        services.volume_import_confirm(volume_import_id=volume_import.pk)
        volume_import = services.volume_import_run(volume_import_id=volume_import.pk)
        if volume_import.status != VolumeImport.Status.DONE:
            self._errors(volume_import)
            raise CommandError(_("Nothing was imported."))
        self.stdout.write(
            self.style.SUCCESS(
                _("Import %(number)s: %(read)s rows read, %(added)s added, %(skipped)s skipped.")
                % {
                    "number": volume_import.pk,
                    "read": volume_import.rows_read,
                    "added": volume_import.rows_added,
                    "skipped": volume_import.rows_skipped,
                }
            )
        )

    def _preview(self, volume_import):
        self.stdout.write(
            _("%(file)s (%(shape)s): %(read)s rows, %(new)s new, %(skipped)s already imported.")
            % {
                "file": volume_import.file_name,
                "shape": volume_import.get_shape_display(),
                "read": volume_import.rows_read,
                "new": volume_import.rows_read - volume_import.rows_skipped,
                "skipped": volume_import.rows_skipped,
            }
        )
        for row in selectors.volume_import_months(volume_import=volume_import):
            self.stdout.write(
                _("  %(month)s: %(rows)s rows, quantity %(quantity)s, %(new)s new")
                % {"month": row.month, "rows": row.rows, "quantity": row.quantity, "new": row.new}
            )

    def _errors(self, volume_import):
        for error in volume_import.errors:
            where = ", ".join(
                str(part)
                for part in (
                    _("row %(row)s") % {"row": error["row"]} if error["row"] else "",
                    error["column"],
                )
                if part
            )
            self.stderr.write(f"{where}: {error['message']}" if where else error["message"])
        if volume_import.error_count > len(volume_import.errors):
            self.stderr.write(
                _("… and %(count)s more.")
                % {"count": volume_import.error_count - len(volume_import.errors)}
            )
