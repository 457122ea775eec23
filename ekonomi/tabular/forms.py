from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter


class ColumnMappingForm(forms.Form):
    """Which field each column of a file is (or "ignore"), saved under a name as a profile.

    `sample` is the start of the file (ekonomi.tabular.Sample); each column's select starts at
    the field its heading is recognised as. `mapping()` is what column_profile_save takes."""

    name = forms.CharField(
        label=gettext_lazy("Name of the source"),
        max_length=100,
        help_text=gettext_lazy("For example “Agresso kundreskontra”; used for later files too."),
    )

    def __init__(self, *args, schema, sample, **kwargs):
        super().__init__(*args, **kwargs)
        self.schema = schema
        self.sample = sample
        self.headers = list(sample.headers)
        choices = [("", gettext_lazy("Ignore"))] + [(f.key, f.label) for f in schema.fields]
        for position, heading in enumerate(self.headers):
            known = schema.recognise(heading)
            letter = get_column_letter(position + 1)
            self.fields[self.field_name(position)] = forms.ChoiceField(
                label=(
                    _("Column %(letter)s (%(heading)s)") % {"letter": letter, "heading": heading}
                    if heading
                    else _("Column %(letter)s") % {"letter": letter}
                ),
                choices=choices,
                required=False,
                initial=known.key if known else "",
            )

    @staticmethod
    def field_name(position):
        return f"column_{position}"

    def column_rows(self):
        """(bound select, the column's cells in the sample rows) for each column."""
        return [
            (self[self.field_name(position)], [cells[position] for _row, cells in self.sample.rows])
            for position in range(len(self.headers))
        ]

    def clean(self):
        cleaned = super().clean()
        chosen = {}
        for position in range(len(self.headers)):
            key = cleaned.get(self.field_name(position))
            if not key:
                continue
            if key in chosen:
                self.add_error(
                    self.field_name(position),
                    _("%(field)s is already chosen for column %(letter)s.")
                    % {
                        "field": self.schema.label(key),
                        "letter": get_column_letter(chosen[key] + 1),
                    },
                )
            else:
                chosen[key] = position
        shape = self.schema.shape_for(chosen.keys())
        if shape is None:
            raise forms.ValidationError(_("Choose which columns hold the fields of the file."))
        for key, position in chosen.items():
            if shape.field(key) is None:
                self.add_error(
                    self.field_name(position),
                    _("%(field)s does not belong with the other columns chosen.")
                    % {"field": self.schema.label(key)},
                )
        missing = [str(f.label) for f in shape.required if f.key not in chosen]
        if missing:
            raise forms.ValidationError(
                _("Choose a column for each of: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        return cleaned

    def mapping(self):
        """The field key of each column, "" for an ignored one, in the file's order."""
        return [self.cleaned_data.get(self.field_name(p)) or "" for p in range(len(self.headers))]
