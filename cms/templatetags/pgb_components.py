"""The shared page components (pgbplatform/templates/components/): card, pagination, breadcrumbs,
facts panel and page header. Each tag turns what a template has into what its component shows."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms import content_types, formats
from cms.pagination import page_links
from search.types import Hit

register = template.Library()


@register.filter
def type_label(item) -> str:
    """'Goed voorbeeld', 'Uitlegvideo', …: the kind of a page, question or search hit, one name everywhere."""
    content_type = content_types.get(item.type) if isinstance(item, Hit) else content_types.for_object(item)
    return str(content_type.label) if content_type else ""


def _hit_card(hit: Hit, named: tuple[str, ...] = (), details: dict | None = None) -> dict:
    """A search hit; `named` are concepts the page already said match nothing (not repeated per hit);
    `details` what its content type adds on a browse page (ContentType.card_details)."""
    details = details or {}
    meta = []
    url = hit.url
    if hit.timestamp is not None:  # the video page starts its player there (VideoPage.start_at)
        url += f"?t={int(hit.timestamp)}"
        meta.append(_("At %(moment)s in the video") % {"moment": formats.timestamp(hit.timestamp)})
    pdf = None
    if hit.page:
        meta.append(_("Page %(page)s of the document") % {"page": hit.page})
        if hit.page_url:  # the browser's PDF viewer opens the file at that page
            pdf = {
                "url": hit.page_url,
                "text": _("Open %(title)s at page %(page)s")
                % {"title": hit.page_title or hit.title, "page": hit.page},
            }
    if hit.municipalities:
        meta.append(", ".join(name for _code, name in hit.municipalities))
    return {
        "type_label": type_label(hit),
        "badges": [
            *([{"text": _("Recommended"), "css": "pgb-result__promoted"}] if hit.promoted else []),
            *details.get("badges", []),
        ],
        "title": hit.title,
        "url": url,
        "snippet": mark_safe(hit.highlight),  # nosec B308 B703 # the search backends escape everything but <mark>
        "date": hit.published,
        "meta": [*details.get("meta", []), *meta],
        "missing": [concept for concept in hit.missing if concept not in named],
        "pdf": pdf,
    }


def _item_card(item) -> dict:
    """A knowledge page or a forum question; an item may add `card_meta()` and `card_badges()`
    (a question: its gemeente, answers, whether one is accepted, members only)."""
    url = item.get_absolute_url() if hasattr(item, "get_absolute_url") else item.url
    return {
        "type_label": type_label(item),
        "badges": item.card_badges() if hasattr(item, "card_badges") else [],
        "title": item.title,
        "url": url,
        "summary": getattr(item, "summary", ""),
        "date": item.published_date,
        "meta": item.card_meta() if hasattr(item, "card_meta") else [],
        "tags": item,
    }


@register.inclusion_tag("components/card.html")
def card(item, heading_level: int = 2, named=(), details=None) -> dict:
    """A card for a page, a question or a search hit, under a heading of `heading_level` (2-4); a hit
    says which words of the query it lacks, but those in `named` (said above the results already),
    and shows the `details` its type adds, if given."""
    hit = isinstance(item, Hit)
    return {
        "card": _hit_card(item, tuple(named or ()), details or None) if hit else _item_card(item),
        "heading_level": min(4, max(2, int(heading_level))),
    }


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, number: int, pages: int, label: str = "") -> dict:
    """Page links for page `number` of `pages`, keeping the current query string."""
    number, pages = int(number), int(pages)
    links = page_links(context["request"].GET, number, pages)
    by_number = {link["number"]: link for link in links if "number" in link}
    return {
        "links": links,
        "label": label or _("Pages"),
        "previous": by_number.get(number - 1),
        "next": by_number.get(number + 1),
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context) -> dict:
    """Home, then the Wagtail page's ancestors (a listing named by its content type), or the view's
    `breadcrumb_trail` of (title, url). Nothing on the home page itself."""
    page = context.get("page")
    if isinstance(page, Page):
        if page.depth <= 2:
            return {"crumbs": []}
        trail = [
            (_crumb_title(ancestor), ancestor.url)
            for ancestor in page.get_ancestors().filter(depth__gt=2).specific()
        ]
    else:
        trail = list(context.get("breadcrumb_trail") or [])
    return {"crumbs": [(_("Home"), "/"), *trail]}


def _crumb_title(page) -> str:
    listed = getattr(page, "listed_model", None)
    content_type = content_types.for_model(listed) if listed else None
    return str(content_type.plural) if content_type else page.title


@register.inclusion_tag("components/facts.html")
def facts(page) -> dict:
    """The 'Gegevens' panel of a knowledge page: what its type adds (speaker, duration), then
    publication, review and author."""
    return {"facts": page.facts()}


@register.inclusion_tag("components/page_header.html")
def page_header(page) -> dict:
    """The heading block of a knowledge page: its kind (and status), title, summary and tags."""
    status = getattr(page, "get_status_display", None)
    return {
        "page": page,
        "type_label": type_label(page),
        "status": status() if status and page.status else "",
    }


@register.simple_tag
def listing_title(page) -> str:
    """The heading of a listing page: the plural of the type it lists (one name everywhere)."""
    return _crumb_title(page)
