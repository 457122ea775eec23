"""Charts as SVG, rendered on the server by Vega-Lite (vl-convert), for the pages and the PDFs.

Why Vega-Lite: measured against matplotlib and pygal (bench/charts.py), it is the only one whose
SVG has neither `style` attributes nor <style>/<script> elements, so the CSP keeps its ban on
inline style and script without any sanitising, and WeasyPrint draws the same SVG in a PDF.
Pages show a chart through its own URL in an <img>, with the numbers in a table beside it.
The rendered SVG is cached by the hash of its spec: the same numbers are drawn once.
"""

import hashlib
import json
from xml.sax.saxutils import escape

import vl_convert
from django.core.cache import cache
from django.utils.translation import gettext as _

CACHE_SECONDS = 60 * 60
WIDTH, HEIGHT = 520, 220
INK, BRAND, TARGET, BAD = "#1b1f24", "#0b4f8a", "#8a1111", "#b35c00"
_CONFIG = {
    "font": "DejaVu Sans, sans-serif",
    "axis": {"labelColor": INK, "titleColor": INK, "labelFontSize": 11},
    "legend": {"labelColor": INK, "titleColor": INK, "orient": "bottom"},
    "view": {"stroke": None},
}


def _number(value):
    # Vega-Lite reads JSON numbers; the chart only draws, the table beside it shows the Decimal.
    return None if value is None else float(value)


def trend_spec(points, *, value_label, target_label, axis_title):
    """A line per month or year, and the target as a dashed line; `points` is
    [(label, value or None, target or None)]."""
    values = [
        {"period": label, "series": value_label, "value": _number(v)} for label, v, _t in points
    ]
    targets = [
        {"period": label, "series": target_label, "value": _number(t)}
        for label, _v, t in points
        if t is not None
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH,
        "height": HEIGHT,
        "config": _CONFIG,
        "data": {"values": values + targets},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "period", "type": "ordinal", "title": None, "sort": None},
            "y": {"field": "value", "type": "quantitative", "title": axis_title},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [value_label, target_label], "range": [BRAND, TARGET]},
            },
            "strokeDash": {
                "field": "series",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": [value_label, target_label], "range": [[1, 0], [6, 4]]},
            },
        },
    }


def bars_spec(rows, *, category_label, value_label, series_labels):
    """Grouped bars per category; `rows` is [(category, {series label: value})]."""
    values = [
        {"category": category, "series": label, "value": _number(value)}
        for category, by_series in rows
        for label, value in by_series.items()
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH,
        "height": HEIGHT,
        "config": _CONFIG,
        "data": {"values": values},
        "mark": "bar",
        "encoding": {
            "x": {"field": "category", "type": "ordinal", "title": category_label, "sort": None},
            "xOffset": {"field": "series", "sort": list(series_labels)},
            "y": {"field": "value", "type": "quantitative", "title": value_label},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": list(series_labels),
                    "range": [BRAND, BAD, TARGET][: len(series_labels)],
                },
            },
        },
    }


def render_svg(spec, *, title, description, id_suffix="") -> str:
    """The chart as an SVG document with a <title> and <desc> for screen readers and PDFs.

    Their ids are "chart-title" and "chart-desc" followed by `id_suffix`: a document that holds
    several charts gives each its own suffix, so that the ids stay unique."""
    source = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    labels = f"{title}\n{description}\n{source}"
    if id_suffix:
        labels += f"\n{id_suffix}"
    key = "chart:" + hashlib.sha256(labels.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(
            spec, format_locale="sv-SE", time_format_locale="sv-SE", allowed_base_urls=[]
        )
        svg = _labelled(svg, title, description, id_suffix)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def _labelled(svg, title, description, id_suffix=""):
    head, _sep, rest = svg.partition(">")
    title_id, desc_id = f"chart-title{id_suffix}", f"chart-desc{id_suffix}"
    return (
        f'{head} role="img" aria-labelledby="{title_id} {desc_id}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>{rest}'
    )


def no_data_description():
    return _("There are no figures to draw for the period.")
