"""Value types of search: who is looking, what is indexed, what a search asks and what it returns.

Other apps import this module and `search.service`, nothing else of `search`.
"""

import datetime
from dataclasses import asdict, dataclass, field

from django.db import models


class Visibility(models.TextChoices):
    """Who a document is for: everyone, or members only (values are the exchange format's)."""

    PUBLIC = "public", "public"
    MEMBERS = "members", "members"


@dataclass(frozen=True)
class Audience:
    """Who is looking, as far as search is concerned: the document visibilities they may read.

    Which audience a person belongs to is decided in one place, `accounts.selectors.audience_for`;
    search only reads it. Two audiences with the same visibilities see exactly the same.
    """

    name: str
    visibilities: frozenset[str]

    def may_see(self, visibility: str) -> bool:
        return visibility in self.visibilities

    @property
    def key(self) -> tuple[str, ...]:
        """The visibilities in a fixed order: a cache key, or the indexes to read."""
        return tuple(sorted(self.visibilities))


PUBLIC = Audience(name="public", visibilities=frozenset({Visibility.PUBLIC.value}))  # least privilege


@dataclass(frozen=True)
class CaptionCue:
    """One caption of a video: where it starts (seconds) and what is said."""

    start: float
    text: str


def page_link(url: str, page: int) -> str:
    """The address of a PDF opened at `page` (browsers' PDF viewers read #page=N); "" without a PDF."""
    return f"{url}#page={page}" if url else ""


@dataclass(frozen=True)
class AttachmentPage:
    """The text of one page of an attached PDF."""

    title: str
    page: int
    text: str
    url: str = ""  # the PDF's address; a hit links to it with #page=N


@dataclass(frozen=True)
class SearchDocument:
    """Everything search needs to know about one item, whatever app it comes from."""

    id: str  # the external id of the exchange format
    type: str  # a content type key: case | video | article | document | question
    title: str
    summary: str
    body: str
    url: str
    published: datetime.date
    visibility: str = Visibility.PUBLIC
    municipalities: tuple[tuple[str, str, str], ...] = ()  # (CBS code, name, province)
    laws: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    cues: tuple[CaptionCue, ...] = ()
    pages: tuple[AttachmentPage, ...] = field(default_factory=tuple)
    # A ranking factor of the item itself, the same in every backend: 1 is neutral, above 1 ranks higher
    # (a forum question with an accepted answer: forum.search.ACCEPTED_BOOST).
    boost: float = 1.0

    @property
    def rank_boost(self) -> float:
        """`boost` as the backends apply it: kept between 0.1 and 10, so no item can swamp the text score."""
        return max(0.1, min(float(self.boost), 10.0))

    @property
    def full_text(self) -> str:
        """Body, every caption and every PDF page: what ranks as body text."""
        return "\n".join(
            [self.body, *(cue.text for cue in self.cues), *(page.text for page in self.pages)]
        ).strip()

    def passages(self) -> list[dict]:
        """The pieces a snippet can come from: the body, each caption cue (with its second), each PDF page."""
        result = [{"kind": "body", "text": self.body}] if self.body else []
        result += [{"kind": "cue", "start": cue.start, "text": cue.text} for cue in self.cues]
        result += [
            {"kind": "page", "page": p.page, "title": p.title, "url": p.url, "text": p.text}
            for p in self.pages
        ]
        return result


@dataclass(frozen=True)
class BackendHealth:
    """A backend's state as /healthz and `pgb search status` report it."""

    backend: str
    status: str  # "ok", "degraded" or "error"
    detail: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


# The filters a search accepts; values within one filter are OR-ed, different filters AND-ed.
FILTER_FIELDS = ("type", "theme", "law", "municipality", "province", "year")
SORTS = ("relevance", "newest")
MAX_PAGE_SIZE = 50
# How deep results can be paged: Elasticsearch's max_result_window, and more than anyone reads.
MAX_RESULTS_PAGED = 10_000


@dataclass(frozen=True)
class SearchRequest:
    """One search as a visitor or API client asks it. `search.params.parse` builds it from a request."""

    text: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (field, values) pairs, fields in FILTER_FIELDS
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    audience: Audience = PUBLIC
    facets: bool = True
    log: bool = False  # record the query (without personal data) for the editors' query report
    promoted: tuple[str, ...] = ()  # ids editors pinned for this text; filled in by the service

    def selected(self, field: str) -> tuple[str, ...]:
        for name, values in self.filters:
            if name == field:
                return values
        return ()

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    """One result: what the result list and the API show of an item."""

    id: str
    type: str
    title: str
    url: str
    summary: str
    highlight: str  # HTML-safe snippet with <mark> around the words that matched
    published: datetime.date
    municipalities: tuple[tuple[str, str], ...] = ()  # (CBS code, name)
    laws: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    timestamp: float | None = None  # video: the second of the best-matching caption cue
    page: int | None = None  # the PDF page of the best-matching passage, when that is a PDF's page
    page_title: str = ""  # that PDF's name
    page_url: str = ""  # that PDF, opened at the page (…#page=N)
    promoted: bool = False
    # The concepts of the query (words as typed) this item does not match; empty: it matches them all.
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A title offered while the visitor types."""

    title: str
    url: str
    type: str


@dataclass(frozen=True)
class BackendResults:
    """What a backend answers: the hits of the page asked for, the total and facet counts by value.

    Labels are not a backend's business: the service turns counts into labelled `FacetValue`s.
    """

    total: int
    hits: list[Hit]
    facet_counts: dict[str, dict[str, int]]
    suggestion: str | None = None  # "Bedoelde u …?" for a misspelled query
    backend: str = ""  # the name of the backend that answered
    degraded: bool = False  # the configured backend failed and the database answered
    # How many of the `total` results match every concept of the query (all of them without text).
    complete: int | None = None
    concepts: tuple[str, ...] = ()  # what the visitor asked for: the query's concepts, as typed
    unmatched: tuple[str, ...] = ()  # those of `concepts` that match no visible item


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResults:
    """What the search page and the API show: a backend's results with labels, and which backend answered."""

    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    backend: str
    degraded: bool = False  # the configured backend failed and the database answered
    suggestion: str | None = None
    complete: int = 0  # how many results match every concept of the query (see BackendResults)
    concepts: tuple[str, ...] = ()
    unmatched: tuple[str, ...] = ()

    @property
    def matched_concepts(self) -> tuple[str, ...]:
        """The concepts of the query that match something ("wel met: pgb")."""
        return tuple(concept for concept in self.concepts if concept not in self.unmatched)

    @property
    def partial(self) -> int:
        """Results shown after the complete ones, each missing part of the query."""
        return self.total - self.complete

    @property
    def pages(self) -> int:
        """Result pages that can be asked for (at most MAX_RESULTS_PAGED results deep)."""
        reachable = min(self.total, MAX_RESULTS_PAGED)
        return max(1, -(-reachable // self.request.page_size))
