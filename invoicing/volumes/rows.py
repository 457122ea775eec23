"""Checking the rows of a volume file against the register: customers, agreements, prices.

The readers yield each valid row as a tuple of plain values ready for the database, and report
every fault (file row, column, reason) to an error list. The usual row costs a few dictionary
look-ups: every answer is cached per raw cell text, and a million rows hold a few dozen
customers, a dozen price items and a few hundred dates. Only a value not seen before, or a
wrong one, takes the slow path that parses it and says what is wrong.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from customers.models import ServiceAgreement
from ekonomi.periods import Month
from ekonomi.tabular import ErrorList
from invoicing.customer_names import customer_key, customer_keys
from invoicing.prices.models import PriceItem
from invoicing.volumes import files, sql
from invoicing.volumes.files import Shape, label

PROGRESS_EVERY = 20_000

_ABOVE_ALL = "\U0010ffff" * (files.EXTERNAL_ID_MAX + 1)
# About 100 MB of hashes for a million verifications; a bigger file is checked in SQL alone.
SEEN_LIMIT = 1_200_000

# The amount as most files write it, which needs nothing beyond turning a decimal comma.
_PLAIN_AMOUNT = re.compile(r"-?\d{1,12}(?:[.,]\d{1,2})?", re.ASCII)


def as_records(errors):
    """The errors as the import keeps them: [{"row", "column", "message"}], sorted."""
    return [error._asdict() for error in errors.sorted()]


@dataclass
class Lookups:
    """Everything a row is checked against, read once: a few thousand keys at most."""

    customers: dict  # code, ERP value or name (customer_names) -> (id, code)
    price_items: dict  # (code, year) -> id
    item_codes: set
    price_years: set
    agreements: set  # (customer id, year)

    @classmethod
    def load(cls):
        price_items = {
            (code.upper(), year): pk
            for pk, code, year in PriceItem.objects.values_list("pk", "code", "price_list__year")
        }
        return cls(
            customers=customer_keys(),
            price_items=price_items,
            item_codes={code for code, _year in price_items},
            price_years={year for _code, year in price_items},
            # Any agreement for the year counts, a draft too: the work is done while the
            # agreement is being signed, and billing is where a signature is required.
            agreements=set(ServiceAgreement.objects.values_list("customer_id", "year")),
        )


class _Checker:
    def __init__(self, lookups, errors):
        self.lookups = lookups
        self.errors = errors

    def customer(self, number, value):
        if files.is_blank(value):
            self.errors.add(number, label("customer"), _("The customer is missing."))
            return None
        code = files.parse_code(value)
        found = self.lookups.customers.get(customer_key(code))
        if found is None:
            self.errors.add(
                number, label("customer"), _("Unknown customer “%(code)s”.") % {"code": code}
            )
        return found

    def agreement(self, number, customer, year):
        if (customer[0], year) in self.lookups.agreements:
            return True
        self.errors.add(
            number,
            label("customer"),
            _("%(customer)s has no service agreement for %(year)s.")
            % {"customer": customer[1], "year": year},
        )
        return False

    def price_item(self, number, value, year):
        """The item's id in the year's price list; without a year only its code is checked."""
        if files.is_blank(value):
            self.errors.add(number, label("price_item"), _("The price item is missing."))
            return None
        code = files.parse_code(value)
        lookups = self.lookups
        if code not in lookups.item_codes:
            message = _("Unknown price item “%(code)s”.") % {"code": code}
        elif year is None:
            return None
        elif (code, year) in lookups.price_items:
            return lookups.price_items[(code, year)]
        elif year not in lookups.price_years:
            message = _("There is no price list for %(year)s.") % {"year": year}
        else:
            message = _("The price item %(code)s has no price in the price list for %(year)s.") % {
                "code": code,
                "year": year,
            }
        self.errors.add(number, label("price_item"), message)
        return None

    def keys(self, number, raw_customer, raw_item, year):
        """(customer id, price item id) if the customer has an agreement that year and the item
        a price; else None, with every fault reported."""
        customer = self.customer(number, raw_customer)
        item = self.price_item(number, raw_item, year)
        if customer and year and not self.agreement(number, customer, year):
            return None
        return (customer[0], item) if customer and item else None

    def required(self, number, column, value, parse):
        if files.is_blank(value):
            self.errors.add(number, label(column), _("The value is missing."))
            return None
        try:
            return parse(value)
        except ValueError as error:
            self.errors.add(number, label(column), str(error))
            return None


class Reader:
    """The valid rows of a file; `rows_read` and the per-month totals once they are read.

    `progress(fraction)` is called now and then with the part of `share` (0 to 1) read so far.
    """

    def __init__(self, table, *, progress, share):
        self.table = table
        self.header = table.header
        # The reader's own list: rows it cannot read (cells beyond the header) are on it too.
        self.errors = errors = table.errors
        self.check = _Checker(Lookups.load(), errors)
        self._progress = progress
        self._share = share
        self.rows_read = 0
        # Verifications that may be in the file twice; None: any may be.
        self.suspects = None
        # ISO month ("2012-03-01") -> rows and quantity of the valid rows.
        self.rows_by_month = Counter()
        self.quantity_by_month = Counter()

    def month_totals(self):
        return {
            str(Month.from_date(files.parse_date(month))): {
                "rows": self.rows_by_month[month],
                "quantity": quantity,
            }
            for month, quantity in sorted(self.quantity_by_month.items())
        }

    def _report(self, read):
        self.rows_read = read
        self._progress(self.table.fraction * self._share)


class DocumentReader(Reader):
    """Rows (row number, external id, customer id, price item id, ISO date, ISO month,
    amount as text or None); with `copy_lines_for` (an import's id), each row as the line
    that COPY puts into the documents table for that import instead."""

    def rows(self, *, copy_lines_for=None):
        index = self.header.positions
        customer_at, item_at, date_at = index["customer"], index["price_item"], index["date"]
        id_at, amount_at = index["external_id"], index.get("amount")
        # An amount column in thousands (tkr) is parsed and scaled cell by cell.
        scale = self.header.scales.get("amount", 1)
        plain_amount = _PLAIN_AMOUNT.fullmatch if scale == 1 else lambda _cell: None
        errors, check = self.errors, self.check
        id_column, amount_column = label("external_id"), label("amount")
        as_lines = copy_lines_for is not None
        lead = f"{copy_lines_for}\t"
        escapes = sql.COPY_ESCAPES
        # A document is one of its month's volume: its rows and quantity are the same count.
        totals = self.quantity_by_month = self.rows_by_month
        dates, keys = {}, {}
        pairs = {}
        # Verifications seen, by hash: a set of ints is a tenth of the time that grouping the
        # staged rows in SQL takes. A hash seen before makes its verification a suspect,
        # which the staging table then confirms or clears.
        seen, suspects = set(), []
        self.suspects = suspects
        self.keys = keys
        # The lowest and highest verification: if none imported before lies between them,
        # every row is new (the usual case, answered with one look at the index).
        lowest, highest = _ABOVE_ALL, ""
        read = 0
        # One flat loop: each generator layer between the file and the database would cost
        # a tenth of the whole import.
        for number, cells in self.table:
            read += 1
            if read % PROGRESS_EVERY == 0:
                self._report(read)
                if seen is not None and len(seen) > SEEN_LIMIT:
                    # Past this the set costs more memory than it saves time: SQL decides.
                    seen = self.suspects = None
            # The table hands over rows exactly as wide as the header.
            raw_customer, raw_item, raw_date = cells[customer_at], cells[item_at], cells[date_at]
            day = dates.get(raw_date)
            if day is None:
                parsed = check.required(number, "date", raw_date, files.parse_date)
                if parsed is not None:
                    iso, month = parsed.isoformat(), parsed.replace(day=1).isoformat()
                    # (date, month, year, both as COPY text)
                    day = dates[raw_date] = (iso, month, parsed.year, f"{iso}\t{month}")
            year = day[2] if day else None
            raw_key = (raw_customer, raw_item, year)
            pair = pairs.get(raw_key)
            if pair is None:
                key = check.keys(number, raw_customer, raw_item, year)
                if key and year:
                    keys[raw_key] = key
                    # (ids, ids as COPY text)
                    pair = pairs[raw_key] = (key, f"{key[0]}\t{key[1]}")
            else:
                key = pair[0]
            raw_id = cells[id_at]
            external_id = raw_id.strip() if raw_id.__class__ is str else files.text(raw_id)
            if not external_id:
                errors.add(number, id_column, _("The value is missing."))
            elif len(external_id) > files.EXTERNAL_ID_MAX:
                errors.add(number, id_column, files.external_id_too_long())
                external_id = None
            amount = None
            if amount_at is not None:
                raw_amount = cells[amount_at]
                if raw_amount.__class__ is str and plain_amount(raw_amount):
                    amount = raw_amount.replace(",", ".")
                elif not files.is_blank(raw_amount):
                    try:
                        amount = str(files.parse_amount(raw_amount, scale=scale))
                    except ValueError as error:
                        errors.add(number, amount_column, str(error))
                        continue
            if key and day and external_id:
                if seen is not None:
                    fingerprint = hash(external_id)
                    if fingerprint in seen:
                        suspects.append(external_id)
                    else:
                        seen.add(fingerprint)
                if external_id < lowest:
                    lowest = external_id
                if external_id > highest:
                    highest = external_id
                totals[day[1]] += 1
                if as_lines:
                    if not external_id.isalnum():
                        external_id = external_id.translate(escapes)
                    amount_text = "\\N" if amount is None else amount
                    yield f"{lead}{external_id}\t{pair[1]}\t{day[3]}\t{amount_text}"
                else:
                    yield (number, external_id, key[0], key[1], day[0], day[1], amount)
        self.rows_read = read
        self.id_range = (lowest, highest) if highest else None


class CountReader(Reader):
    """Rows (row number, customer id, price item id, ISO month, quantity)."""

    def rows(self):
        index = self.header.positions
        check = self.check
        # The table hands over rows exactly as wide as the header.
        for read, (number, cells) in enumerate(self.table, start=1):
            if read % PROGRESS_EVERY == 0:
                self._report(read)
            month = check.required(number, "month", cells[index["month"]], files.parse_month)
            year = month.year if month else None
            key = check.keys(number, cells[index["customer"]], cells[index["price_item"]], year)
            quantity = check.required(
                number, "quantity", cells[index["quantity"]], files.parse_quantity
            )
            self.rows_read = read
            if key and month and quantity is not None:
                start = month.start.isoformat()
                self.rows_by_month[start] += 1
                self.quantity_by_month[start] += quantity
                yield (number, key[0], key[1], start, quantity)


READERS = {Shape.DOCUMENTS: DocumentReader, Shape.COUNTS: CountReader}


def keys_hold(keys):
    """Whether every (raw customer, raw price item, year, customer id, item id) that a check
    resolved still resolves the same: same codes, agreements and price lists."""
    check = _Checker(Lookups.load(), ErrorList(limit=0))
    return all(
        check.keys(None, customer, item, year) == (customer_id, item_id)
        for customer, item, year, customer_id, item_id in keys
    )
