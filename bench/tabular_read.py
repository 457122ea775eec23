"""Streaming a 1,000,000-row CSV: ekonomi.tabular against a bare csv.reader loop (the floor).

    .venv/bin/python bench/tabular_read.py [--rows 1000000] [--repeat 3] [--xlsx-rows 0]

Both iterate the same generated file (UTF-8, semicolons, the volume export's columns)
in one process, and the loop body only counts rows, so the figures are the readers' own cost per
row: opening (encoding pass, separator, header) plus the row loop. Prints the median of
`repeat` runs of each. With --xlsx-rows N it also writes an N-row workbook the way openpyxl
writes one and prints its zip directory: the sizes and ratio the XLSX limits must accept.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekonomi.settings")

HEADER = ["Förvaltning", "Prispost", "Datum", "Verifikation", "Belopp"]
CUSTOMERS = ["RIKI", "SPTE", "BROM", "HASS", "KUNG", "SKAR", "FARS", "ENSK"]
ITEMS = ["KR-FS", "KR-MAN", "KR-ABO", "LR-EL", "LR-MAN"]


def rows(count):
    generator = random.Random(2012)
    for number in range(count):
        yield [
            generator.choice(CUSTOMERS),
            generator.choice(ITEMS),
            f"2012-03-{1 + number % 28:02d}",
            f"V{number:09d}",
            f"{generator.randint(1, 999_999) / 100:.2f}".replace(".", ","),
        ]


def write_csv(path, count):
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(";".join(HEADER) + "\r\n")
        for row in rows(count):
            out.write(";".join(row) + "\r\n")


def volume_schema():
    from ekonomi.tabular import Schema, Shape
    from ekonomi.tabular import fields as f

    return Schema(
        "volumes",
        [
            Shape(
                "documents",
                "documents",
                (
                    f.CUSTOMER,
                    f.PRICE_ITEM,
                    f.DATE,
                    f.EXTERNAL_ID,
                    replace(f.AMOUNT, required=False),
                ),
                frozenset({"date", "external_id", "amount"}),
            ),
            Shape(
                "counts",
                "counts",
                (f.CUSTOMER, f.PRICE_ITEM, f.MONTH, f.QUANTITY),
                frozenset({"month", "quantity"}),
            ),
        ],
    )


def read_bare(path):
    # What no reader can beat: the csv module alone, without encoding checks or a header.
    import csv

    count = -1
    with path.open(encoding="utf-8", newline="") as source:
        for _cells in csv.reader(source, delimiter=";"):
            count += 1
    return count


def read_tabular(path, schema):
    from ekonomi.tabular import open_table

    count = 0
    with open_table(path, schema, profiles={}) as table:
        for _number, _cells in table:
            count += 1
    return count


def timed(function, *args):
    start = time.perf_counter()
    count = function(*args)
    return time.perf_counter() - start, count


def xlsx_directory(count, folder):
    from openpyxl import Workbook

    path = folder / "volumes.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append(row)
    workbook.save(path)
    print(f"\n{count:,}-row workbook written by openpyxl: {path.stat().st_size:,} bytes")
    for member in zipfile.ZipFile(path).infolist():
        ratio = member.file_size / max(member.compress_size, 1)
        print(f"  {member.filename:32} {member.file_size:>13,} unpacked  ratio {ratio:5.1f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--xlsx-rows", type=int, default=0)
    options = parser.parse_args()

    import django

    django.setup()
    schema = volume_schema()
    with tempfile.TemporaryDirectory(prefix="tabular-bench-") as folder:
        path = Path(folder) / "volumes.csv"
        write_csv(path, options.rows)
        print(f"{options.rows:,} rows, {path.stat().st_size:,} bytes of CSV")
        figures = {"csv.reader (the floor)": [], "ekonomi.tabular": []}
        for _ in range(options.repeat):
            # Alternated, so that neither reader always runs on a warmer cache.
            for name, (seconds, count) in (
                ("csv.reader (the floor)", timed(read_bare, path)),
                ("ekonomi.tabular", timed(read_tabular, path, schema)),
            ):
                assert count == options.rows, (name, count)
                figures[name].append(seconds)
        for name, seconds in figures.items():
            median = statistics.median(seconds)
            print(
                f"{name:28} median {median:6.2f} s  ({options.rows / median:,.0f} rows/s; "
                f"runs {', '.join(f'{s:.2f}' for s in seconds)})"
            )
        if options.xlsx_rows:
            xlsx_directory(options.xlsx_rows, Path(folder))


if __name__ == "__main__":
    main()
