"""What every app relies on: registries filled by the apps, the beat schedule, downloads, and
ekonomi/ standing below every app."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import reverse

from ekonomi.celery import app as celery_app
from ekonomi.downloads import XLSX, file_response
from ekonomi.navigation import menu

ROOT = Path(settings.BASE_DIR)


def test_every_scheduled_task_is_registered_with_celery():
    schedule = celery_app.conf.beat_schedule
    assert schedule, "the apps registered no periodic task"
    for name, entry in schedule.items():
        assert entry["task"] in celery_app.tasks, name


def test_the_nightly_billing_checks_are_scheduled_at_half_past_two():
    entry = celery_app.conf.beat_schedule["billing-checks"]
    assert entry["task"] == "invoicing.billing_checks"
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {30}


def test_the_menu_lists_the_areas_in_their_stated_order():
    areas = [area.key for area in menu.areas()]
    assert areas[:2] == ["customers", "invoicing"]
    orders = [area.order for area in menu.areas()]
    assert orders == sorted(orders)


def test_the_main_menu_shows_the_areas_a_role_may_open(client_for):
    page = client_for("bound_controller").get(reverse("home")).text
    assert 'href="/kunder/"' in page
    assert "Debitering" in page


def test_a_download_names_its_file_with_swedish_letters_intact():
    response = file_response(b"x", filename="underlag-förvaltning-mars.xlsx", content_type=XLSX)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=utf-8''underlag-f%C3%B6rvaltning-mars.xlsx" in disposition
    assert response["Content-Type"] == XLSX


def test_an_inline_download_opens_in_the_browser():
    response = file_response(
        b"%PDF", filename="avtal.pdf", content_type="application/pdf", inline=True
    )
    assert response["Content-Disposition"] == 'inline; filename="avtal.pdf"'


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)


def test_ekonomi_names_no_app():
    project_apps = {config.name for config in apps.get_app_configs()} - {"ekonomi"}
    project_apps = {name for name in project_apps if (ROOT / name).is_dir()}
    offenders = {
        str(path.relative_to(ROOT)): sorted(set(_imports(path)) & project_apps)
        for path in (ROOT / "ekonomi").rglob("*.py")
        if set(_imports(path)) & project_apps
    }
    assert offenders == {}


def test_no_handwritten_content_disposition_outside_the_download_helper():
    written = [
        str(path.relative_to(ROOT))
        for app in ("ekonomi", *[c.name for c in apps.get_app_configs()])
        if (ROOT / app).is_dir()
        for path in (ROOT / app).rglob("*.py")
        if '["Content-Disposition"]' in path.read_text(encoding="utf-8")
    ]
    assert sorted(set(written)) == ["ekonomi/downloads.py"]
