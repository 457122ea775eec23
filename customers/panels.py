"""The customer page's sections after master data, contacts and deviations.

Apps standing on `customers` (agreements, volumes, invoices, log, complaints) register a
panel from their AppConfig.ready(). A panel's context function is called as
`context(request, customer=customer)`; its template gets `customer`, the request context and
what the function returns.
"""

from ekonomi.panels import PanelRegistry

customer_page = PanelRegistry()
register = customer_page.register


def render_panels(request, customer):
    return customer_page.render(request, customer=customer)
