from django.db import transaction

from customers.models import Customer


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
