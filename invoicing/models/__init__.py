from invoicing.models.billing import (
    BillingRun,
    CheckFailure,
    CheckRun,
    ErpFile,
    ImmutableRecord,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
)
from invoicing.models.budget import BudgetMonth, CostOutcome
from invoicing.models.erp import CustomerErpAccount, ErpSettings
from invoicing.models.prices import PriceItem, PriceList
from invoicing.models.timereport import TimeEntry, TimeImport
from invoicing.models.volumes import (
    BilledMonth,
    MonthlyVolume,
    VolumeCount,
    VolumeDocument,
    VolumeImport,
)

__all__ = [
    "BilledMonth",
    "BillingRun",
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
