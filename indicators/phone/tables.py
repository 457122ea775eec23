import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ekonomi.lists import NUMERIC
from indicators.phone.models import TestCall


class TestCallTable(tables.Table):
    called_at = tables.DateTimeColumn(format="Y-m-d H:i")
    unit = tables.Column(order_by=("unit__code", "-called_at"))
    answered = tables.Column()
    wait_seconds = tables.Column(attrs=NUMERIC)

    class Meta:
        model = TestCall
        fields = ["called_at", "unit", "number", "answered", "wait_seconds", "note"]
        order_by = "-called_at"
        empty_text = _("No test calls match the filter.")

    def render_answered(self, value):
        return _("Yes") if value else _("No")

    def value_answered(self, value):
        return str(self.render_answered(value))
