"""Records that are written once and never changed: issued invoices and their lines, ERP files
and their links to invoices, billed months.

The ORM refuses every change here; on PostgreSQL the triggers of migration 0005 refuse the
same for raw SQL (see `invoicing/migrations/triggers.py`). A record with parts (an invoice's
lines, an ERP file's invoices) states at creation how many parts it has, so that a part
added after issue is refused too: by the ORM here, by a trigger in the database.
"""

from collections import Counter

from django.db import models


class ImmutableRecord(Exception):
    """An attempt to change or delete an issued record, or to add a part to it."""


class InsertOnlyQuerySet(models.QuerySet):
    """Bulk writes that would bypass save() and delete() are refused."""

    def update(self, **kwargs):
        raise ImmutableRecord(f"{self.model._meta.label} rows are issued and cannot be changed")

    def delete(self):
        raise ImmutableRecord(f"{self.model._meta.label} rows are issued and cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableRecord(f"{self.model._meta.label} rows are issued and cannot be changed")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise ImmutableRecord(f"{self.model._meta.label} rows are issued and cannot be changed")

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        self.model.refuse_extra_parts(objs)
        return super().bulk_create(objs, *args, **kwargs)


class InsertOnly(models.Model):
    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        # Django's own machinery (deletion collector, related managers) uses the base manager.
        base_manager_name = "objects"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord(f"{self._meta.label} {self.pk} is issued and cannot be changed")
        self.refuse_extra_parts([self])
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord(f"{self._meta.label} {self.pk} is issued and cannot be deleted")

    @classmethod
    def refuse_extra_parts(cls, objs):
        """A record that is part of another (a line of an invoice) overrides this."""


class PartOf(InsertOnly):
    """A part of an issued record; the whole states in `count_field` how many parts it has.

    Parts are written right after their whole, in the same transaction, and never later.
    """

    whole_field: str
    count_field: str

    class Meta:
        abstract = True
        base_manager_name = "objects"

    @classmethod
    def refuse_extra_parts(cls, objs):
        adding = Counter(getattr(obj, f"{cls.whole_field}_id") for obj in objs)
        wholes = {
            getattr(obj, f"{cls.whole_field}_id"): getattr(obj, cls.whole_field) for obj in objs
        }
        existing = Counter(
            dict(
                cls.objects.filter(**{f"{cls.whole_field}__in": adding.keys()})
                .values_list(cls.whole_field)
                .annotate(n=models.Count("*"))
                .order_by()
            )
        )
        for whole_id, count in adding.items():
            whole = wholes[whole_id]
            if existing[whole_id] + count > getattr(whole, cls.count_field):
                raise ImmutableRecord(
                    f"{whole._meta.label} {whole} is issued with "
                    f"{getattr(whole, cls.count_field)} {cls._meta.verbose_name_plural}; "
                    "no more can be added"
                )
