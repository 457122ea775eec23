from ekonomi.tabular.models import ColumnProfile
from ekonomi.tabular.schema import header_signature


def column_profile_for(*, kind, headers):
    """The saved profile for a file of `kind` with these headings, or None."""
    return ColumnProfile.objects.filter(kind=kind, signature=header_signature(headers)).first()


def column_profiles_by_signature(*, kind):
    """signature -> (name, mapping) for every profile of `kind`: a handful, read once a file."""
    return {
        signature: (name, mapping)
        for signature, name, mapping in ColumnProfile.objects.filter(kind=kind).values_list(
            "signature", "name", "mapping"
        )
    }
