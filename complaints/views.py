from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import selectors, services
from complaints.filters import ComplaintFilter
from complaints.forms import ComplaintEditForm, ComplaintForm, register_initial
from complaints.tables import ComplaintTable, answer_state
from ekonomi import access, lists


@access.allow(access.READ)
def complaint_list(request):
    return lists.table_page(
        request,
        queryset=selectors.complaint_list(user=request.user),
        filterset_class=ComplaintFilter,
        table_class=ComplaintTable,
        template="complaints/complaint_list.html",
        export_name="klagomal",
        can_record=access.can(request.user, access.CONTACT_WRITE),
    )


def _saved(request, form, save):
    """Run the service; its rule errors go back onto the form, so nothing typed is lost."""
    try:
        return save(**form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@access.allow(access.CONTACT_WRITE)
def complaint_create(request):
    initial = register_initial(
        user=request.user, customer_code=request.GET.get("kund"), today=timezone.localdate()
    )
    form = ComplaintForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        complaint = _saved(
            request,
            form,
            lambda **fields: services.complaint_register(actor=request.user, **fields),
        )
        if complaint is not None:
            messages.success(
                request,
                _("Registered. The customer should have an answer by %(date)s.")
                % {"date": complaint.answer_due.isoformat()},
            )
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "complaints/complaint_form.html", {"form": form})


@access.allow(access.READ)
def complaint_detail(request, pk):
    complaint = selectors.complaint_get(user=request.user, pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "complaints/complaint_detail.html",
        {
            "complaint": complaint,
            "answer_state": answer_state(complaint, today),
            "overdue": complaint.is_overdue(today),
            "can_record": access.can(request.user, access.CONTACT_WRITE),
            "can_see_history": access.can(request.user, access.HISTORY),
        },
    )


@access.allow(access.CONTACT_WRITE)
def complaint_edit(request, pk):
    complaint = selectors.complaint_get(user=request.user, pk=pk)
    form = ComplaintEditForm(request.POST or None, instance=complaint)
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            request,
            form,
            lambda **fields: services.complaint_update(
                actor=request.user, complaint=complaint, **fields
            ),
        )
        if saved is not None:
            messages.success(request, _("The complaint was saved."))
            return redirect("complaints:detail", pk=saved.pk)
    return render(request, "complaints/complaint_form.html", {"form": form, "complaint": complaint})
