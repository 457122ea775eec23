"""Free-text search over model fields: PostgreSQL's full-text search with the Swedish
configuration (stemming: "fakturor" finds "faktura"), and a plain substring search elsewhere.

SQLite has no Swedish stemmer, so there every word must occur somewhere in the fields as it
was typed; that is good enough for development and the demo, and the tests run both.
"""

from functools import reduce
from operator import and_, or_

from django.db import connections
from django.db.models import Q

CONFIG = "swedish"


def is_full_text(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def text_search(queryset, *, fields: list[str], query: str):
    """The rows of `queryset` that match `query`, best match first on PostgreSQL."""
    query = query.strip()
    if not query:
        return queryset.none()
    if is_full_text(queryset):
        # Imported here: the module needs psycopg, which a SQLite installation may lack.
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*fields, config=CONFIG)
        # websearch: what people type into a search box ("faktura -påminnelse", quotes).
        search_query = SearchQuery(query, config=CONFIG, search_type="websearch")
        return (
            queryset.annotate(search_vector=vector)
            .filter(search_vector=search_query)
            .annotate(search_rank=SearchRank(vector, search_query))
            .order_by("-search_rank")
        )
    words = query.split()
    matches = [
        reduce(or_, [Q(**{f"{field}__icontains": word}) for field in fields]) for word in words
    ]
    return queryset.filter(reduce(and_, matches))
