"""The customer page's invoice panel: invoices by month and the electronic-only comparison."""

from customers import panels
from ekonomi import access
from invoicing import billing_selectors

TEMPLATE = "invoicing/_customer_invoices_panel.html"


def customer_invoices_context(request, customer):
    years = billing_selectors.customer_billing_years(customer=customer)
    year = years[0] if years else None
    requested = request.GET.get("fakturaar", "")
    if requested.isdigit() and int(requested) in years:
        year = int(requested)
    return {
        "year": year,
        "years": years,
        "billing_months": billing_selectors.customer_billing(customer=customer, year=year),
    }


def register():
    panels.register(TEMPLATE, customer_invoices_context, rule=access.BILLING_READ)
