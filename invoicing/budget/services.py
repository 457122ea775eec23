from django.db import transaction

from invoicing.budget.models import BudgetMonth, CostOutcome

BUDGET_FIELDS = ["revenue", "staff_costs", "other_costs"]
COST_FIELDS = ["staff_costs", "other_costs"]


def _save_months(model, fields, *, year: int, rows: dict[int, dict]) -> int:
    """Save the months of `rows`; how many of them were new."""
    existing = {record.month: record for record in model.objects.filter(year=year)}
    new = 0
    for month, values in sorted(rows.items()):
        record = existing.get(month) or model(year=year, month=month)
        new += record.pk is None
        if record.pk and all(getattr(record, name) == values[name] for name in fields):
            # Unchanged: saving it anyway would put an empty version in the audit trail.
            continue
        for name in fields:
            setattr(record, name, values[name])
        record.full_clean()
        record.save()
    return new


@transaction.atomic
def budget_save(*, year: int, rows: dict[int, dict]) -> int:
    """rows: {month number: {"revenue": Decimal, "staff_costs": …, "other_costs": …}}. Returns
    how many of the months were not in the budget before."""
    return _save_months(BudgetMonth, BUDGET_FIELDS, year=year, rows=rows)


@transaction.atomic
def cost_outcome_save(*, year: int, rows: dict[int, dict]) -> None:
    _save_months(CostOutcome, COST_FIELDS, year=year, rows=rows)
