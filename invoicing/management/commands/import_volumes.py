import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from customers.models import User
from ekonomi import commands
from ekonomi.tabular import scaled_note
from invoicing.volumes import selectors, services
from invoicing.volumes.models import VolumeImport

YES = {"j", "ja", "y", "yes"}


def grouped(number):
    return number_format(number, force_grouping=True)


def rows(count):
    return ngettext("%(count)s row", "%(count)s rows", count) % {"count": grouped(count)}


class Command(commands.Command):
    help = gettext_lazy(
        "Import volumes from an ERP file (CSV or .xlsx): check it, show the preview, and "
        "import it once confirmed. Nothing is written if any row is wrong, and a refused file "
        "leaves neither a record nor a copy behind."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the file to import"))
        parser.add_argument("--user", help=_("user name recorded as the one who imported"))
        parser.add_argument(
            "--yes", action="store_true", help=_("import without asking when the check passes")
        )
        parser.add_argument(
            "--confirm-billed",
            action="store_true",
            help=_(
                "import rows of billed months too (they become adjustment lines on the next "
                "invoice) without asking"
            ),
        )

    def handle(self, *args, file, user, yes, confirm_billed, **options):
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
        if volume_import.status == VolumeImport.Status.MAPPING:
            self._discard(volume_import)
            raise CommandError(self._unrecognised(volume_import))
        volume_import = services.volume_import_check(volume_import_id=volume_import.pk)
        if volume_import.status != VolumeImport.Status.READY:
            self._errors(volume_import)
            self._discard(volume_import)
            raise CommandError(
                ngettext(
                    "%(count)s error; nothing was imported.",
                    "%(count)s errors; nothing was imported.",
                    volume_import.error_count,
                )
                % {"count": grouped(volume_import.error_count)}
            )
        self._preview(volume_import)
        billed = services.volume_import_billed_months(volume_import=volume_import)
        if billed:
            self.stdout.write(self.style.WARNING(services.billed_message(billed)))
        if not self._confirmed(volume_import, yes, billed, confirm_billed):
            self._discard(volume_import)
            self.stdout.write(_("Nothing was imported."))
            return
        services.volume_import_confirm(volume_import_id=volume_import.pk, billed_confirmed=True)
        volume_import = services.volume_import_run(volume_import_id=volume_import.pk)
        if volume_import.status != VolumeImport.Status.DONE:
            self._errors(volume_import)
            self._discard(volume_import)
            raise CommandError(_("Nothing was imported."))
        self.stdout.write(
            self.style.SUCCESS(
                _("Import %(number)s: %(read)s read, %(added)s added, %(skipped)s skipped.")
                % {
                    "number": volume_import.pk,
                    "read": rows(volume_import.rows_read),
                    "added": grouped(volume_import.rows_added),
                    "skipped": grouped(volume_import.rows_skipped),
                }
            )
        )

    def _confirmed(self, volume_import, yes, billed, confirm_billed):
        if billed and not confirm_billed:
            if yes and not self._interactive():
                raise self._refuse_billed(volume_import)
            question = _("Import, rows of billed months included? [j/N] ")
        elif yes:
            return True
        else:
            question = _("Import? [j/N] ")
        try:
            answer = input(question)
        except EOFError:
            answer = ""
        return answer.strip().lower() in YES

    def _interactive(self):
        return sys.stdin.isatty()

    def _refuse_billed(self, volume_import):
        self._discard(volume_import)
        return CommandError(
            _(
                "Nothing was imported: the file touches a billed month. Run again with "
                "--confirm-billed to import those rows as adjustments."
            )
        )

    def _discard(self, volume_import):
        # The command keeps nothing of a file it did not import: no record, no copy.
        services.volume_import_discard(volume_import_id=volume_import.pk, busy=False)

    def _unrecognised(self, volume_import):
        layout = volume_import.layout
        sample = layout.get("sample", {})
        lines = [layout.get("message", "")]
        lines += [
            f"{problem['column']}: {problem['message']}"
            if problem["column"]
            else problem["message"]
            for problem in layout.get("problems", [])
        ]
        found = {
            "row": sample.get("header_row", "-"),
            "headings": ", ".join(heading or "-" for heading in sample.get("headers", [])),
            "sheet": sample.get("sheet"),
        }
        lines.append(
            _("The headings of the sheet “%(sheet)s” (row %(row)s): %(headings)s.") % found
            if found["sheet"]
            else _("The file's headings (row %(row)s): %(headings)s.") % found
        )
        lines.append(
            _("Map the columns once on the upload page; the mapping is saved and used here too.")
        )
        return "\n".join(line for line in lines if line)

    def _preview(self, volume_import):
        self.stdout.write(
            _("%(file)s (%(shape)s): %(read)s, %(new)s new, %(skipped)s already imported.")
            % {
                "file": volume_import.file_name,
                "shape": volume_import.get_shape_display(),
                "read": rows(volume_import.rows_read),
                "new": grouped(volume_import.rows_read - volume_import.rows_skipped),
                "skipped": grouped(volume_import.rows_skipped),
            }
        )
        layout = volume_import.layout
        if layout.get("sheet"):
            read = _("The sheet “%(name)s” was read.") % {"name": layout["sheet"]}
            self.stdout.write(f"  {read}")
        for row, text in layout.get("skipped", []):
            self.stdout.write(_("  Row %(row)s skipped: %(text)s") % {"row": row, "text": text})
        for column in layout.get("scaled", []):
            self.stdout.write(f"  {scaled_note(*column)}")
        for row, text in layout.get("totals", []):
            self.stdout.write(
                _("  Row %(row)s left out as a total: %(text)s") % {"row": row, "text": text}
            )
        for letter, heading, hint in layout.get("ignored", []):
            self.stdout.write(
                _("  Column %(letter)s (%(heading)s) is not read. %(hint)s")
                % {"letter": letter, "heading": heading or "-", "hint": hint}
            )
        for row in selectors.volume_import_months(volume_import=volume_import):
            self.stdout.write(
                _("  %(month)s: %(rows)s, quantity %(quantity)s, %(new)s new%(billed)s")
                % {
                    "month": row.month,
                    "rows": rows(row.rows),
                    "quantity": grouped(row.quantity),
                    "new": grouped(row.new),
                    "billed": _(" (billed)") if row.billed else "",
                }
            )

    def _errors(self, volume_import):
        for error in volume_import.errors:
            where = ", ".join(
                str(part)
                for part in (
                    _("row %(row)s") % {"row": grouped(error["row"])} if error["row"] else "",
                    error["column"],
                )
                if part
            )
            self.stderr.write(f"{where}: {error['message']}" if where else error["message"])
        if volume_import.error_count > len(volume_import.errors):
            self.stderr.write(
                _("… and %(count)s more.")
                % {"count": grouped(volume_import.error_count - len(volume_import.errors))}
            )
