from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.assessment.models import Grade, Measure, PrioritisedAction, QualityArea
from indicators.assessment.services import MeasureTie

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class CommitmentForm(forms.Form):
    area = forms.ChoiceField(label=_("Quality area"), choices=QualityArea.choices)
    text = forms.CharField(label=_("Commitment"), widget=TEXTAREA, max_length=2000)
    measures = forms.MultipleChoiceField(
        label=_("Measured by"),
        choices=[(m.value, m.label) for m in Measure if m != Measure.SURVEY_QUESTION],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    survey_questions = forms.CharField(
        label=_("Customer survey questions"),
        widget=TEXTAREA,
        required=False,
        help_text=_(
            "One question a line, written as in the survey results, e.g. "
            "“Tillgänglighet per telefon”."
        ),
    )

    @classmethod
    def initial_for(cls, commitment):
        ties = list(commitment.measures.all())
        return {
            "area": commitment.area,
            "text": commitment.text,
            "measures": [t.measure for t in ties if t.measure != Measure.SURVEY_QUESTION],
            "survey_questions": "\n".join(t.question for t in ties if t.question),
        }

    def ties(self) -> list[MeasureTie]:
        data = self.cleaned_data
        questions = [q.strip() for q in data["survey_questions"].splitlines() if q.strip()]
        return [MeasureTie(m) for m in data["measures"]] + [
            MeasureTie(Measure.SURVEY_QUESTION, q) for q in dict.fromkeys(questions)
        ]


class AnswerForm(forms.Form):
    grade = forms.ChoiceField(
        label=_("Assessment"), choices=Grade.choices, widget=forms.RadioSelect, required=False
    )
    comment = forms.CharField(label=_("Comment"), widget=TEXTAREA, required=False)
    proposed_actions = forms.CharField(label=_("Proposed actions"), widget=TEXTAREA, required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it reopened?"),
        widget=TEXTAREA,
        help_text=_("The reason is logged with your name and the time."),
    )


class AreaSummaryForm(forms.Form):
    text = forms.CharField(label=_("Area summary"), widget=forms.Textarea(attrs={"rows": 6}))


class ActionForm(forms.Form):
    area = forms.ChoiceField(label=_("Quality area"), choices=QualityArea.choices)
    text = forms.CharField(label=_("Action"), widget=TEXTAREA, max_length=2000)
    owner = forms.CharField(label=_("Owner"), max_length=100)
    due = forms.DateField(label=_("Due date"), widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("Status"), choices=PrioritisedAction.Status.choices)
