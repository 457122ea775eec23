from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Service
from ekonomi.money import money_field


class PriceList(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        error_messages={"unique": _("A price list for this year already exists.")},
    )
    note = models.TextField(_("note"), blank=True)
    # Set when an issued invoice has used the list: its prices are then part of the books.
    locked_reason = models.CharField(
        _("locked because"),
        max_length=200,
        blank=True,
        help_text=_("Empty while the list is open."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")

    def __str__(self):
        return str(self.year)

    @property
    def is_locked(self):
        return bool(self.locked_reason)

    def ensure_open(self):
        if self.is_locked:
            raise ValidationError(
                _("The price list %(year)s is locked and cannot be changed: %(reason)s")
                % {"year": self.year, "reason": self.locked_reason},
                code="locked",
            )


class PriceItem(models.Model):
    class Unit(models.TextChoices):
        INVOICE = "invoice", _("per invoice")
        CASE = "case", _("per case")
        HOUR = "hour", _("per hour")

    price_list = models.ForeignKey(
        PriceList, verbose_name=_("price list"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=150)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The service whose volumes the item prices; empty for hourly add-ons."),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    price = money_field(verbose_name=_("price (SEK)"), validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["price_list", "code"]
        verbose_name = _("price item")
        verbose_name_plural = _("price items")
        constraints = [
            models.UniqueConstraint(fields=["price_list", "code"], name="price_item_code_per_list"),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="price_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        # Here rather than only in the services, so that the admin's forms obey the lock too.
        if self.price_list_id:
            self.price_list.ensure_open()
