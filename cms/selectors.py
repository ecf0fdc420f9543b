"""Reads of published content for listings, browse pages, the gemeente directory and the home page."""

import contextvars
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, prefetch_related_objects
from wagtail.models import Page, ReferenceIndex, Site

from cms import content_types
from cms.models import KnowledgePage, KnowledgePageAttachment, Law, Municipality, Theme
from search import service as search_service
from search.types import Audience, SearchRequest

LISTING_PREFETCH = ("municipalities", "laws", "themes")


def municipality_item_counts(*, audience: Audience) -> dict[str, int]:
    """Items per gemeente (CBS code) as `audience` may see them: the search service's gemeente facet,
    so the numbers are those of the gemeente's own page. Gemeenten without items are absent."""
    results = search_service.search(SearchRequest(page_size=1, audience=audience))
    return {value.value: value.count for value in results.facets.get("municipality", []) if value.count}


def municipality_directory(*, audience: Audience) -> list[tuple[str, list[dict]]]:
    """Every gemeente by province (both alphabetical): [(province, [{municipality, count, key}])];
    `count` as `audience` may see it, `key` the folded names a visitor's filter is matched against."""
    counts = municipality_item_counts(audience=audience)
    municipalities = sorted(Municipality.objects.all(), key=lambda m: (m.province, fold(m.label)))
    return [
        (
            province,
            [
                {"municipality": m, "count": counts.get(m.code, 0), "key": f"{fold(m.label)} {fold(m.name)}"}
                for m in group
            ],
        )
        for province, group in groupby(municipalities, key=lambda m: m.province)
    ]


def fold(text: str) -> str:
    """`text` as a name filter compares it: lower case, without accents, spaces or punctuation
    ("'s-Gravenhage" -> "sgravenhage"); pgb/js/municipality-filter.js folds what is typed alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def latest(model: type[KnowledgePage], limit: int) -> Callable[[Audience], QuerySet]:
    """For a content type's home section: the newest `limit` live, public pages of `model` (their tags
    are fetched by `home_context`, for every section's pages at once).

    Pages behind a view restriction are never listed (`.public()`), whoever looks.
    """

    def newest(audience: Audience) -> QuerySet:
        return model.objects.live().public().order_by("-published_date", "-pk")[:limit]

    return newest


@dataclass(frozen=True)
class ListingUrl:
    """For a content type's listing: the URL of the (single) live listing page of type `model`."""

    model: type[Page]

    def __call__(self) -> str:
        return _listing_page_urls([self.model]).get(self.model, "")


listing_url = ListingUrl


def listing_urls(types: Iterable[content_types.ContentType]) -> dict[str, str]:
    """{type key: its listing's URL, "" while there is none}: the page-tree listings in one query (the
    main menu on every page asks for all of them). No request is passed to Wagtail: with one, it looks
    the site up in the database (a query on every page); without, it reads the site's root from the cache."""
    types = list(types)
    pages = _listing_page_urls([t.listing.model for t in types if isinstance(t.listing, ListingUrl)])
    return {
        t.key: pages.get(t.listing.model, "") if isinstance(t.listing, ListingUrl) else t.listing()
        for t in types
    }


def _listing_page_urls(models: list[type[Page]]) -> dict[type[Page], str]:
    by_content_type = {ContentType.objects.get_for_model(model).pk: model for model in models}
    urls: dict[type[Page], str] = {}
    found = (
        Page.objects.live()
        .filter(content_type_id__in=by_content_type)
        .only("id", "url_path", "content_type_id", "path", "depth", "locale_id")
        .order_by("pk")
    )
    roots = None
    for page in found:
        model = by_content_type[page.content_type_id]
        if model not in urls:
            # The site's root paths read once for all listings (Wagtail keeps them on the object it is
            # given as cache; without this, one cache read per page).
            roots = Site.get_site_root_paths() if roots is None else roots
            page._wagtail_cached_site_root_paths = roots
            urls[model] = page.url or ""
    return urls


