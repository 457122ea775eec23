"""Pages that other apps fill: an app registers a panel (template, context function, rule,
order) from its AppConfig.ready(), so the page's own app never imports upward.

A panel's context function is called as `context(request, **page_context)`; its template gets
the page context, the request context and what the function returns. Panels show in their
stated order, lowest first.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from ekonomi import access


@dataclass(frozen=True)
class Panel:
    template_name: str
    context: Callable
    order: int
    rule: access.Rule = access.READ

    def render(self, request, **page_context):
        context = {**page_context, **self.context(request, **page_context)}
        return render_to_string(self.template_name, context, request=request)


class PanelRegistry:
    def __init__(self):
        self.panels: list[Panel] = []

    def register(self, template_name, context, *, order, rule=access.READ):
        panel = Panel(template_name, context, order, rule)
        # Keyed by template, so that a ready() or an import running twice adds it once.
        self.panels = [p for p in self.panels if p.template_name != template_name]
        self.panels.append(panel)
        self.panels.sort(key=lambda p: (p.order, p.template_name))

    def render(self, request, **page_context):
        return [
            panel.render(request, **page_context)
            for panel in self.panels
            if panel.rule.permits(request.user)
        ]


# The start page: each app adds what its users should see first.
start_page = PanelRegistry()
# The customer page, after master data, contacts and deviations: agreements, invoices, the
# customer log, complaints, meetings. Its context functions get `customer=`.
customer_page = PanelRegistry()
