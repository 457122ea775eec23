"""Small set-ups for the indicator tests: employees, volumes and targets of the tests' own."""

from datetime import date
from decimal import Decimal

from customers.models import Customer, Process, Unit
from ekonomi.periods import Month
from indicators.staffing.models import Employee, FteAdjustment, ProcessShare
from invoicing.prices.models import PriceItem
from invoicing.volumes.models import MonthlyVolume


def unit(code):
    return Unit.objects.get(code=code)


def employee(unit_code, shares, *, rate=100, start=date(2010, 1, 1), end=None, name="Test"):
    person = Employee.objects.create(
        name=name, unit=unit(unit_code), employment_rate=Decimal(rate), start=start, end=end
    )
    for code, share in shares.items():
        ProcessShare.objects.create(
            employee=person, process=Process.objects.get(code=code), share=Decimal(share)
        )
    return person


def adjust(unit_code, process, month, fte, kind=FteAdjustment.Kind.ABSENCE):
    return FteAdjustment.objects.create(
        unit=unit(unit_code),
        process=Process.objects.get(code=process),
        month=Month.parse(month).start,
        kind=kind,
        fte=Decimal(fte),
        comment="Test",
    )


def volume(customer_code, item_code, month, quantity):
    """A monthly volume straight into the table billing and indicators read."""
    month = Month.parse(month)
    item = PriceItem.objects.get(price_list__year=month.year, code=item_code)
    return MonthlyVolume.objects.create(
        customer=Customer.objects.get(code=customer_code),
        price_item=item,
        month=month.start,
        counted=quantity,
        quantity=quantity,
    )
