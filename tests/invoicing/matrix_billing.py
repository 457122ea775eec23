from decimal import Decimal

from django.utils import timezone

from customers.models import User
from invoicing.models import BilledMonth, ErpFile, Invoice, PriceList
from tests.matrix import everyone, only, scoped

BILLERS = {"admin", "unit_manager"}
ERP = {"admin", "head", "unit_manager"}
BUDGET_READERS = {"admin", "head", "unit_manager", "controller"}
BUDGET_WRITERS = {"admin", "head"}
# 2099: a year no demo data reaches, so the rows' objects never collide with it.
MONTH = "2099-01"

ROWS = {
    "invoicing:index": [("get", {}, None, everyone(302))],
    "invoicing:billing_months": [("get", {}, None, everyone())],
    "invoicing:billing_month": [("get", {"month": MONTH}, None, everyone())],
    "invoicing:billing_issue": [
        ("post", {"month": "2099-02"}, {"digest": "0" * 64}, only(BILLERS, 302))
    ],
    "invoicing:billing_workbook": [("get", {"month": MONTH}, None, everyone())],
    "invoicing:erp_file": [("get", {"pk": "erp_file"}, None, only(ERP))],
    "invoicing:erp_settings": [("get", {}, None, only({"admin"}))],
    "invoicing:invoice_list": [("get", {}, None, everyone())],
    "invoicing:invoice_detail": [
        ("get", {"number": "own_invoice"}, None, everyone()),
        ("get", {"number": "other_invoice"}, None, scoped(everyone())),
    ],
    "invoicing:invoice_pdf": [
        ("get", {"number": "own_invoice"}, None, everyone()),
        ("get", {"number": "other_invoice"}, None, scoped(everyone())),
    ],
    "invoicing:invoice_credit": [
        ("get", {"number": "own_invoice"}, None, only(BILLERS)),
        ("get", {"number": "other_invoice"}, None, only(BILLERS)),
    ],
    "invoicing:budget": [("get", {}, None, only(BUDGET_READERS))],
    "invoicing:budget_export": [("get", {"year": 2099}, None, only(BUDGET_READERS))],
    "invoicing:budget_edit": [("get", {"year": 2099}, None, only(BUDGET_WRITERS))],
    "invoicing:budget_costs": [("get", {"year": 2099}, None, only(BUDGET_WRITERS))],
    "invoicing:budget_import": [("get", {"year": 2099}, None, only(BUDGET_WRITERS))],
}


def placeholders(own_customer, other_customer):
    """One issued invoice for each customer, an ERP file and a billing run, in 2099-01."""
    manager = User.objects.get(username="enhetschef")
    price_list = PriceList.objects.order_by("year").first()
    BilledMonth.objects.get_or_create(month=timezone.datetime(2099, 1, 1).date())
    values = {}
    for sequence, (name, customer) in enumerate(
        (("own", own_customer), ("other", other_customer)), start=1
    ):
        invoice = Invoice.objects.create(
            number=Invoice.format_number(2099, sequence),
            year=2099,
            sequence=sequence,
            kind=Invoice.Kind.INVOICE,
            customer=customer,
            month=timezone.datetime(2099, 1, 1).date(),
            price_list=price_list,
            total=Decimal("0.00"),
            issued_at=timezone.now(),
            issued_by=manager,
        )
        values[f"{name}_invoice"] = invoice.number
    values["erp_file"] = ErpFile.objects.create(
        batch_id="FAKT-2099-01", month="2099-01-01", content=b"", sha256="", line_count=0
    ).pk
    return values
