"""The full tertial report (T2 2012) as PDF with a year of demo data: time, pages, time per page
against a one-page WeasyPrint document made in the same run.

    .venv/bin/python bench/reports.py [--runs 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/reports.py

Runs in a throw-away test database loaded with `manage.py load_demo` (the organisation and the
whole demo year). Each run assembles the report from the selectors, draws its charts (the chart
cache is cleared first, so every run draws them) and lays out the PDF; the baseline is a
one-page document through the same helper (ekonomi/pdf.py), so the per-page figure says what
the report costs beyond WeasyPrint's own start-up and fonts.
"""

import argparse
import io
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekonomi.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils.translation import override  # noqa: E402
from weasyprint import HTML  # noqa: E402

from ekonomi.periods import Tertial  # noqa: E402
from reports import assembly, rendering  # noqa: E402
from reports.models import Kind  # noqa: E402

ONE_PAGE = (
    "<html lang='sv'><body style='font-family: DejaVu Sans'><h1>En sida</h1>"
    "<table><tr><th>Kund</th><td>1 234 567</td></tr></table></body></html>"
)


def tertial_pdf():
    cache.clear()
    with override("sv"):
        start = time.perf_counter()
        document = assembly.build(
            kind=Kind.TERTIAL, period=Tertial(2012, 2), today=date(2012, 12, 20)
        )
        assembled = time.perf_counter()
        content, pages = rendering.pdf(document)
        done = time.perf_counter()
    return done - start, assembled - start, pages, len(content)


def one_page():
    start = time.perf_counter()
    document = HTML(string=ONE_PAGE).render()
    document.write_pdf()
    assert len(document.pages) == 1
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        call_command("load_demo", stdout=io.StringIO())
        print(f"demo year loaded in {time.perf_counter() - started:.1f} s ({connection.vendor})")
        one_page()  # fonts and WeasyPrint's stylesheets, once, before anything is timed
        baseline = [one_page() for _run in range(args.runs)]
        runs = [tertial_pdf() for _run in range(args.runs)]
        total = statistics.median(r[0] for r in runs)
        assembly_time = statistics.median(r[1] for r in runs)
        pages = runs[0][2]
        base = statistics.median(baseline)
        print(f"runs: {args.runs} (medians)")
        print(f"tertial report T2 2012: {total:.2f} s, {pages} pages, {runs[0][3] / 1024:.0f} KiB")
        print(f"  assembling (selectors + charts): {assembly_time:.2f} s")
        print(f"  PDF layout and writing: {total - assembly_time:.2f} s")
        print(f"  per page: {total / pages:.3f} s")
        print(f"one-page WeasyPrint document: {base:.3f} s")
        print(f"per page against the one-page document: {total / pages / base:.1f}x")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
