from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers import selectors, services
from customers.filters import CustomerFilter
from customers.forms import CustomerForm
from customers.tables import CustomerTable
from ekonomi import access, lists


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
            "deviations": customer.deviations.all(),
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
