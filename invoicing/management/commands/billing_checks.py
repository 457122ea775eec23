from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ekonomi import commands
from invoicing.billing import reconciliation


class Command(commands.Command):
    help = gettext_lazy(
        "Check the invoice number series, issued invoices against their volumes, hours and "
        "prices, and the ERP files against their invoices; the nightly beat job runs the same "
        "checks."
    )

    def handle(self, *args, **options):
        run = reconciliation.run_checks()
        for note in run.notes.all():
            self.stdout.write(f"{note.get_check_name_display()}: {note.message}")
        failures = list(run.failures.all())
        for failure in failures:
            self.stdout.write(f"{failure.get_check_name_display()}: {failure.message}")
        if failures:
            # A non-zero exit, so that cron or CI running the command notices.
            raise CommandError(
                ngettext(
                    "%(count)s billing check failed.",
                    "%(count)s billing checks failed.",
                    len(failures),
                )
                % {"count": len(failures)}
            )
        self.stdout.write(self.style.SUCCESS(_("All billing checks passed.")))
