from django.db import models

from customers.models import Customer, CustomerContact, RoutineDeviation
from ekonomi import access

# The customer's own parts go with it; everything else that points at a customer is a record
# of work done for it (agreements, invoices, log entries, bound users) and must survive it.
OWN_PARTS = {CustomerContact, RoutineDeviation}
BINDING_ON_DELETE = {models.CASCADE, models.PROTECT, models.RESTRICT}


def customer_list(*, user):
    return access.scope(
        Customer.objects.select_related("manager_unit", "contact_person"), user, "pk"
    )


def customer_choices(request):
    """The customers a list's filter offers: those the user may see (none without a request)."""
    if request is None:
        return Customer.objects.none()
    return access.scope(Customer.objects.order_by("code"), request.user, "pk")


def customer_get(*, user, code):
    return access.get_scoped_or_404(
        Customer.objects.select_related("manager_unit", "contact_person"), user, "pk", code=code
    )


def contact_get(*, user, code, pk):
    return access.get_scoped_or_404(
        CustomerContact.objects.select_related("customer"), user, customer__code=code, pk=pk
    )


def deviation_get(*, user, code, pk):
    return access.get_scoped_or_404(
        RoutineDeviation.objects.select_related("customer"), user, customer__code=code, pk=pk
    )


def customer_deviations(*, customer):
    return customer.deviations.order_by("-approved_on", "-pk")


def customer_has_records(*, customer):
    """True when anything but the customer's own parts refers to it and must survive it.

    Read from the model's relations, so that a later app's invoices or log entries count
    without this function knowing them.
    """
    for relation in Customer._meta.related_objects:
        if relation.related_model in OWN_PARTS:
            continue
        if relation.many_to_many or relation.on_delete in BINDING_ON_DELETE:
            manager = relation.related_model._base_manager
            if manager.filter(**{relation.field.name: customer}).exists():
                return True
    return False


def start_page_context(request):
    return {"customer_count": customer_list(user=request.user).filter(is_active=True).count()}
