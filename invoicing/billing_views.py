from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from customers.models import Customer
from ekonomi import access, lists
from ekonomi.periods import Month
from invoicing import billing_pdf, billing_tasks, billing_workbook
from invoicing import billing_selectors as selectors
from invoicing import billing_services as services
from invoicing.billing_filters import InvoiceFilter
from invoicing.billing_forms import (
    BudgetForm,
    BudgetImportForm,
    CostOutcomeForm,
    CreditForm,
    ErpSettingsForm,
    IssueForm,
    customer_account_forms,
)
from invoicing.billing_tables import InvoiceTable
from invoicing.models import BillingRun, ErpFile, ErpSettings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month(text) -> Month:
    try:
        month = Month.parse(text)
        # The page links to the months on either side; both must exist.
        month.previous(), month.next()
    except ValueError:
        raise Http404 from None
    return month


def _download(content, *, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _year(request, years):
    try:
        return int(request.GET.get("ar") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        raise Http404 from None


# Billing months ----------------------------------------------------------------------------


@access.allow(access.BILLING_READ)
def billing_months(request):
    years = selectors.billing_years()
    year = _year(request, years)
    return render(
        request,
        "invoicing/billing_months.html",
        {
            "year": year,
            "years": years,
            "months": selectors.billing_months(user=request.user, year=year),
            "can_run": access.can(request.user, access.BILLING_RUN),
            "can_budget": access.can(request.user, access.BUDGET_READ),
            "can_erp_settings": access.can(request.user, access.ERP_SETTINGS_WRITE),
        },
    )


@access.allow(access.BILLING_READ)
def billing_month(request, month):
    month = _month(month)
    user = request.user
    context = {
        "month": month,
        "can_run": access.can(user, access.BILLING_RUN),
        "can_erp": access.can(user, access.BILLING_ERP),
        "run": selectors.latest_run(month=month),
    }
    if selectors.is_billed(month):
        context["invoices"] = selectors.month_invoices(user=user, month=month)
        context["erp_files"] = selectors.month_erp_files(month=month) if context["can_erp"] else []
        return render(request, "invoicing/billing_month_issued.html", context)
    customer = None
    if access.bound_customer_id(user) is not None:
        customer = user.customer
    preview = selectors.billing_basis(month=month, customer=customer)
    context["preview"] = preview
    context["form"] = IssueForm(initial={"digest": preview.digest})
    return render(request, "invoicing/billing_month.html", context)


@require_POST
@access.allow(access.BILLING_RUN)
def billing_issue(request, month):
    month = _month(month)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The preview could not be read. Look at it again."))
        return redirect("invoicing:billing_month", month=str(month))
    run = services.billing_run_create(
        month=month, user=request.user, digest=form.cleaned_data["digest"]
    )
    transaction.on_commit(lambda: billing_tasks.billing_run_execute.delay(run.pk))
    return redirect("invoicing:billing_run", pk=run.pk)


@access.allow(access.BILLING_RUN)
def billing_run(request, pk):
    run = get_object_or_404(BillingRun.objects.select_related("requested_by"), pk=pk)
    return render(request, "invoicing/billing_run.html", {"run": run, "month": run.period})


@access.allow(access.BILLING_READ)
def billing_workbook_download(request, month):
    month = _month(month)
    if not selectors.is_billed(month):
        raise Http404
    invoices = selectors.month_invoices(user=request.user, month=month)
    return _download(
        billing_workbook.month_workbook(month=month, invoices=invoices),
        content_type=XLSX,
        name=f"faktureringsunderlag-{month}.xlsx",
    )


@access.allow(access.BILLING_ERP)
def erp_file_download(request, pk):
    erp_file = get_object_or_404(ErpFile, pk=pk)
    return _download(
        bytes(erp_file.content),
        content_type="text/plain; charset=iso-8859-1",
        name=erp_file.file_name,
    )


# Invoices ------------------------------------------------------------------------------------


@access.allow(access.BILLING_READ)
def invoice_list(request):
    return lists.table_page(
        request,
        queryset=selectors.invoices(user=request.user),
        filterset_class=InvoiceFilter,
        table_class=InvoiceTable,
        template="invoicing/invoice_list.html",
        export_name="fakturor",
    )


@require_safe
@access.allow(access.BILLING_READ)
def invoice_detail(request, number):
    invoice = selectors.invoice_get(user=request.user, number=number)
    lines = list(selectors.invoice_lines(invoice=invoice))
    regular = [line for line in lines if not line.is_adjustment]
    adjustments = [line for line in lines if line.is_adjustment]
    return render(
        request,
        "invoicing/invoice_detail.html",
        {
            "invoice": invoice,
            "regular_lines": regular,
            "regular_total": sum((line.amount for line in regular), Decimal("0.00")),
            "adjustment_lines": adjustments,
            "adjustment_total": sum((line.amount for line in adjustments), Decimal("0.00")),
            "credit_note": selectors.credit_note_of(invoice),
            "can_credit": access.can(request.user, access.BILLING_RUN)
            and not invoice.is_credit_note,
        },
    )


@access.allow(access.BILLING_READ)
def invoice_pdf(request, number):
    invoice = selectors.invoice_get(user=request.user, number=number)
    return _download(
        billing_pdf.invoice_pdf(invoice=invoice),
        content_type="application/pdf",
        name=billing_pdf.file_name(invoice),
    )


@access.allow(access.BILLING_RUN)
def invoice_credit(request, number):
    invoice = selectors.invoice_get(user=request.user, number=number)
    form = CreditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            credit_note, new_invoice = services.invoice_correct(
                invoice=invoice,
                user=request.user,
                reason=form.cleaned_data["reason"],
                reissue=form.cleaned_data["reissue"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Credit note %(number)s was issued.") % {"number": credit_note.number},
            )
            if new_invoice is not None:
                messages.success(
                    request,
                    _("Invoice %(number)s was issued.") % {"number": new_invoice.number},
                )
                return redirect("invoicing:invoice_detail", number=new_invoice.number)
            return redirect("invoicing:invoice_detail", number=credit_note.number)
    return render(request, "invoicing/invoice_credit.html", {"invoice": invoice, "form": form})


# ERP settings ----------------------------------------------------------------------------


@access.allow(access.ERP_SETTINGS_WRITE)
def erp_settings(request):
    data = request.POST or None
    form = ErpSettingsForm(data, instance=ErpSettings.current())
    accounts = customer_account_forms(Customer.objects.order_by("code"), data)
    if request.method == "POST":
        account_forms = [account_form for _customer, account_form in accounts]
        if form.is_valid() and all(f.is_valid() for f in account_forms):
            services.erp_settings_save(form=form, account_forms=account_forms)
            messages.success(request, _("The ERP settings were saved."))
            return redirect("invoicing:erp_settings")
    return render(
        request, "invoicing/billing_erp_settings.html", {"form": form, "accounts": accounts}
    )


# Budget ----------------------------------------------------------------------------------


@access.allow(access.BUDGET_READ)
def budget(request):
    years = selectors.budget_years()
    year = _year(request, years)
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


@access.allow(access.BUDGET_WRITE)
def budget_import(request, year):
    form = BudgetImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = billing_workbook.read_budget(year=year, upload=form.cleaned_data["file"])
            services.budget_save(year=year, rows=rows)
        except billing_workbook.BudgetFileError as error:
            for message in error.messages:
                form.add_error("file", message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The budget was imported."))
            return redirect(f"{reverse('invoicing:budget')}?ar={year}")
    return render(request, "invoicing/budget_import.html", {"form": form, "year": year})


@access.allow(access.BUDGET_READ)
def budget_export(request, year):
    return _download(
        billing_workbook.budget_workbook(year=year, months=selectors.budget_months(year=year)),
        content_type=XLSX,
        name=f"budget-{year}.xlsx",
    )
