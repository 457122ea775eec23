import json

import pytest
from django.conf import settings
from django.db.models import Sum

from customers.agreements import demo as demo_agreements
from customers.models import Customer
from invoicing.models import MonthlyVolume, VolumeCount, VolumeImport
from invoicing.volumes import demo as demo_volumes


@pytest.fixture
def data():
    path = settings.BASE_DIR / "fixtures" / "demo_organisation.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def loaded(demo, data):
    demo_agreements.load(data)
    VolumeImport.objects.all().delete()
    MonthlyVolume.objects.all().delete()
    demo_volumes.load(data)


def _total(codes, **filters):
    volumes = MonthlyVolume.objects.filter(month__year=2012, price_item__code__in=codes, **filters)
    return volumes.aggregate(n=Sum("quantity"))["n"]


def test_it_handles_exactly_the_plans_yearly_invoices(loaded):
    assert _total(["KR-FS", "KR-MAN", "KR-ABO"]) == 1_600_000
    assert _total(["LR-EL", "LR-MAN"]) == 1_025_000


def test_it_stores_one_count_import_per_month_of_2012(loaded):
    imports = VolumeImport.objects.filter(status=VolumeImport.Status.DONE)
    assert imports.count() == 12
    assert set(imports.values_list("shape", flat=True)) == {VolumeImport.Shape.COUNTS}
    assert MonthlyVolume.objects.filter(month__year=2012).exclude(counted=0).count() > 0


def test_july_is_low_and_december_high(loaded):
    codes = ["KR-FS", "KR-MAN", "KR-ABO"]
    july = _total(codes, month__month=7)
    december = _total(codes, month__month=12)
    assert july < 1_600_000 / 12 * 0.7
    assert december > 1_600_000 / 12 * 1.15


def test_the_electronic_share_is_realistic_and_differs_by_customer(loaded):
    shares = set()
    for customer in Customer.objects.filter(monthly_volumes__isnull=False).distinct():
        electronic = _total(["KR-FS"], customer=customer)
        share = electronic / _total(["KR-FS", "KR-MAN", "KR-ABO"], customer=customer)
        supplier = _total(["LR-EL"], customer=customer) / _total(
            ["LR-EL", "LR-MAN"], customer=customer
        )
        assert 0.81 < share < 0.93
        assert 0.81 < supplier < 0.93
        shares.add(round(share, 2))
    assert len(shares) > 5


def test_districts_are_bigger_than_specialist_administrations(loaded):
    codes = ["KR-FS", "KR-MAN", "KR-ABO"]
    district = _total(codes, customer__kind=Customer.Kind.DISTRICT)
    specialist = _total(codes, customer__kind=Customer.Kind.SPECIALIST)
    districts = Customer.objects.filter(kind=Customer.Kind.DISTRICT).count()
    specialists = Customer.objects.filter(kind=Customer.Kind.SPECIALIST).count()
    assert district / districts > 2 * specialist / specialists


def test_it_counts_voids_refunds_reminders_and_advance_cash(loaded):
    for code in ["KR-MAK", "KR-ATB", "LR-PAM", "LR-FSK"]:
        assert _total([code]) > 0


def test_a_rerun_adds_nothing_and_gives_the_same_figures(loaded, data):
    counts, before = VolumeCount.objects.count(), _total(["KR-FS"])
    lines = demo_volumes.load(data)
    assert VolumeCount.objects.count() == counts
    assert VolumeImport.objects.count() == 12
    assert _total(["KR-FS"]) == before
    assert len(lines) == 1
