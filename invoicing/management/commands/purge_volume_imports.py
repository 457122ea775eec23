from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ekonomi import commands
from invoicing.volumes import services


class Command(commands.Command):
    help = gettext_lazy(
        "List, and remove with their files, volume imports that were never carried out "
        "(refused, or left at the column mapping or the preview) and are older than "
        "VOLUME_IMPORT_UNFINISHED_RETENTION_DAYS days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, help=_("age in days (default: the retention setting)")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("only list them"))

    def handle(self, *args, days, dry_run, **options):
        if days is None:
            days = settings.VOLUME_IMPORT_UNFINISHED_RETENTION_DAYS
        older_than = timezone.now() - timedelta(days=days)
        if dry_run:
            found = services.volume_imports_unfinished(older_than=older_than)
        else:
            found = services.volume_imports_purge(older_than=older_than)
        for volume_import in found:
            self.stdout.write(
                f"{volume_import.pk}\t{volume_import.created_at:%Y-%m-%d %H:%M}\t"
                f"{volume_import.get_status_display()}\t{volume_import.file_name}"
            )
        self.stdout.write(
            (
                ngettext(
                    "%(count)s import would be removed.",
                    "%(count)s imports would be removed.",
                    len(found),
                )
                if dry_run
                else ngettext("%(count)s import removed.", "%(count)s imports removed.", len(found))
            )
            % {"count": len(found)}
        )
