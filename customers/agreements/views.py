from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from customers import selectors
from customers.agreements import selectors as agreement_selectors
from customers.agreements import services as agreement_services
from customers.agreements import tasks
from customers.agreements.filters import AgreementFilter
from customers.agreements.forms import (
    AddendumForm,
    AgreementForm,
    NextYearForm,
    OnDateForm,
    SignForm,
)
from customers.agreements.pdf import agreement_pdf as render_agreement_pdf
from customers.agreements.services import NextYearResult
from customers.agreements.tables import AgreementTable
from customers.models import ServiceAgreement
from ekonomi import access, downloads, jobs, lists
from ekonomi.jobs import selectors as job_selectors


def _to_detail(agreement):
    return redirect("customers:agreement_detail", code=agreement.customer.code, year=agreement.year)


def _day_to_show(year):
    # Today when it falls in the agreement's year, otherwise the nearer end of that year.
    return min(max(timezone.localdate(), date(year, 1, 1)), date(year, 12, 31))


@access.allow(access.READ)
def agreement_list(request):
    return lists.table_page(
        request,
        queryset=agreement_selectors.agreement_list(user=request.user),
        filterset_class=AgreementFilter,
        table_class=AgreementTable,
        template="customers/agreement_list.html",
        export_name="serviceavtal",
        can_write=access.can(request.user, access.CUSTOMER_WRITE),
    )


@access.allow(access.READ)
def agreement_detail(request, code, year):
    agreement = agreement_selectors.agreement_for(user=request.user, code=code, year=year)
    form = OnDateForm(
        request.GET if "datum" in request.GET else None,
        agreement=agreement,
        initial={"datum": _day_to_show(year)},
    )
    on = form.cleaned_data["datum"] if form.is_valid() else form.initial["datum"]
    return render(
        request,
        "customers/agreement_detail.html",
        {
            "agreement": agreement,
            "customer": agreement.customer,
            "date_form": form,
            "on": on,
            "services": agreement_selectors.services_in_force(agreement=agreement, on=on).values(),
            "addenda": agreement.addenda.all(),
            "can_write": access.can(request.user, access.CUSTOMER_WRITE),
        },
    )


@access.allow(access.CUSTOMER_WRITE)
def agreement_create(request, code):
    customer = selectors.customer_get(user=request.user, code=code)
    form = AgreementForm(request.POST or None, year=timezone.localdate().year)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = agreement_services.agreement_create(
                customer=customer,
                year=form.cleaned_data["year"],
                services=form.terms(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("The agreement for %(year)s was created.") % {"year": agreement.year}
            )
            return _to_detail(agreement)
    return render(request, "customers/agreement_form.html", {"form": form, "customer": customer})


def _draft_or_redirect(request, agreement):
    if agreement.status == ServiceAgreement.Status.SIGNED:
        messages.warning(
            request, _("A signed agreement cannot be changed; record the change as an addendum.")
        )
        return _to_detail(agreement)
    return None


@access.allow(access.CUSTOMER_WRITE)
def agreement_edit(request, code, year):
    agreement = agreement_selectors.agreement_for(user=request.user, code=code, year=year)
    if signed := _draft_or_redirect(request, agreement):
        return signed
    form = AgreementForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_services.agreement_update(
                agreement=agreement, services=form.terms(), note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The agreement was saved."))
            return _to_detail(agreement)
    return render(
        request,
        "customers/agreement_form.html",
        {"form": form, "customer": agreement.customer, "agreement": agreement},
    )


@access.allow(access.CUSTOMER_WRITE)
def agreement_sign(request, code, year):
    agreement = agreement_selectors.agreement_for(user=request.user, code=code, year=year)
    if signed := _draft_or_redirect(request, agreement):
        return signed
    form = SignForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_services.agreement_sign(agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The agreement is signed."))
            return _to_detail(agreement)
    return render(
        request,
        "customers/agreement_sign.html",
        {"form": form, "customer": agreement.customer, "agreement": agreement},
    )


@access.allow(access.CUSTOMER_WRITE)
def addendum_create(request, code, year):
    agreement = agreement_selectors.agreement_for(user=request.user, code=code, year=year)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement_services.addendum_create(
                agreement=agreement, **{**data, "interface_text": data["interface_text"] or None}
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The addendum was saved."))
            return _to_detail(agreement)
    return render(
        request,
        "customers/agreement_addendum_form.html",
        {"form": form, "customer": agreement.customer, "agreement": agreement},
    )


@access.allow(access.READ)
def agreement_pdf(request, code, year):
    agreement = agreement_selectors.agreement_for(user=request.user, code=code, year=year)
    return downloads.file_response(
        render_agreement_pdf(agreement=agreement),
        filename=f"serviceavtal-{code}-{year}.pdf",
        content_type=downloads.PDF,
        inline=True,
    )


@access.allow(access.CUSTOMER_WRITE)
def agreements_next_year(request):
    job_id = request.GET.get("jobb", "")
    if request.method == "GET" and job_id.isdigit():
        job = job_selectors.job_for_user(user=request.user, pk=int(job_id))
        result = NextYearResult.from_dict(job.result) if job.is_done else None
        return render(request, "customers/agreement_next_year.html", {"job": job, "result": result})
    form = NextYearForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        job = jobs.start(
            tasks.agreements_copy_to_next_year,
            user=request.user,
            params={"year": year},
            unique_key=f"agreements-next-year-{year}",
        )
        return jobs.follow(job)
    return render(request, "customers/agreement_next_year.html", {"form": form})


def agreement_panel_context(request, customer):
    """Context for templates/customers/_agreement_panel.html on the customer page."""
    today = timezone.localdate()
    summary = agreement_selectors.agreement_summary(customer=customer, on=today)
    return {
        "agreement_summary": summary,
        "can_write_agreements": access.can(request.user, access.CUSTOMER_WRITE),
        "needs_agreement": summary.year < today.year or summary.agreement is None,
    }
