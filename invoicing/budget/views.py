from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ekonomi import access, downloads
from ekonomi.importing import import_page
from ekonomi.params import year_from
from ekonomi.uploads import upload_limit
from invoicing.budget import imports, selectors, services, workbook
from invoicing.budget.forms import BudgetForm, BudgetImportForm, CostOutcomeForm

# Twelve rows; the limit leaves room for a workbook with a few more sheets.
BUDGET_IMPORT_MAX_BYTES = 2 * 1024 * 1024


@access.allow(access.BUDGET_READ)
def budget(request):
    years = selectors.budget_years()
    year = year_from(request, years)
    followup = selectors.budget_followup(year=year)
    return render(
        request,
        "invoicing/budget.html",
        {
            "followup": followup,
            "totals": [
                (_("Year to date"), followup.year_to_date),
                (_("Full year"), followup.full_year),
                (_("Forecast, full year"), followup.forecast),
            ],
            "years": years,
            "can_write": access.can(request.user, access.BUDGET_WRITE),
        },
    )


def _grid(request, *, year, form_class, save, title, saved):
    form = form_class(request.POST or None, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            save(year=year, rows=form.month_rows())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, saved)
            return redirect(f"{reverse('invoicing:budget')}?ar={year}")
    return render(
        request, "invoicing/budget_form.html", {"form": form, "year": year, "title": title}
    )


@access.allow(access.BUDGET_WRITE)
def budget_edit(request, year):
    return _grid(
        request,
        year=year,
        form_class=BudgetForm,
        save=services.budget_save,
        title=_("Budget %(year)s") % {"year": year},
        saved=_("The budget was saved."),
    )


@access.allow(access.BUDGET_WRITE)
def budget_costs(request, year):
    return _grid(
        request,
        year=year,
        form_class=CostOutcomeForm,
        save=services.cost_outcome_save,
        title=_("Costs %(year)s as booked") % {"year": year},
        saved=_("The costs were saved."),
    )


@upload_limit(BUDGET_IMPORT_MAX_BYTES)
@access.allow(access.BUDGET_WRITE)
def budget_import(request, year):
    budget_url = f"{reverse('invoicing:budget')}?ar={year}"

    def done(result):
        messages.success(request, _("The budget was imported."))
        return redirect(budget_url)

    return import_page(
        request,
        schema=imports.SCHEMA,
        upload_form=BudgetImportForm,
        run=partial(imports.budget_import, year=year),
        done=done,
        template="invoicing/budget_import.html",
        context={"year": year, "cancel_url": budget_url},
    )


@access.allow(access.BUDGET_READ)
def budget_export(request, year):
    return downloads.file_response(
        workbook.budget_workbook(year=year, months=selectors.budget_months(year=year)),
        filename=f"budget-{year}.xlsx",
        content_type=downloads.XLSX,
    )
