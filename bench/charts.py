"""The chart libraries weighed for the indicators: speed, and what their SVG does to the CSP.

    .venv/bin/python bench/charts.py [--repeat 30]

Draws the same trend (twelve months against a dashed target) with Vega-Lite through
vl-convert-python, matplotlib's SVG backend and pygal, and counts in each SVG what the Content
Security Policy (no inline style or script) would block or what would need sanitising:
`style=` attributes, <style> and <script> elements, and event-handler attributes; also the
accessibility hooks (ARIA attributes, <title>/<desc>). matplotlib and pygal are in the
`bench` extra (`pip install -e '.[bench]'`); a library that is not installed is reported so.
"""

import argparse
import io
import re
import statistics
import time

MONTHS = [f"2012-{m:02d}" for m in range(1, 13)]
VALUES = [4400, 4550, 5100, 4700, 4800, 4650, 2600, 3900, 4850, 4900, 4950, 5800]
TARGET = 4600
TITLE = "Kundfakturor per årsarbetare och månad"


def vega_lite():
    import vl_convert

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": TITLE,
        "width": 520,
        "height": 220,
        "data": {
            "values": [{"m": m, "v": v, "t": TARGET} for m, v in zip(MONTHS, VALUES, strict=True)]
        },
        "layer": [
            {
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "x": {"field": "m", "type": "ordinal"},
                    "y": {"field": "v", "type": "quantitative"},
                },
            },
            {"mark": {"type": "rule", "strokeDash": [6, 4]}, "encoding": {"y": {"field": "t"}}},
        ],
    }
    return vl_convert.vegalite_to_svg(spec, format_locale="sv-SE", allowed_base_urls=[])


def matplotlib_svg():
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6, 2.6))
    axes.plot(MONTHS, VALUES, marker="o")
    axes.axhline(TARGET, linestyle="--")
    axes.set_title(TITLE)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    pyplot.close(figure)
    return buffer.getvalue()


def pygal_svg():
    import pygal

    chart = pygal.Line(title=TITLE, width=600, height=260)
    chart.x_labels = MONTHS
    chart.add("Utfall", VALUES)
    chart.add("Mål", [TARGET] * len(MONTHS))
    return chart.render(is_unicode=True)


CHECKS = {
    "style=": r"\sstyle=",
    "<style>": r"<style",
    "<script>": r"<script",
    "on*=": r"\son[a-z]+=",
    "aria-*": r"\saria-[a-z]+=",
    "<title>": r"<title",
    "<desc>": r"<desc",
}


def measure(draw, repeat):
    started = time.perf_counter()
    svg = draw()
    first = time.perf_counter() - started
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        svg = draw()
        times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[max(0, round(len(times) * 0.95) - 1)]
    counts = {name: len(re.findall(pattern, svg)) for name, pattern in CHECKS.items()}
    return first, statistics.median(times), p95, len(svg), counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print(f"one 12-month trend chart, {args.repeat} renders after the first")
    for name, draw in (
        ("vl-convert (Vega-Lite)", vega_lite),
        ("matplotlib (svg)", matplotlib_svg),
        ("pygal", pygal_svg),
    ):
        try:
            first, p50, p95, size, counts = measure(draw, args.repeat)
        except ImportError:
            print(f"{name:<24} not installed")
            continue
        found = "  ".join(f"{key} {value}" for key, value in counts.items())
        print(
            f"{name:<24} first {first * 1000:6.0f} ms  p50 {p50 * 1000:6.1f} ms  "
            f"p95 {p95 * 1000:6.1f} ms  {size:6} bytes  {found}"
        )


if __name__ == "__main__":
    main()
