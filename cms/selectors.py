"""Reads of published content for listings, browse pages and the home page."""

from django.db.models import QuerySet

from cms.models import KnowledgePage, Law, Municipality, Theme

LISTING_PREFETCH = ("municipalities", "laws", "themes")


def knowledge_list_published() -> QuerySet[KnowledgePage]:
    """Every live, publicly viewable knowledge page, newest first, with its tags prefetched."""
    return (
        KnowledgePage.objects.live()
        .public()
        .select_related("content_type")
        .prefetch_related(*LISTING_PREFETCH)
        .order_by("-published_date", "-pk")
    )


def knowledge_list_for_law(*, law: Law) -> QuerySet[KnowledgePage]:
    return knowledge_list_published().filter(laws=law)


def knowledge_list_for_theme(*, theme: Theme) -> QuerySet[KnowledgePage]:
    return knowledge_list_published().filter(themes=theme)


def knowledge_list_for_municipality(*, municipality: Municipality) -> QuerySet[KnowledgePage]:
    return knowledge_list_published().filter(municipalities=municipality)


def latest_published(model: type[KnowledgePage], limit: int) -> QuerySet:
    """The newest `limit` live, public pages of `model`."""
    return (
        model.objects.live()
        .public()
        .prefetch_related(*LISTING_PREFETCH)
        .order_by("-published_date", "-pk")[:limit]
    )


def index_url(model) -> str:
    """The URL of the (single) listing page of type `model`, or "" when there is none yet."""
    page = model.objects.live().first()
    return page.url if page else ""


def home_context(*, request) -> dict:
    """The home page's sections (registered by the apps) and the browse lists."""
    from cms import home

    return {
        "home_sections": [
            {"section": section, "items": list(section.items(request))} for section in home.sections()
        ],
        "laws": Law.objects.all(),
        "themes": Theme.objects.all(),
    }


def theme_labels(slugs) -> dict[str, str]:
    """Theme names by slug, for search facets."""
    return dict(Theme.objects.filter(slug__in=list(slugs)).values_list("slug", "name"))


def law_labels(slugs) -> dict[str, str]:
    """Law abbreviations by slug (Wmo 2015, Jeugdwet, …), for search facets."""
    return dict(Law.objects.filter(slug__in=list(slugs)).values_list("slug", "abbreviation"))


def municipality_labels(codes) -> dict[str, str]:
    """Municipality names by CBS code (display name where set), for search facets."""
    return {m.code: m.label for m in Municipality.objects.filter(code__in=list(codes))}
