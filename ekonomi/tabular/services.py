from django.db import transaction

from ekonomi.tabular.models import ColumnProfile
from ekonomi.tabular.schema import header_signature


@transaction.atomic
def column_profile_save(*, actor, name, kind, headers, mapping) -> ColumnProfile:
    """Save how the columns of a file map to fields: a later file of `kind` whose headings are
    the same after normalising is read with it. Saving again for those headings replaces it."""
    headers = [str(heading) for heading in headers]
    signature = header_signature(headers)
    profile = ColumnProfile.objects.select_for_update().filter(
        kind=kind, signature=signature
    ).first() or ColumnProfile(kind=kind, signature=signature)
    profile.name = name
    profile.headers = headers
    profile.mapping = list(mapping)
    profile.created_by = actor
    profile.full_clean()
    profile.save()
    return profile
