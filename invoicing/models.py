"""The models of invoicing live with their areas; Django finds them all through this module."""

from invoicing.billing.models import (
    CheckFailure,
    CheckRun,
    CustomerErpAccount,
    ErpFile,
    ErpSettings,
    ImmutableRecord,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
)
from invoicing.budget.models import BudgetMonth, CostOutcome
from invoicing.closing import BilledMonth
from invoicing.prices.models import PriceItem, PriceList
from invoicing.timereport.models import TimeEntry, TimeImport
from invoicing.volumes.models import MonthlyVolume, VolumeCount, VolumeDocument, VolumeImport

__all__ = [
    "BilledMonth",
    "BudgetMonth",
    "CheckFailure",
    "CheckRun",
    "CostOutcome",
    "CustomerErpAccount",
    "ErpFile",
    "ErpSettings",
    "ImmutableRecord",
    "Invoice",
    "InvoiceLine",
    "InvoiceSeries",
    "MonthlyVolume",
    "PriceItem",
    "PriceList",
    "TimeEntry",
    "TimeImport",
    "VolumeCount",
    "VolumeDocument",
    "VolumeImport",
]
