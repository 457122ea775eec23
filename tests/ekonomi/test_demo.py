import io

from django.core.management import call_command
from django.test import RequestFactory

from customers.models import (
    AgreementAddendum,
    AgreementService,
    Customer,
    Process,
    Service,
    ServiceAgreement,
    Unit,
    User,
)
from ekonomi import views
from invoicing.models import PriceItem, TimeEntry

MODELS = (
    Customer,
    Unit,
    Process,
    Service,
    User,
    PriceItem,
    ServiceAgreement,
    AgreementService,
    AgreementAddendum,
    TimeEntry,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_the_demo_organisation_of_the_plan(demo):
    assert Customer.objects.count() == 33
    assert Customer.objects.filter(kind=Customer.Kind.DISTRICT).count() == 14
    assert Unit.objects.count() == 4
    assert sorted(Process.objects.values_list("code", flat=True)) == sorted(
        ["AP", "AR", "CASH", "SYS", "R2R", "TP", "FA"]
    )
    assert set(PriceItem.objects.values_list("code", flat=True)) >= {"KR-FS", "LR-EL", "TJ-480"}
    assert {u.role for u in User.objects.all()} == {
        "admin",
        "head",
        "unit_manager",
        "officer",
        "controller",
    }
    assert User.objects.get(username="controller.riki").customer.code == "RIKI"


def test_running_it_twice_changes_nothing_and_keeps_a_changed_password(db):
    call_command("load_demo", stdout=io.StringIO())
    before = counts()
    assert before["ServiceAgreement"] == 33
    assert before["TimeEntry"] > 0
    user = User.objects.get(username="enhetschef")
    user.set_password("ett-eget-losenord")
    user.save()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert counts() == before
    assert User.objects.get(username="enhetschef").check_password("ett-eget-losenord")
    assert "enhetschef" in output.getvalue()


def test_the_server_error_page_is_swedish(db):
    response = views.error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
