"""The self-assessment chapter of the tertial report: the units' grades per commitment, the head
of operations' summary per quality area and the prioritised actions, those of the tertial and
the earlier ones followed up now. The compilation is indicators/assessment's; this only lays it
out as tables."""

from django.utils.translation import gettext as _

from indicators.assessment.selectors import tertial_compilation
from reports.document import Chapter, Table, Text

SUBMITTED = "submitted"


def _grade(unit_grade):
    # A unit's draft is not its assessment yet: the report says the state, not the draft's grade.
    if unit_grade.assessment_status != SUBMITTED:
        return unit_grade.assessment_status_label
    return unit_grade.grade_label


def _actions_table(title, actions):
    return Table(
        title,
        [_("Tertial"), _("Action"), _("Owner"), _("Due date"), _("Status")],
        [[a.tertial_label, a.text, a.owner, a.due.isoformat(), a.status_label] for a in actions],
        empty=_("No prioritised actions."),
    )


def self_assessment_chapter(tertial) -> Chapter:
    chapter = Chapter("self_assessment", _("Self-assessment"))
    compilation = tertial_compilation(tertial=tertial)
    waiting = [unit.name for unit in compilation.units if unit.status != SUBMITTED]
    if waiting:
        chapter.missing.append(
            _("The self-assessment for %(period)s is not submitted by: %(units)s.")
            % {"period": tertial.label, "units": ", ".join(waiting)}
        )
    chapter.blocks.append(
        Table(
            _("Units and their self-assessment"),
            [_("Unit"), _("Status"), _("Commitments assessed")],
            [
                [u.name, u.status_label, f"{u.assessed} / {u.commitments}"]
                for u in compilation.units
            ],
            empty=_("No units."),
        )
    )
    chapter.blocks.append(
        Table(
            _("Grades of all units' commitments"),
            [_("Grade"), _("Commitments")],
            [[label, count] for _grade_key, label, count in compilation.grade_counts],
        )
    )
    for area in compilation.areas:
        chapter.blocks.append(
            Table(
                area.label,
                [_("Commitment"), _("Unit"), _("Grade"), _("Comment"), _("Proposed actions")],
                [
                    [
                        row.text,
                        grade.unit_name,
                        _grade(grade),
                        grade.comment,
                        grade.proposed_actions,
                    ]
                    for row in area.commitments
                    for grade in row.units
                ],
                empty=_("No commitments for the year in this area."),
            )
        )
        chapter.blocks.append(
            Text(
                _("Summary: %(area)s") % {"area": area.label},
                area.summary,
                empty=_("The head of operations has not written this summary yet."),
            )
        )
        if area.actions:
            chapter.blocks.append(
                _actions_table(
                    _("Prioritised actions: %(area)s") % {"area": area.label}, area.actions
                )
            )
        if area.carried:
            chapter.blocks.append(
                _actions_table(
                    _("Earlier actions followed up: %(area)s") % {"area": area.label}, area.carried
                )
            )
    return chapter
