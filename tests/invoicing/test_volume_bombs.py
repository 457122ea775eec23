"""Workbook bombs sent to the volume import are refused within seconds and in little memory,
and leave no file behind.

Each bomb goes through the upload service in a child process, which reports its own peak
memory (VmHWM: ru_maxrss would include the parent's) and its time. The bounds are those of
the issue (300 MB) and generous in time (30 s), so a busy machine does not fail them; an
unguarded read takes gigabytes or a minute.
"""

import json

import pytest

from tests.ekonomi import tabular_files

CHILD = """
import json, sys, time
import django
django.setup()
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
settings.MEDIA_ROOT = sys.argv[2]
# A database of the child's own, with the one table the reader asks (the saved profiles).
from django.db import connection
from ekonomi.tabular.models import ColumnProfile
with connection.schema_editor() as editor:
    editor.create_model(ColumnProfile)
for name, value in json.loads(sys.argv[3]).items():
    setattr(settings, name, value)
from invoicing.volumes import services
start = time.monotonic()
try:
    with open(sys.argv[1], "rb") as stream:
        services.volume_import_upload(file=File(stream, name="bomb.xlsx"), user=None)
    message = ""
except ValidationError as error:
    message = error.messages[0]
seconds = time.monotonic() - start
with open("/proc/self/status") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"message": message, "seconds": seconds, "peak_mb": peak_kb / 1024}))
"""
MAX_MB = 300
MAX_SECONDS = 30


def upload_in_child(path, media, overrides):
    return tabular_files.run_in_child(
        CHILD,
        path,
        media,
        json.dumps(overrides),
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=f"sqlite:///{media.parent / 'child.sqlite3'}",
    )


@pytest.mark.parametrize(
    ("build", "overrides", "message"),
    [
        pytest.param(
            tabular_files.huge_inline_string,
            {},
            "Excelfilen är packad 1\u00a0028 gånger tätare än ett kalkylblad kan vara "
            "(högst 100); det är inget vanligt kalkylblad.",
            id="400-mb-cell",
        ),
        pytest.param(
            tabular_files.huge_inline_string,
            {"XLSX_MAX_RATIO": 10**9},
            "Rad 2 innehåller en cell med mer än 32\u00a0767 tecken.",
            id="400-mb-cell-past-the-ratio-check",
        ),
        pytest.param(
            lambda path: tabular_files.empty_rows(path, 5_000_000),
            {},
            "Ett blad i Excelfilen har fler än 1\u00a0048\u00a0576 rader, fler än Excel tillåter.",
            id="5-million-empty-rows",
        ),
    ],
)
def test_a_workbook_bomb_is_refused_by_the_volume_upload_quickly_and_in_little_memory(
    tmp_path, build, overrides, message
):
    bomb = build(tmp_path / "bomb.xlsx")
    media = tmp_path / "media"
    media.mkdir()

    result = upload_in_child(bomb, media, overrides)

    assert result["message"] == message
    assert result["peak_mb"] < MAX_MB
    assert result["seconds"] < MAX_SECONDS
    assert [p for p in media.rglob("*") if p.is_file()] == []
