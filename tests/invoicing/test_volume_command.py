"""`manage.py import_volumes FILE`: the same check, preview and import as the upload page."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ekonomi.periods import Month
from invoicing.models import BilledMonth, VolumeDocument, VolumeImport
from tests.ekonomi.tabular_files import xlsx_bytes
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


def stored_files(settings):
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_a_refused_file_leaves_neither_a_record_nor_a_copy(agreements, tmp_path, settings):
    path = tmp_path / "fel.csv"
    path.write_bytes(csv_bytes([["XXXX", "KR-FS", "2012-03-01", "V1", ""]]))

    with pytest.raises(CommandError, match=r"1 fel; ingenting importerades\."):
        run(str(path), "--yes")

    assert VolumeImport.objects.count() == 0
    assert stored_files(settings) == []


def test_unknown_columns_are_refused_with_the_files_headings(agreements, tmp_path, settings):
    path = tmp_path / "okand.csv"
    path.write_bytes(b"Rapport\r\n\r\nNamn;Telefon;Belopp\r\nAnna;08-123;10\r\n")

    with pytest.raises(CommandError) as refused:
        run(str(path), "--yes")

    assert "Filens rubriker (rad 3): Namn, Telefon, Belopp." in str(refused.value)
    assert VolumeImport.objects.count() == 0
    assert stored_files(settings) == []


def test_a_billed_month_needs_its_own_confirmation(agreements, tmp_path, settings):
    BilledMonth.objects.create(month=Month(2012, 3).start)
    path = tmp_path / "sen.csv"
    path.write_bytes(csv_bytes(ROWS))

    with pytest.raises(CommandError, match=r"--confirm-billed"):
        run(str(path), "--yes")
    assert VolumeImport.objects.count() == 0
    assert stored_files(settings) == []

    out, _err = run(str(path), "--yes", "--confirm-billed")

    assert "Filen har nya rader för mars 2012, som redan är fakturerad" in out
    assert "  2012-03: 1 rad, antal 1, 1 nya (fakturerad)" in out
    assert VolumeDocument.objects.count() == 2


def test_without_yes_the_command_asks_and_a_no_keeps_nothing(
    agreements, tmp_path, settings, monkeypatch
):
    path = tmp_path / "volymer.csv"
    path.write_bytes(csv_bytes(ROWS))
    monkeypatch.setattr("builtins.input", lambda question: "n")

    out, _err = run(str(path))

    assert "Ingenting importerades." in out
    assert VolumeImport.objects.count() == 0
    assert stored_files(settings) == []


def test_unfinished_imports_past_the_retention_are_listed_and_purged_with_their_files(
    agreements, tmp_path, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.invoicing.volume_helpers import import_file, upload

    settings.VOLUME_IMPORT_UNFINISHED_RETENTION_DAYS = 7
    waiting = upload(csv_bytes(ROWS), name="vantande.csv")
    rejected = upload(csv_bytes([["XXXX", "KR-FS", "2012-03-01", "V9", ""]]), name="fel.csv")
    done = import_file(csv_bytes([["RIKI", "KR-FS", "2012-05-01", "V7", ""]]), name="klar.csv")
    recent = upload(csv_bytes([["RIKI", "KR-FS", "2012-06-01", "V8", ""]]), name="ny.csv")
    old = timezone.now() - timedelta(days=8)
    VolumeImport.objects.exclude(pk=recent.pk).update(created_at=old)

    listed, _err = run_command("purge_volume_imports", "--dry-run")
    assert "2 importer skulle tas bort." in listed
    assert "vantande.csv" in listed and "fel.csv" in listed and "klar.csv" not in listed

    out, _err = run_command("purge_volume_imports")

    assert "2 importer togs bort." in out
    assert set(VolumeImport.objects.values_list("pk", flat=True)) == {done.pk, recent.pk}
    assert not VolumeImport.objects.filter(pk__in=[waiting.pk, rejected.pk]).exists()
    assert sorted(p.name for p in stored_files(settings) if p.suffix == ".csv") == [
        "klar.csv",
        "ny.csv",
    ]


def run_command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_writes_counts_in_swedish_with_grouped_thousands(agreements, tmp_path):
    path = tmp_path / "antal.csv"
    path.write_text("Kund;Tjänst;Månad;Antal\nRIKI;KR-FS;2012-03;4 700\nSPTE;KR-FS;2012-03;1200\n")

    out, _err = run(str(path), "--yes")

    assert "  2012-03: 2 rader, antal 5\N{NO-BREAK SPACE}900, 2 nya" in out


def test_the_command_names_the_sheet_it_read(agreements, tmp_path):
    path = tmp_path / "volymer.xlsx"
    header = ["Förvaltning", "Prispost", "Datum", "Verifikation", "Belopp"]
    info = ("Info", [["Export från Agresso"]])
    path.write_bytes(xlsx_bytes([header, *ROWS], title="Data", before=[info]))

    out, _err = run(str(path), "--yes")

    assert "  Bladet ”Data” lästes." in out
    assert VolumeDocument.objects.count() == 2


def test_an_import_confirmed_while_the_purge_runs_is_left_alone(agreements, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from invoicing.volumes import services
    from tests.invoicing.volume_helpers import upload

    waiting = upload(csv_bytes(ROWS), name="vantande.csv")
    listed = services.volume_imports_unfinished

    def listed_then_confirmed(**kwargs):
        # The user confirms between the purge's list and its lock on the row.
        found = listed(**kwargs)
        services.volume_import_confirm(volume_import_id=waiting.pk, billed_confirmed=True)
        return found

    monkeypatch.setattr(services, "volume_imports_unfinished", listed_then_confirmed)

    removed = services.volume_imports_purge(older_than=timezone.now() + timedelta(days=1))

    assert removed == []
    waiting.refresh_from_db()
    assert waiting.status == VolumeImport.Status.RUNNING
    assert waiting.file.storage.exists(waiting.file.name)
