from django.db.models import Count, Q

from customers.models import Customer, ServiceAgreement
from ekonomi import access


def customer_list(*, user):
    return access.scope(
        Customer.objects.select_related("manager_unit", "contact_person"), user, "pk"
    )


def customer_get(*, user, code):
    return access.get_scoped_or_404(
        Customer.objects.select_related("manager_unit", "contact_person"), user, "pk", code=code
    )


def customer_has_records(*, customer):
    """True when the customer is referred to by anything that must survive it."""
    return ServiceAgreement.objects.filter(customer=customer).exists()


def customer_counts(*, user):
    return customer_list(user=user).aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(is_active=True))
    )
