from django.db import transaction

from customers.models import Customer, CustomerContact, RoutineDeviation


@transaction.atomic
def customer_save(*, form) -> Customer:
    """Create or update a customer from a validated form (history records the user)."""
    customer = form.save(commit=False)
    customer.full_clean()
    customer.save()
    return customer


@transaction.atomic
def customer_set_active(*, customer: Customer, active: bool) -> Customer:
    # Customers are never deleted once they have records; deactivation keeps the history.
    customer.is_active = active
    customer.save(update_fields=["is_active"])
    return customer


def _save_part(customer, form):
    part = form.save(commit=False)
    part.customer = customer
    part.full_clean()
    part.save()
    return part


@transaction.atomic
def contact_save(*, customer: Customer, form) -> CustomerContact:
    return _save_part(customer, form)


@transaction.atomic
def contact_delete(*, contact: CustomerContact) -> None:
    contact.delete()


@transaction.atomic
def deviation_save(*, customer: Customer, form) -> RoutineDeviation:
    return _save_part(customer, form)


@transaction.atomic
def deviation_delete(*, deviation: RoutineDeviation) -> None:
    deviation.delete()
