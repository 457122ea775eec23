from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from customers.models import Customer

# Agresso codes are short uppercase strings; a space or a lowercase letter would be kept in
# the fixed-width file and then not match the ERP's master data.
ERP_CODE = RegexValidator(
    r"^[A-Z0-9_.-]+$", _("Use capital letters, digits, dots, hyphens and underscores only.")
)
CODE_LENGTH = 25


def erp_code(verbose_name, **kwargs):
    return models.CharField(verbose_name, max_length=CODE_LENGTH, validators=[ERP_CODE], **kwargs)


class ErpSettings(models.Model):
    """The one row of settings for the GL07 file of internal charging."""

    client = erp_code(_("client"), default="SF")
    voucher_type = erp_code(_("voucher type"), default="ID")
    revenue_account = erp_code(_("revenue account"), default="3590")
    revenue_dimension = erp_code(
        _("our dimension on revenue lines"), blank=True, help_text=_("For example our cost centre.")
    )
    default_cost_account = erp_code(
        _("default cost account for customers"),
        default="6590",
        help_text=_("Used for a customer that has no cost account of its own."),
    )

    class Meta:
        verbose_name = _("ERP settings")
        verbose_name_plural = _("ERP settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


class CustomerErpAccount(models.Model):
    customer = models.OneToOneField(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="erp_account"
    )
    cost_account = erp_code(_("cost account"), blank=True)
    dimension = erp_code(
        _("dimension"), blank=True, help_text=_("Empty: the customer code is used.")
    )

    class Meta:
        ordering = ["customer__code"]
        verbose_name = _("customer's ERP account")
        verbose_name_plural = _("customers' ERP accounts")

    def __str__(self):
        return f"{self.customer.code} {self.cost_account}"
