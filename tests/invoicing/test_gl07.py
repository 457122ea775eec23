from datetime import date
from decimal import Decimal

import pytest

from ekonomi.periods import Month
from invoicing.billing import gl07
from invoicing.billing import services as billing_services
from invoicing.models import CustomerErpAccount, ErpFile, ErpSettings, Invoice
from tests.invoicing.billing_helpers import (
    JANUARY,
    JANUARY_COUNTS,
    customer,
    issue,
    on,
    price_list,
    unit_manager,
    volumes,
)

LATER = Invoice.Settlement.LATER

# The layout as the issue states it, 1-based and inclusive; read independently of gl07.FIELDS.
LAYOUT = {
    "batch_id": (1, 25),
    "interface": (26, 50),
    "voucher_type": (51, 75),
    "trans_type": (76, 77),
    "client": (78, 102),
    "account": (103, 127),
    "dim_1": (128, 152),
    "dim_2": (153, 177),
    "dim_3": (178, 202),
    "dim_4": (203, 227),
    "dim_5": (228, 252),
    "dim_6": (253, 277),
    "dim_7": (278, 302),
    "tax_code": (303, 327),
    "tax_system": (328, 352),
    "currency": (353, 377),
    "dc_flag": (378, 379),
    "cur_amount": (380, 399),
    "amount": (400, 419),
    "description": (491, 745),
    "trans_date": (746, 753),
    "voucher_date": (754, 761),
    "voucher_no": (762, 776),
    "period": (777, 782),
}


def read_back(content: bytes):
    assert content.endswith(b"\r\n")
    records = []
    for raw in content.split(b"\r\n")[:-1]:
        line = raw.decode("iso-8859-1")
        assert len(line) == 2060
        record = {name: line[a - 1 : b] for name, (a, b) in LAYOUT.items()}
        used = {i for a, b in LAYOUT.values() for i in range(a - 1, b)}
        record["rest"] = "".join(ch for i, ch in enumerate(line) if i not in used)
        records.append(record)
    return records


@pytest.fixture
def january(demo):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    return JANUARY


def test_the_months_erp_file_has_a_debit_per_customer_and_a_credit_per_price_item(january):
    CustomerErpAccount.objects.create(
        customer=customer("RIKI"), cost_account="6591", dimension="RK100"
    )
    settings = ErpSettings.current()
    settings.revenue_dimension = "EA"
    settings.save()
    with on(date(2013, 2, 4)):
        riki, _spte = issue(january)
    records = read_back(bytes(ErpFile.objects.get().content))
    # Booked in January, the month it charges for, on its last day.
    for record in records:
        assert record["batch_id"] == "FAKT-2013-01".ljust(25)
        assert record["interface"] == "BI".ljust(25)
        assert record["voucher_type"] == "ID".ljust(25)
        assert record["trans_type"] == "GL"
        assert record["client"] == "SF".ljust(25)
        assert record["currency"] == "SEK".ljust(25)
        assert record["tax_code"].strip() == record["tax_system"].strip() == ""
        assert record["trans_date"] == record["voucher_date"] == "20130131"
        assert record["voucher_no"] == "201301".ljust(15)
        assert record["period"] == "201301"
        assert record["cur_amount"] == record["amount"]
        assert record["rest"].strip() == ""
    rows = [
        (
            r["account"].strip(),
            r["dim_1"].strip(),
            r["dim_2"].strip(),
            r["dc_flag"],
            int(r["amount"]),
            r["description"].strip(),
        )
        for r in records
    ]
    assert rows == [
        ("6591", "RK100", "", " 1", 2205000, "2013-000001 RIKI 2013-01"),
        ("6590", "SPTE", "", " 1", 75000, "2013-000002 SPTE 2013-01"),
        ("3590", "EA", "KR-ABO", "-1", -25000, "KR-ABO Abonnemangsfaktura"),
        ("3590", "EA", "KR-FS", "-1", -900000, "KR-FS Kundfaktura via försystem"),
        ("3590", "EA", "KR-MAK", "-1", -30000, "KR-MAK Makulerad/delmakulerad faktura"),
        (
            "3590",
            "EA",
            "KR-MAN",
            "-1",
            -1200000,
            "KR-MAN Manuell kundfaktura, med eller utan bilaga",
        ),
        ("3590", "EA", "LR-EL", "-1", -75000, "LR-EL Elektronisk leverantörsfaktura"),
        (
            "3590",
            "EA",
            "LR-MAN",
            "-1",
            -50000,
            "LR-MAN Manuell leverantörsfaktura, utbetalningsunderlag",
        ),
    ]
    assert sum(row[4] for row in rows) == 0
    assert rows[0][4] == int(riki.total * 100)


def test_a_credit_notes_erp_file_reverses_the_charge_in_the_period_it_is_issued_in(january):
    with on(date(2013, 2, 4)):
        _riki, spte = issue(january)
    with on(date(2013, 3, 12)):
        credit = billing_services.credit_note_issue(
            invoice=spte, user=unit_manager(), reason="Fel", settlement=LATER
        )
    erp_file = ErpFile.objects.get(batch_id=f"KRED-{credit.number}")
    records = read_back(bytes(erp_file.content))
    assert [(r["account"].strip(), r["dc_flag"], int(r["amount"])) for r in records] == [
        ("6590", "-1", -75000),
        ("3590", " 1", 25000),
        ("3590", " 1", 50000),
    ]
    assert {r["voucher_no"].strip() for r in records} == {"2013000003"}
    assert {(r["period"], r["trans_date"], r["voucher_date"]) for r in records} == {
        ("201303", "20130312", "20130312")
    }
    # The text still says which month's service it takes back.
    assert records[0]["description"].strip() == "2013-000003 SPTE 2013-01"


def voucher(lines, **fields):
    return gl07.Voucher(
        batch_id=fields.get("batch_id", "B"),
        voucher_type="ID",
        client="SF",
        voucher_no="1",
        voucher_date=date(2013, 2, 4),
        period=Month(2013, 1),
        lines=lines,
    )


def test_the_writer_refuses_a_voucher_that_does_not_balance():
    lines = [
        gl07.Gl07Line("6590", Decimal("10.00"), "a"),
        gl07.Gl07Line("3590", Decimal("-9.99"), "b"),
    ]
    with pytest.raises(gl07.Gl07Error):
        gl07.write(voucher(lines))


def test_the_writer_refuses_a_code_too_long_for_its_field_but_cuts_a_long_description():
    long_account = [
        gl07.Gl07Line("6" * 26, Decimal("1.00"), "a"),
        gl07.Gl07Line("3590", Decimal("-1.00"), "b"),
    ]
    with pytest.raises(gl07.Gl07Error):
        gl07.write(voucher(long_account))
    lines = [
        gl07.Gl07Line("6590", Decimal("1.00"), "x" * 300),
        gl07.Gl07Line("3590", Decimal("-1.00"), "b"),
    ]
    records = gl07.parse(gl07.write(voucher(lines)))
    assert records[0]["description"] == "x" * 255
    assert gl07.balance(records) == 0


def test_amounts_are_whole_ore_rounded_half_up():
    assert gl07.to_ore(Decimal("12.345")) == 1235
    assert gl07.to_ore(Decimal("-0.50")) == -50
