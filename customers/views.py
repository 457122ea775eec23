from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers import selectors, services
from customers.filters import CustomerFilter
from customers.forms import ContactForm, CustomerForm, DeviationForm
from customers.tables import CustomerTable
from ekonomi import access, lists
from ekonomi.panels import customer_page


@access.allow(access.READ)
def customer_list(request):
    return lists.table_page(
        request,
        queryset=selectors.customer_list(user=request.user),
        filterset_class=CustomerFilter,
        table_class=CustomerTable,
        template="customers/customer_list.html",
        export_name="kunder",
        can_write=access.can(request.user, access.CUSTOMER_WRITE),
    )


@access.allow(access.READ)
def customer_detail(request, code):
    customer = selectors.customer_get(user=request.user, code=code)
    return render(
        request,
        "customers/customer_detail.html",
        {
            "customer": customer,
            "contacts": customer.contacts.all(),
            "deviations": selectors.customer_deviations(customer=customer),
            "panels": customer_page.render(request, customer=customer),
            "can_write": access.can(request.user, access.CUSTOMER_WRITE),
        },
    )


@access.allow(access.CUSTOMER_WRITE)
def customer_create(request):
    form = CustomerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        customer = services.customer_save(form=form)
        messages.success(request, _("Customer %(code)s was created.") % {"code": customer.code})
        return redirect("customers:detail", code=customer.code)
    return render(request, "customers/customer_form.html", {"form": form})


@access.allow(access.CUSTOMER_WRITE)
def customer_edit(request, code):
    customer = selectors.customer_get(user=request.user, code=code)
    form = CustomerForm(request.POST or None, instance=customer)
    if request.method == "POST" and form.is_valid():
        customer = services.customer_save(form=form)
        messages.success(request, _("The customer was saved."))
        return redirect("customers:detail", code=customer.code)
    return render(request, "customers/customer_form.html", {"form": form, "customer": customer})


@require_POST
@access.allow(access.CUSTOMER_WRITE)
def customer_set_active(request, code):
    customer = selectors.customer_get(user=request.user, code=code)
    active = request.POST.get("active") == "1"
    services.customer_set_active(customer=customer, active=active)
    if active:
        messages.success(request, _("The customer was reactivated."))
    else:
        messages.success(request, _("The customer was deactivated."))
    return redirect("customers:detail", code=customer.code)


def _part_form(request, *, customer, form, save, title, saved):
    """Add or edit a contact person or deviation; both live on the customer page."""
    if request.method == "POST" and form.is_valid():
        save(customer=customer, form=form)
        messages.success(request, saved)
        return redirect("customers:detail", code=customer.code)
    return render(
        request,
        "customers/customer_part_form.html",
        {"customer": customer, "form": form, "title": title},
    )


def _part_delete(request, *, part, delete, question, deleted):
    customer = part.customer
    if request.method == "POST":
        delete()
        messages.success(request, deleted)
        return redirect("customers:detail", code=customer.code)
    return render(
        request,
        "customers/customer_part_delete.html",
        {"customer": customer, "part": part, "question": question},
    )


@access.allow(access.CUSTOMER_WRITE)
def contact_create(request, code):
    return _part_form(
        request,
        customer=selectors.customer_get(user=request.user, code=code),
        form=ContactForm(request.POST or None),
        save=services.contact_save,
        title=_("New contact person"),
        saved=_("The contact person was saved."),
    )


@access.allow(access.CUSTOMER_WRITE)
def contact_edit(request, code, pk):
    contact = selectors.contact_get(user=request.user, code=code, pk=pk)
    return _part_form(
        request,
        customer=contact.customer,
        form=ContactForm(request.POST or None, instance=contact),
        save=services.contact_save,
        title=_("Edit contact person"),
        saved=_("The contact person was saved."),
    )


@access.allow(access.CUSTOMER_WRITE)
def contact_delete(request, code, pk):
    contact = selectors.contact_get(user=request.user, code=code, pk=pk)
    return _part_delete(
        request,
        part=contact,
        delete=lambda: services.contact_delete(contact=contact),
        question=_("Remove the contact person %(name)s?") % {"name": contact.name},
        deleted=_("The contact person was removed."),
    )


@access.allow(access.CUSTOMER_WRITE)
def deviation_create(request, code):
    return _part_form(
        request,
        customer=selectors.customer_get(user=request.user, code=code),
        form=DeviationForm(request.POST or None),
        save=services.deviation_save,
        title=_("New deviating routine"),
        saved=_("The deviating routine was saved."),
    )


@access.allow(access.CUSTOMER_WRITE)
def deviation_edit(request, code, pk):
    deviation = selectors.deviation_get(user=request.user, code=code, pk=pk)
    return _part_form(
        request,
        customer=deviation.customer,
        form=DeviationForm(request.POST or None, instance=deviation),
        save=services.deviation_save,
        title=_("Edit deviating routine"),
        saved=_("The deviating routine was saved."),
    )


@access.allow(access.CUSTOMER_WRITE)
def deviation_delete(request, code, pk):
    deviation = selectors.deviation_get(user=request.user, code=code, pk=pk)
    return _part_delete(
        request,
        part=deviation,
        delete=lambda: services.deviation_delete(deviation=deviation),
        question=_("Remove the deviating routine approved %(date)s?")
        % {"date": deviation.approved_on.isoformat()},
        deleted=_("The deviating routine was removed."),
    )
