"""The fields most imports share, with the headings Swedish and English exports give them.

An import takes these as they are, or extends them: `CUSTOMER.with_synonyms("Kst")`, or
`dataclasses.replace(AMOUNT, required=False)`.
"""

from django.utils.translation import gettext_lazy as _

from ekonomi.tabular import values
from ekonomi.tabular.schema import Field

CUSTOMER = Field(
    "customer",
    _("Customer administration"),
    synonyms=(
        "Förvaltning",
        "Förvaltningskod",
        "Förvaltningsnr",
        "Förvaltningsnummer",
        "Kund",
        "Kundnr",
        "Kundnummer",
        "Kundkod",
        "Kund-id",
        "Customer",
        "Customer code",
        "Customer no",
        "Customer number",
        "Customer id",
    ),
    parse=values.parse_code,
)
PRICE_ITEM = Field(
    "price_item",
    _("Price item"),
    synonyms=(
        "Prispost",
        "Prispostkod",
        "Artikel",
        "Artikelkod",
        "Artikelnr",
        "Tjänst",
        "Tjänstekod",
        "Price item",
        "Item",
        "Item code",
        "Article",
    ),
    parse=values.parse_code,
)
DATE = Field(
    "date",
    _("Date"),
    synonyms=(
        "Datum",
        "Fakturadatum",
        "Bokföringsdatum",
        "Verifikationsdatum",
        "Transaktionsdatum",
        "Registreringsdatum",
        "Date",
        "Invoice date",
        "Posting date",
        "Voucher date",
    ),
    parse=values.parse_date,
)
EXTERNAL_ID = Field(
    "external_id",
    _("Verification"),
    synonyms=(
        "Verifikation",
        "Ver.nr",
        "Vernr",
        "Verifikationsnr",
        "Verifikationsnummer",
        "Fakturanr",
        "Fakturanummer",
        "Löpnr",
        "Löpnummer",
        "Voucher",
        "Voucher no",
        "Voucher number",
        "Invoice no",
        "Invoice number",
        "External id",
    ),
)
AMOUNT = Field(
    "amount",
    _("Amount"),
    synonyms=("Belopp", "Summa", "Fakturabelopp", "Totalbelopp", "Amount", "Invoice amount"),
    parse=values.parse_amount,
    summed=True,
    money=True,
)
QUANTITY = Field(
    "quantity",
    _("Quantity"),
    synonyms=("Antal", "Volym", "Mängd", "Quantity", "Count", "Volume"),
    parse=values.parse_whole,
    summed=True,
)
MONTH = Field(
    "month",
    _("Month"),
    synonyms=("Månad", "Period", "Bokföringsperiod", "Redovisningsperiod", "Month"),
    parse=values.parse_month,
)
