"""`manage.py import_volumes FILE`: the same check, preview and import as the upload page."""

import io

import pytest
from django.core.management import CommandError, call_command

from invoicing.models import VolumeDocument, VolumeImport
from tests.invoicing.volume_helpers import agree_2012, csv_bytes

ROWS = [["RIKI", "KR-FS", "2012-03-01", "V1", ""], ["SPTE", "LR-EL", "2012-04-01", "V2", ""]]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def agreements(demo):
    agree_2012()


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_volumes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_previews_and_imports_a_file(agreements, tmp_path):
    path = tmp_path / "volymer.csv"
    path.write_bytes(csv_bytes(ROWS))

    out, _err = run(str(path), "--yes", "--user", "handlaggare")

    assert "volymer.csv (Fakturanivå): 2 rader, 2 nya, 0 redan importerade." in out
    assert "  2012-03: 1 rad, antal 1, 1 nya" in out
    assert "2 rader lästa, 2 tillagda, 0 överhoppade." in out
    assert VolumeDocument.objects.count() == 2
    assert VolumeImport.objects.get().created_by.username == "handlaggare"


def test_the_command_lists_the_errors_and_imports_nothing(agreements, tmp_path):
    path = tmp_path / "fel.csv"
    path.write_bytes(csv_bytes([*ROWS, ["RIKI", "KR-FS", "2012-13-01", "V3", ""]]))

    with pytest.raises(CommandError, match=r"1 fel; ingenting importerades\."):
        run(str(path), "--yes")

    assert VolumeDocument.objects.count() == 0


def test_the_command_refuses_a_file_that_is_not_a_volume_file(agreements, tmp_path):
    path = tmp_path / "tom.csv"
    path.write_bytes(b"")

    with pytest.raises(CommandError, match=r"Filen är tom\."):
        run(str(path), "--yes")
