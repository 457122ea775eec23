from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from customers.models import Customer
from ekonomi import access, downloads, jobs, lists
from ekonomi.params import month_or_404, year_from
from invoicing import closing
from invoicing.billing import basis, pdf, selectors, services, tasks, workbook
from invoicing.billing.filters import InvoiceFilter
from invoicing.billing.forms import CreditForm, ErpSettingsForm, IssueForm, customer_account_forms
from invoicing.billing.models import ErpFile, ErpSettings
from invoicing.billing.tables import InvoiceTable

# Billing months ----------------------------------------------------------------------------


@access.allow(access.BILLING_READ)
def billing_months(request):
    years = selectors.billing_years()
    year = year_from(request, years)
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
    month = month_or_404(month)
    user = request.user
    context = {
        "month": month,
        "can_run": access.can(user, access.BILLING_RUN),
        "can_erp": access.can(user, access.BILLING_ERP),
        "job": selectors.latest_issue_job(month=month),
    }
    if closing.is_billed(month):
        context["invoices"] = selectors.month_invoices(user=user, month=month)
        context["erp_files"] = selectors.month_erp_files(month=month) if context["can_erp"] else []
        return render(request, "invoicing/billing_month_issued.html", context)
    customer = None
    if access.bound_customer_id(user) is not None:
        customer = user.customer
    preview = basis.billing_basis(month=month, customer=customer)
    context["preview"] = preview
    context["form"] = IssueForm(initial={"digest": preview.digest})
    return render(request, "invoicing/billing_month.html", context)


@require_POST
@access.allow(access.BILLING_RUN)
def billing_issue(request, month):
    month = month_or_404(month)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The preview could not be read. Look at it again."))
        return redirect("invoicing:billing_month", month=str(month))
    job = jobs.start(
        tasks.billing_issue,
        user=request.user,
        params={"month": str(month), "digest": form.cleaned_data["digest"]},
        result_url=reverse("invoicing:billing_month", args=[str(month)]),
        # A double click, or two managers at once, starts one issue of the month.
        unique_key=f"billing-issue-{month}",
    )
    return jobs.follow(job)


@access.allow(access.BILLING_READ)
def billing_workbook_download(request, month):
    month = month_or_404(month)
    if not closing.is_billed(month):
        raise Http404
    invoices = selectors.month_invoices(user=request.user, month=month)
    return downloads.file_response(
        workbook.month_workbook(month=month, invoices=invoices),
        filename=f"faktureringsunderlag-{month}.xlsx",
        content_type=downloads.XLSX,
    )


@access.allow(access.BILLING_ERP)
def erp_file_download(request, pk):
    erp_file = get_object_or_404(ErpFile, pk=pk)
    return downloads.file_response(
        bytes(erp_file.content),
        filename=erp_file.file_name,
        content_type="text/plain; charset=iso-8859-1",
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
    return downloads.file_response(
        pdf.invoice_pdf(invoice=invoice),
        filename=pdf.file_name(invoice),
        content_type=downloads.PDF,
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


# The customer page ---------------------------------------------------------------------


def customer_invoices_panel_context(request, customer):
    """Context for invoicing/_customer_invoices_panel.html on the customer page: invoices by
    month and the electronic-only comparison."""
    years = selectors.customer_billing_years(customer=customer)
    year = years[0] if years else None
    requested = request.GET.get("fakturaar", "")
    if requested.isdigit() and int(requested) in years:
        year = int(requested)
    return {
        "year": year,
        "years": years,
        "billing_months": selectors.customer_billing(customer=customer, year=year),
    }
