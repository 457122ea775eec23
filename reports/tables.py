import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from ekonomi.lists import NUMERIC


class ReportTable(tables.Table):
    caption = _("Archived reports")
    period = tables.Column(
        verbose_name=_("Period"), linkify=lambda record: reverse("reports:detail", args=[record.pk])
    )
    kind = tables.Column(verbose_name=_("Report"))
    customer = tables.Column(
        verbose_name=_("Scope"), accessor="customer__code", default=_("Whole report")
    )
    status = tables.Column(verbose_name=_("Status"))
    version = tables.Column(verbose_name=_("Version"), attrs=NUMERIC)
    origin = tables.Column(verbose_name=_("Made by"))
    produced_at = tables.DateTimeColumn(verbose_name=_("Produced"), format="Y-m-d H:i")
    pages = tables.Column(verbose_name=_("Pages"), attrs=NUMERIC)
    files = tables.Column(
        verbose_name=_("Download"), empty_values=(), orderable=False, exclude_from_export=True
    )

    class Meta:
        order_by = ("-produced_at",)
        empty_text = _("No reports are archived for the filter.")

    def render_files(self, record):
        return format_html_join(
            " · ",
            '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
            (
                (
                    reverse("reports:download", args=[record.pk, f.format]),
                    f.get_format_display(),
                    f"{record.get_kind_display()} {record.period}",
                )
                for f in record.files.all()
            ),
        )

    def value_files(self, record):
        return ""
