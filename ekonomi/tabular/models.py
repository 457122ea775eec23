"""Saved column mappings ("source profiles"): how the columns of one kind of file, known by its
normalised headings, map to an import's fields. Found again by the signature of the headings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ColumnProfile(models.Model):
    name = models.CharField(_("name"), max_length=100)
    # The import it belongs to: a Schema's kind ("volumes", "hours", ...).
    kind = models.CharField(_("kind of import"), max_length=40)
    signature = models.CharField(_("header signature"), max_length=64, editable=False)
    # The file's own headings, and per heading a field key or "" (ignored), in file order.
    headers = models.JSONField(_("headings"))
    mapping = models.JSONField(_("mapping"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        app_label = "ekonomi"
        verbose_name = _("column profile")
        verbose_name_plural = _("column profiles")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "signature"], name="column_profile_one_per_signature"
            ),
            models.UniqueConstraint(fields=["kind", "name"], name="column_profile_unique_name"),
        ]

    def __str__(self):
        return self.name
