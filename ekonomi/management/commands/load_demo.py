import json

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekonomi import commands


class Command(commands.Command):
    help = gettext_lazy(
        "Load the demo organisation (the 2012 plan) and one demo user per role. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            default=str(settings.BASE_DIR / "fixtures" / "demo_organisation.json"),
            help=_("the organisation file to load"),
        )
        parser.add_argument(
            "--organisation-only",
            action="store_true",
            help=_("skip the generated year of work (volumes, hours, invoices); used by tests"),
        )

    def handle(self, *args, **options):
        with open(options["file"], encoding="utf-8") as handle:
            data = json.load(handle)
        # Each app that has demo data loads its own part, in INSTALLED_APPS order, so that
        # the ground floor (customers) exists before what stands on it.
        with transaction.atomic():
            for config in apps.get_app_configs():
                loader = getattr(config, "load_demo", None)
                if loader is not None:
                    for line in loader(data, activity=not options["organisation_only"]):
                        self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(_("The demo data is loaded.")))
