"""The budget from a file (the exported workbook filled in, or any CSV/Excel with a month and
the three amounts), read by the shared tabular reader: every error by row and column, and the
budget of the year replaced month by month only when the whole file is right."""

from dataclasses import dataclass, replace
from functools import partial

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekonomi.importing import ImportRefused, ReadNotes, Tally, refused
from ekonomi.periods import Month
from ekonomi.tabular import Field, FileError, FileProblem, Schema, open_table, values
from ekonomi.tabular import fields as common
from invoicing.budget.services import budget_save


def _month(value):
    """A month, or a month of the budget's year named alone ("januari", "jan", 1): a year's
    budget is often kept that way. budget_import sets the year."""
    try:
        return values.parse_month(value)
    except ValueError:
        number = values.month_number(value)
        if number is None:
            raise
        return number


def _money(key, label, *names):
    return Field(
        key,
        label,
        synonyms=names,
        parse=partial(values.parse_amount, allow_negative=False),
        summed=True,
        money=True,
    )


# The export's own headings (budget_headers, in Swedish and English) are among the synonyms, so
# that the exported workbook reads back.
SCHEMA = Schema.single(
    "budget",
    [
        replace(common.MONTH, parse=_month),
        _money(
            "revenue",
            gettext_lazy("Revenue"),
            "Intäkter",
            "Intäkt",
            "Budgeterade intäkter",
            "Omsättning",
            "Revenue",
            "Revenues",
            "Income",
            "Turnover",
        ),
        _money(
            "staff_costs",
            gettext_lazy("Staff costs"),
            "Personal",
            "Personalkostnader",
            "Personalkostnad",
            "Lönekostnader",
            "Staff",
            "Staff costs",
            "Personnel costs",
            "Salaries",
        ),
        _money(
            "other_costs",
            gettext_lazy("Premises, administration, IT etc."),
            "Övrigt",
            "Övriga kostnader",
            "Övriga",
            "Lokaler, administration, IT m.m.",
            "Lokaler m.m.",
            "Other",
            "Other costs",
            "Premises, administration, IT etc.",
        ),
    ],
)
AMOUNTS = ("revenue", "staff_costs", "other_costs")


@dataclass
class BudgetImported:
    year: int
    months: int
    notes: ReadNotes
    new: int

    @property
    def tally(self):
        return Tally(read=self.months, new=self.new, present=self.months - self.new)


def budget_import(*, year: int, path, file_name: str = "") -> BudgetImported:
    """Read the budget of `year` from the file at `path` and save it; the months in the file
    replace those of the budget. ImportRefused lists every error, and then nothing is saved."""
    rows, first_row_of = {}, {}
    try:
        with open_table(path, SCHEMA) as table:
            errors = table.errors
            for row, record in table.records():
                month = record["month"]
                if isinstance(month, int):
                    month = Month(year, month)
                if month.year != year:
                    errors.add(
                        row,
                        SCHEMA.label("month"),
                        _("%(month)s is not in %(year)s.") % {"month": month, "year": year},
                    )
                    continue
                earlier = first_row_of.setdefault(month.month, row)
                if earlier != row:
                    errors.add(
                        row,
                        SCHEMA.label("month"),
                        _("Row %(row)s already has %(month)s.") % {"row": earlier, "month": month},
                    )
                    continue
                rows[month.month] = {key: record[key] for key in AMOUNTS}
            notes = ReadNotes.of(table)
    except FileProblem as problem:
        raise refused(problem) from problem
    if errors:
        raise ImportRefused(errors.sorted())
    try:
        new = budget_save(year=year, rows=rows)
    except ValidationError as error:
        raise ImportRefused([FileError(None, "", message) for message in error.messages]) from None
    return BudgetImported(year, len(rows), notes, new)
