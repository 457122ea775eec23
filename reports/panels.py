from reports import selectors

START_PAGE_REPORTS = 5


def start_page_context(request):
    return {
        "start_reports": selectors.visible_reports(user=request.user).order_by("-produced_at")[
            :START_PAGE_REPORTS
        ]
    }
