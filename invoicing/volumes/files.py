"""What a volume file is, declared for the one tabular reader (ekonomi.tabular): its two
shapes, their fields and the headings they are known by. Reading the file (encodings,
separators, workbooks, title and total rows, saved column profiles, limits) is the reader's;
whether a customer or a price item exists is for invoicing/volumes/rows.py to decide.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekonomi.tabular import Field, Schema, fields, values
from ekonomi.tabular import Shape as TableShape
from invoicing.volumes.models import VolumeImport

Shape = VolumeImport.Shape

__all__ = [
    "EXTERNAL_ID_MAX",
    "FORMAT_HELP",
    "SCHEMA",
    "Shape",
    "column_help",
    "is_blank",
    "label",
    "parse_amount",
    "parse_code",
    "parse_date",
    "parse_month",
    "parse_quantity",
    "text",
]

EXTERNAL_ID_MAX = 64

CUSTOMER = fields.CUSTOMER.with_synonyms("Kst", "Kostnadsställe", "Förv", "Förvaltningsnamn")
PRICE_ITEM = fields.PRICE_ITEM.with_synonyms("Tjänstetyp", "Produkt", "Produktkod", "Post")
DATE = fields.DATE.with_synonyms("Dokumentdatum", "Betaldatum", "Document date")
EXTERNAL_ID = fields.EXTERNAL_ID.with_synonyms(
    "Ver", "Vernummer", "Verifikat", "Dokumentnr", "Dokumentnummer", "Document no", "Document"
)
AMOUNT = Field(
    "amount",
    fields.AMOUNT.label,
    synonyms=(*fields.AMOUNT.synonyms, "Belopp SEK", "Belopp kr", "Nettobelopp", "Net amount"),
    required=False,
    parse=values.parse_amount,
    summed=True,
    money=True,
)
MONTH = fields.MONTH.with_synonyms("Volymmånad", "Avser månad")
QUANTITY = fields.QUANTITY.with_synonyms("Antal st", "Styck", "Antal dokument", "Number")

SCHEMA = Schema(
    "volumes",
    [
        TableShape(
            Shape.DOCUMENTS,
            Shape.DOCUMENTS.label,
            (CUSTOMER, PRICE_ITEM, DATE, EXTERNAL_ID, AMOUNT),
            markers=frozenset({"date", "external_id", "amount"}),
        ),
        TableShape(
            Shape.COUNTS,
            Shape.COUNTS.label,
            (CUSTOMER, PRICE_ITEM, MONTH, QUANTITY),
            markers=frozenset({"month", "quantity"}),
        ),
    ],
)

FORMAT_HELP = gettext_lazy(
    "Upload a CSV file (separated by semicolon, comma or tab) or an Excel file (.xlsx)."
)

# The parsers the volume import uses, under the names other modules know them by.
text = values.text
is_blank = values.is_blank
parse_date = values.parse_date
parse_month = values.parse_month
parse_amount = values.parse_amount
parse_quantity = values.parse_whole


parse_code = values.parse_code


label = SCHEMA.label


def column_help():
    return {
        str(shape.key): [str(f.label) if f.required else f"({f.label})" for f in shape.fields]
        for shape in SCHEMA.shapes
    }


def external_id_too_long():
    return _("A verification can have at most %(max)s characters.") % {"max": EXTERNAL_ID_MAX}
