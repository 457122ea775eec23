import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ekonomi.lists import NUMERIC
from indicators.staffing.models import Employee
from indicators.templatetags.indicators import pct


class EmployeeTable(tables.Table):
    name = tables.Column(linkify=("indicators:employee_edit", {"pk": tables.A("pk")}))
    unit = tables.Column(order_by=("unit__code", "name"))
    employment_rate = tables.Column(attrs=NUMERIC)
    processes = tables.Column(verbose_name=_("Processes"), empty_values=(), orderable=False)

    class Meta:
        model = Employee
        fields = ["name", "unit", "employment_rate", "start", "end", "processes"]
        order_by = ("unit", "name")
        empty_text = _("No employees match the filter.")

    def render_employment_rate(self, value):
        return pct(value)

    def value_employment_rate(self, value):
        return value

    def render_processes(self, record):
        return ", ".join(
            f"{share.process.code} {pct(share.share)}" for share in record.shares.all()
        )

    def value_processes(self, record):
        return self.render_processes(record)
