"""Customer records kept by more than one app (log entries, meetings, complaints) on one
timeline and behind one search box.

Each app registers a source from its AppConfig.ready(); the page that shows the timeline or
the search results asks this registry, so no app imports a sibling and ekonomi names none.
A source answers for one user: it applies the user's scope (a bound controller sees their
own customer only, and never what is marked internal) before anything reaches this module.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise


@dataclass(frozen=True)
class Record:
    date: date
    kind: str  # what the record is, as the user reads it ("Telefon", "Klagomål", "Möte")
    title: str
    url: str
    customer_code: str
    text: str = ""
    status: str = ""  # a word, never only a colour


@dataclass(frozen=True)
class Source:
    key: str
    label: Promise
    order: int
    # timeline(user=, customer=, limit=) and search(user=, query=, limit=) -> list[Record]
    timeline: Callable
    search: Callable


@dataclass(frozen=True)
class SearchResult:
    source: Source
    records: list[Record]


class Sources:
    def __init__(self):
        self._sources: dict[str, Source] = {}

    def register(self, key, *, label, order, timeline, search):
        # Keyed, so that ready() running twice registers a source once.
        self._sources[key] = Source(key, label, order, timeline, search)

    def sources(self) -> list[Source]:
        return sorted(self._sources.values(), key=lambda source: (source.order, source.key))

    def timeline(self, *, user, customer, limit) -> list[Record]:
        """The newest `limit` records about one customer from every source, newest first."""
        records = [
            record
            for source in self.sources()
            for record in source.timeline(user=user, customer=customer, limit=limit)
        ]
        return sorted(records, key=lambda record: record.date, reverse=True)[:limit]

    def search(self, *, user, query, limit) -> list[SearchResult]:
        return [
            SearchResult(source, source.search(user=user, query=query, limit=limit))
            for source in self.sources()
        ]


customer_records = Sources()
