"""A compilation as titled tables: the page, the PDF and the workbook show the same sections."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from complaints.compilation.selectors import KINDS, AreaTertial, UnitMonth


@dataclass
class Section:
    title: str
    headers: list
    rows: list[list]
    total: list | None = None
    numeric_from: int = 1  # columns from this index hold figures (right-aligned)
    empty: str = ""
    notes: list[str] = field(default_factory=list)


def _count_headers(first, *extra):
    return [
        first,
        *[kind.label for kind in KINDS],
        _("Total"),
        _("Of which our own errors"),
        *extra,
    ]


def _count_row(row, *extra):
    return [row.label, *row.kind_counts, row.total, row.own_errors, *extra]


def _total_row(row, *extra):
    return [_("Total"), *_count_row(row, *extra)[1:]]


def _answer_section(rows):
    return Section(
        title=_("Answer times (working days)"),
        headers=[
            _("Kind"),
            _("Arrived"),
            _("Answered"),
            _("Within target"),
            _("Not answered"),
            _("Average working days"),
        ],
        rows=[
            [r.label, r.arrived, r.answered, r.within_target, r.unanswered, r.average_days]
            for r in rows
        ],
    )


def unit_month_sections(c: UnitMonth) -> list[Section]:
    no_items = _("Nothing arrived this month.")
    return [
        Section(
            title=_("By kind"),
            headers=[_("Kind"), _("Arrived"), _("Of which our own errors")],
            rows=[[row.label, row.total, row.own_errors] for row in c.kinds],
            total=[_("Total"), c.total.total, c.total.own_errors],
        ),
        Section(
            title=_("By process"),
            headers=_count_headers(_("Process")),
            rows=[_count_row(row) for row in c.by_process],
            total=_total_row(c.total) if c.by_process else None,
            empty=no_items,
        ),
        Section(
            title=_("By customer"),
            headers=_count_headers(_("Customer")),
            rows=[_count_row(row) for row in c.by_customer],
            total=_total_row(c.total) if c.by_customer else None,
            empty=no_items,
        ),
        _answer_section(c.answer_times),
        Section(
            title=_("Our own errors"),
            headers=[_("Received"), _("Customer"), _("Process"), _("Description"), _("Action")],
            rows=[
                [e.received_on, e.customer.code, e.process.name, e.description, e.action]
                for e in c.own_errors
            ],
            numeric_from=5,
            empty=_("No own errors this month."),
        ),
        Section(
            title=_("Overdue answers on %(date)s") % {"date": c.as_of.isoformat()},
            headers=[_("Received"), _("Customer"), _("Kind"), _("Answer due"), _("Status")],
            rows=[
                [
                    o.received_on,
                    o.customer.code,
                    o.get_kind_display(),
                    o.answer_due,
                    o.get_status_display(),
                ]
                for o in c.overdue
            ],
            numeric_from=5,
            empty=_("No answers are overdue."),
            notes=[
                _("Open on %(date)s: %(count)s.")
                % {"date": c.as_of.isoformat(), "count": c.open_count}
            ],
        ),
        Section(
            title=_("Returned documents by reason"),
            headers=[_("Reason"), _("Returned")],
            rows=[list(row) for row in c.returned_by_reason],
            total=[_("Total"), sum(n for _reason, n in c.returned_by_reason)]
            if c.returned_by_reason
            else None,
            empty=_("No documents were returned this month."),
        ),
    ]


def area_tertial_sections(c: AreaTertial) -> list[Section]:
    so_far = _("Since 1 January")
    no_items = _("Nothing arrived this tertial.")
    return [
        Section(
            title=_("By unit"),
            headers=_count_headers(_("Unit"), so_far),
            rows=[_count_row(row, row.year_to_date) for row in c.by_unit],
            total=_total_row(c.total, c.total.year_to_date) if c.by_unit else None,
            empty=no_items,
        ),
        Section(
            title=_("By process"),
            headers=_count_headers(_("Process"), so_far),
            rows=[_count_row(row, row.year_to_date) for row in c.by_process],
            total=_total_row(c.total, c.total.year_to_date) if c.by_process else None,
            empty=no_items,
        ),
        Section(
            title=_("By customer"),
            headers=_count_headers(_("Customer"), so_far, _("Returned documents")),
            rows=[_count_row(row, row.year_to_date, row.returned) for row in c.by_customer],
            total=_total_row(c.total, c.total.year_to_date, c.total.returned)
            if c.by_customer
            else None,
            empty=no_items,
        ),
        _answer_section(c.answer_times),
        Section(
            title=_("Open and overdue on %(date)s") % {"date": c.as_of.isoformat()},
            headers=[_("Open"), _("Answer overdue")],
            rows=[[c.open_count, c.overdue_count]],
            numeric_from=0,
        ),
    ]


def sheet_rows(title, sections: list[Section]):
    """The sections one below the other on one sheet, as the page shows them."""
    rows = []
    for section in sections:
        rows += [[], [section.title], list(section.headers)]
        rows += [list(row) for row in section.rows]
        if section.total:
            rows.append(list(section.total))
        rows += [[note] for note in section.notes]
        if not section.rows and section.empty:
            rows.append([section.empty])
    return [title], rows
