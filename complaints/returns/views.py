from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.filters import PeriodField
from complaints.forms import register_initial
from complaints.models import ReturnedDocument, ReturnReason
from complaints.returns import selectors, services
from complaints.returns.filters import ReturnedDocumentFilter
from complaints.returns.forms import ReturnedDocumentForm, ReturnReasonForm
from complaints.returns.messages import draft_message
from complaints.returns.tables import ReturnedDocumentTable
from ekonomi import access, downloads, exports, lists
from ekonomi.periods import Year


@access.allow(access.READ)
def returned_list(request):
    return lists.table_page(
        request,
        queryset=selectors.returned_list(user=request.user),
        filterset_class=ReturnedDocumentFilter,
        table_class=ReturnedDocumentTable,
        template="complaints/returned_list.html",
        export_name="aterskickade-underlag",
        can_record=access.can(request.user, access.CONTACT_WRITE),
    )


@access.allow(access.CONTACT_WRITE)
def returned_create(request):
    initial = register_initial(
        user=request.user, customer_code=request.GET.get("kund"), today=timezone.localdate()
    )
    initial["returned_on"] = initial.pop("received_on")
    form = ReturnedDocumentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.returned_document_register(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The returned document was recorded. Copy the message below.")
            )
            return redirect("complaints:returned_detail", pk=document.pk)
    return render(request, "complaints/returned_form.html", {"form": form})


@access.allow(access.READ)
def returned_detail(request, pk):
    document = selectors.returned_get(user=request.user, pk=pk)
    return render(
        request,
        "complaints/returned_detail.html",
        {"document": document, "message": draft_message(document)},
    )


class StatisticsForm(forms.Form):
    period = PeriodField(label=gettext_lazy("Period (2012-03, 2012-T2 or 2012)"))


@access.allow(access.READ)
def returned_statistics(request):
    latest = ReturnedDocument.objects.order_by("-returned_on").values_list("returned_on", flat=True)
    default = Year((latest.first() or timezone.localdate()).year)
    form = StatisticsForm(request.GET if "period" in request.GET else None)
    context = {"form": form}
    if form.is_bound and not form.is_valid():
        return render(request, "complaints/returned_statistics.html", context)
    period = form.cleaned_data["period"] if form.is_bound else default
    statistics = selectors.statistics(selectors.returned_list(user=request.user), period)
    if request.GET.get("export") == "xlsx":
        return _statistics_workbook(period, statistics)
    return render(
        request,
        "complaints/returned_statistics.html",
        {**context, "period": period, **statistics},
    )


def _statistics_workbook(period, statistics):
    """Per customer and reason, the table a customer is shown; through the shared exporter."""
    headers = [_("Customer"), *[r.name for r in statistics["reasons"]], _("Total")]
    rows = [[customer, *counts, total] for customer, counts, total in statistics["reason_rows"]]
    rows.append([_("Total"), *statistics["reason_totals"], statistics["total"]])
    content = exports.write_xlsx(headers, rows, str(period))
    return downloads.file_response(
        content, filename=f"aterskickade-underlag-{period}.xlsx", content_type=downloads.XLSX
    )


@access.allow(access.CONTACT_WRITE)
def reason_list(request):
    return render(
        request,
        "complaints/reason_list.html",
        {
            "reasons": ReturnReason.objects.all(),
            "can_edit": access.can(request.user, access.RETURN_REASON_WRITE),
        },
    )


def _reason_form(request, reason):
    form = ReturnReasonForm(request.POST or None, instance=reason)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_reason_save(form=form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The reason was saved."))
            return redirect("complaints:reason_list")
    return render(request, "complaints/reason_form.html", {"form": form, "reason": reason})


@access.allow(access.RETURN_REASON_WRITE)
def reason_create(request):
    return _reason_form(request, None)


@access.allow(access.RETURN_REASON_WRITE)
def reason_edit(request, pk):
    return _reason_form(request, get_object_or_404(ReturnReason, pk=pk))