def home_context(*, audience: Audience) -> dict:
    """The home page's sections (one per content type that has one) and the browse lists."""
    sections = []
    types = content_types.all()
    listings = listing_urls(types)
    for content_type in types:
        if content_type.home is not None:
            items = list(content_type.home(audience))
            if items:
                sections.append(
                    {"type": content_type, "items": items, "more_url": listings[content_type.key]}
                )
    # The cards' tags: one query per relation for the pages of all sections (they share the tables).
    pages = [item for section in sections for item in section["items"] if isinstance(item, KnowledgePage)]
    prefetch_related_objects(pages, *LISTING_PREFETCH)
    return {"home_sections": sections, "laws": Law.objects.all(), "themes": Theme.objects.all()}


def theme_labels(slugs) -> dict[str, str]:
    """Theme names by slug, for search facets."""
    return dict(Theme.objects.filter(slug__in=list(slugs)).values_list("slug", "name"))


def law_labels(slugs) -> dict[str, str]:
    """Law abbreviations by slug (Wmo 2015, Jeugdwet, …), for search facets."""
    return dict(Law.objects.filter(slug__in=list(slugs)).values_list("slug", "abbreviation"))


def municipality_labels(codes) -> dict[str, str]:
    """Municipality names by CBS code (display name where set), for search facets."""
    return {m.code: m.label for m in Municipality.objects.filter(code__in=list(codes))}


def province_labels(names) -> dict[str, str]:
    """The provinces among `names` that gemeenten are in (a province reads as its name)."""
    found = Municipality.objects.filter(province__in=list(names)).values_list("province", flat=True)
    return {name: name for name in set(found)}


@dataclass(frozen=True)
class Tags:
    """The taxonomy objects an item is tagged with."""

    municipalities: list[Municipality]
    laws: list[Law]
    themes: list[Theme]


_taxonomy: contextvars.ContextVar[dict | None] = contextvars.ContextVar("pgb_taxonomy", default=None)


def _taxonomy_by_key(*, municipalities=None, laws=None, themes=None) -> dict:
    """{"municipalities": {code: obj}, "laws": {slug: obj}, "themes": {slug: obj}}: all, or those asked."""

    def read(model, key: str, values):
        rows = model.objects.all() if values is None else model.objects.filter(**{f"{key}__in": values})
        return {getattr(row, key): row for row in rows}

    return {
        "municipalities": read(Municipality, "code", municipalities),
        "laws": read(Law, "slug", laws),
        "themes": read(Theme, "slug", themes),
    }


@contextmanager
def taxonomy_cached() -> Iterator[None]:
    """Within this block every law, theme and gemeente is read once (bulk writers such as the importer)."""
    token = _taxonomy.set(_taxonomy_by_key())
    try:
        yield
    finally:
        _taxonomy.reset(token)


def tags_for(*, municipalities: Iterable[str], laws: Iterable[str], themes: Iterable[str]) -> Tags:
    """The objects for CBS codes and law and theme slugs; raises ValidationError naming the unknown."""
    wanted = {"municipalities": list(municipalities), "laws": list(laws), "themes": list(themes)}
    known = _taxonomy.get() or _taxonomy_by_key(**wanted)
    errors = {
        name: f"unknown: {', '.join(sorted(set(values) - set(known[name])))}"
        for name, values in wanted.items()
        if set(values) - set(known[name])
    }
    if errors:
        raise ValidationError(errors)
    # In the order the database lists them (each model's ordering, in its collation), each once: as a page
    # or question reads its tags back, so a bulk writer can hold them in memory as written (cms.bulk).
    asked = {name: set(values) for name, values in wanted.items()}
    return Tags(**{name: [obj for key, obj in known[name].items() if key in asked[name]] for name in wanted})


def municipality_for_email(email: str) -> Municipality | None:
    """The gemeente that lists the domain of `email` (case-insensitive, exact domain), if any."""
    domain = email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""
    if not domain:
        return None
    for municipality in Municipality.objects.filter(email_domains__icontains=domain):
        if domain in municipality.domains:
            return municipality
    return None


def pages_showing_document(document) -> QuerySet:
    """The live pages that attach `document` or link to it (Wagtail's reference index)."""
    attached = KnowledgePageAttachment.objects.filter(document=document).values("page_id")
    referenced = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(Q(pk__in=attached) | Q(pk__in=[int(pk) for pk in referenced]))
