from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from ekonomi import access
        from ekonomi.navigation import Area, Link, menu
        from ekonomi.panels import start_page
        from indicators.assessment import tasks  # noqa: F401 (registers the job kind)
        from indicators.dashboard import panels

        menu.register(
            Area(
                "indicators",
                _("Indicators"),
                "/indikatorer/",
                order=30,
                links=[
                    Link(_("Dashboard"), "indicators:dashboard", access.INDICATORS_READ),
                    Link(_("Units"), "indicators:unit_index", access.INDICATORS_READ),
                    Link(_("Staffing"), "indicators:staffing", access.INDICATORS_READ),
                    Link(_("Employees"), "indicators:employees", access.STAFFING_PEOPLE),
                    Link(_("Forecast"), "indicators:forecast", access.INDICATORS_READ),
                    Link(_("Phone"), "indicators:phone", access.INDICATORS_READ),
                    Link(_("Sick leave"), "indicators:sick_leave", access.INDICATORS_READ),
                    Link(_("Surveys"), "indicators:surveys", access.INDICATORS_READ),
                    Link(_("Targets"), "indicators:targets", access.INDICATORS_READ),
                    Link(_("Commitments"), "indicators:commitments", access.INDICATORS_READ),
                    Link(_("Self-assessment"), "indicators:assessments", access.INDICATORS_READ),
                ],
            )
        )
        # After the administrators' failed checks (5) and the customer count (10): the
        # management group's key indicators for the latest month with volumes.
        start_page.register(
            "indicators/_start_indicators.html",
            panels.start_page_context,
            order=30,
            rule=access.INDICATORS_READ,
        )

    def load_demo(self, data, *, activity):
        from indicators import demo

        return demo.load(data, activity=activity)
