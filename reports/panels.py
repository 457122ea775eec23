from reports import selectors

START_PAGE_REPORTS = 5


def start_page_context(request):
    return {
        "start_reports": selectors.visible_reports(user=request.user).order_by("-produced_at")[
            :START_PAGE_REPORTS
        ]
    }


def customer_page_context(request, *, customer):
    # The customer's own reports only; the whole report is reached through the archive.
    reports = selectors.visible_reports(user=request.user).filter(customer=customer)
    return {"customer_reports": reports.order_by("-produced_at")[:START_PAGE_REPORTS]}
