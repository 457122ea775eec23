"""A file whose headings are not recognised is mapped column by column once; the mapping is
saved as a named source profile and reads the next file with the same headings by itself."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation

from ekonomi.tabular import ColumnsNotRecognised, open_table
from ekonomi.tabular.forms import ColumnMappingForm
from ekonomi.tabular.models import ColumnProfile
from ekonomi.tabular.selectors import column_profile_for
from ekonomi.tabular.services import column_profile_save
from tests.ekonomi.tabular_files import VOLUMES, csv_bytes

AGRESSO = ["Kst", "Art", "Dag", "Löp", "Värde kr", "Kommentar"]
MAPPING = ["customer", "price_item", "date", "external_id", "amount", ""]


def agresso_file(tmp_path, header=AGRESSO, name="agresso.csv"):
    path = tmp_path / name
    path.write_bytes(
        csv_bytes(
            [
                ["Agresso kundreskontra 2012-03"],
                header,
                ["RIKI", "KR-FS", "2012-03-01", "A-1", "1 234,50", "första"],
                ["SPTE", "LR-EL", "2012-03-02", "A-2", "99,95", ""],
            ]
        )
    )
    return path


def mapping_form(sample, mapping, name="Agresso kundreskontra"):
    data = {"name": name} | {f"column_{i}": key for i, key in enumerate(mapping)}
    return ColumnMappingForm(data, schema=VOLUMES, sample=sample)


def not_recognised(path):
    with pytest.raises(ColumnsNotRecognised) as refused:
        open_table(path, VOLUMES)
    return refused.value


def test_a_mapped_file_reads_the_next_file_with_the_same_headings(db, tmp_path, users):
    sample = not_recognised(agresso_file(tmp_path)).sample
    form = mapping_form(sample, MAPPING)
    assert form.is_valid(), form.errors
    column_profile_save(
        actor=users["admin"],
        name=form.cleaned_data["name"],
        kind=VOLUMES.kind,
        headers=sample.headers,
        mapping=form.mapping(),
    )

    # The same headings, written in another case and spacing, in a later month's file.
    later = ["KST", "art", "Dag ", "LÖP", "VÄRDE KR", "Kommentar"]
    with open_table(agresso_file(tmp_path, later, "april.csv"), VOLUMES) as table:
        rows = list(table)

    assert table.header.profile == "Agresso kundreskontra"
    assert table.header.row == 2
    assert table.header.positions == {
        "customer": 0,
        "price_item": 1,
        "date": 2,
        "external_id": 3,
        "amount": 4,
    }
    assert [(c.letter, c.header) for c in table.header.ignored] == [("F", "Kommentar")]
    assert [row for row, _cells in rows] == [3, 4]


def test_a_sample_shows_the_headings_and_first_rows_of_the_file(db, tmp_path):
    sample = not_recognised(agresso_file(tmp_path)).sample

    assert sample.header_row == 2
    assert sample.headers == AGRESSO
    assert sample.rows == [
        (3, ["RIKI", "KR-FS", "2012-03-01", "A-1", "1 234,50", "första"]),
        (4, ["SPTE", "LR-EL", "2012-03-02", "A-2", "99,95", ""]),
    ]
    assert [(s.row, s.text) for s in sample.skipped] == [(1, "Agresso kundreskontra 2012-03")]


def test_the_selector_finds_a_profile_by_its_normalised_headings(db, users):
    column_profile_save(
        actor=users["admin"], name="Agresso", kind="volumes", headers=AGRESSO, mapping=MAPPING
    )

    assert column_profile_for(kind="volumes", headers=[h.upper() for h in AGRESSO]).name == (
        "Agresso"
    )
    assert column_profile_for(kind="hours", headers=AGRESSO) is None
    assert column_profile_for(kind="volumes", headers=AGRESSO[:-1]) is None


def test_saving_the_same_headings_again_replaces_the_mapping(db, users):
    first = column_profile_save(
        actor=users["admin"], name="Agresso", kind="volumes", headers=AGRESSO, mapping=MAPPING
    )
    second = column_profile_save(
        actor=users["officer"],
        name="Agresso v2",
        kind="volumes",
        headers=AGRESSO,
        mapping=[*MAPPING[:4], "", ""],
    )

    assert second.pk == first.pk
    assert ColumnProfile.objects.get().mapping == [*MAPPING[:4], "", ""]
    assert ColumnProfile.objects.get().created_by == users["officer"]


def test_two_profiles_of_one_kind_cannot_share_a_name(db, users):
    column_profile_save(
        actor=users["admin"], name="Agresso", kind="volumes", headers=AGRESSO, mapping=MAPPING
    )

    with pytest.raises(ValidationError):
        column_profile_save(
            actor=users["admin"], name="Agresso", kind="volumes", headers=["A", "B"], mapping=[]
        )


def test_the_form_starts_each_column_at_the_field_its_heading_is_recognised_as(db, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([["Kund", "Okänd", "Datum"], ["RIKI", "x", "2012-03-01"]]))
    sample = not_recognised(path).sample

    form = ColumnMappingForm(schema=VOLUMES, sample=sample)

    assert [form[f"column_{i}"].initial for i in range(3)] == ["customer", "", "date"]


@pytest.mark.parametrize(
    ("mapping", "errors"),
    [
        pytest.param(
            ["customer", "customer", "date", "external_id", "price_item", ""],
            {"column_1": ["Förvaltning är redan vald för kolumn A."]},
            id="a-field-twice",
        ),
        pytest.param(
            ["customer", "", "date", "", "", ""],
            {"__all__": ["Välj en kolumn för var och en av: Prispost, Verifikation."]},
            id="required-fields-unmapped",
        ),
        pytest.param(
            ["", "", "", "", "", ""],
            {"__all__": ["Välj vilka kolumner som innehåller filens fält."]},
            id="nothing-mapped",
        ),
        pytest.param(
            ["customer", "price_item", "date", "external_id", "quantity", ""],
            {"column_4": ["Antal hör inte ihop med de andra valda kolumnerna."]},
            id="a-field-of-the-other-shape",
        ),
    ],
)
def test_the_form_refuses_a_mapping_that_cannot_be_read(db, tmp_path, mapping, errors):
    sample = not_recognised(agresso_file(tmp_path)).sample

    form = mapping_form(sample, mapping)

    assert not form.is_valid()
    assert form.errors == errors


def test_the_mapping_partial_shows_headings_rows_and_a_labelled_select_per_column(db, tmp_path):
    sample = not_recognised(agresso_file(tmp_path)).sample
    form = ColumnMappingForm(schema=VOLUMES, sample=sample)

    with translation.override("sv"):
        html = render_to_string("_column_mapping.html", {"form": form})

    assert "<caption>Filens kolumner, rubriker på rad 2, med de första raderna under dem" in html
    assert "Raden ovanför rubrikerna hoppades över:\nrad 1 ”Agresso kundreskontra 2012-03”" in html
    for position, heading in enumerate(AGRESSO):
        letter = "ABCDEF"[position]
        assert re.search(
            rf'<label for="id_column_{position}">Kolumn {letter} \({heading}\):</label>', html
        )
        assert f'<select name="column_{position}" id="id_column_{position}">' in html
    assert '<th scope="col">Rad 3</th>' in html
    assert "<td>1 234,50</td>" in html
    assert '<option value="" selected>Läs inte</option>' in html
    assert "style=" not in html
    assert "<script" not in html
