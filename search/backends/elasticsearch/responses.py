"""Turning Elasticsearch answers into the backend-neutral results of `search.types`."""

import datetime

from django.utils.html import escape

from search.analysis import fold
from search.backends.elasticsearch.queries import CONCEPT, SNIPPET_CHARS
from search.types import FILTER_FIELDS, BackendResults, Hit, SearchRequest, Suggestion, page_link


def parse_hit(raw: dict, promoted=(), concepts: list[str] = ()) -> Hit:
    """A Hit from one hit of a search response (`_source`, `highlight`, `inner_hits`); the concepts it
    lacks are those whose named query it did not match."""
    doc = raw["_source"]
    highlight = raw.get("highlight", {})
    inner = raw.get("inner_hits", {}).get("passages", {}).get("hits", {}).get("hits", [])
    passage = inner[0] if inner else None
    snippet = ""
    timestamp = page = None
    page_title = page_url = ""
    if passage:
        source = passage["_source"]
        kind = source.get("kind")
        snippet = (passage.get("highlight", {}).get("passages.text") or [""])[0]
        if kind == "cue" and doc["type"] == "video":
            timestamp = source.get("start")
        if kind == "page" and source.get("page"):
            page, page_title = int(source["page"]), source.get("title", "")
            page_url = page_link(source.get("url", ""), page)
    if not snippet:
        snippet = (highlight.get("body") or highlight.get("summary") or [""])[0]
    if not snippet:
        summary = doc.get("summary", "")
        snippet = escape(
            summary if len(summary) <= SNIPPET_CHARS else summary[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
        )
    return Hit(
        id=doc["doc_id"],
        type=doc["type"],
        title=doc["title"],
        url=doc["url"],
        summary=doc.get("summary", ""),
        highlight=snippet,
        published=datetime.date.fromisoformat(doc["published"][:10]),
        municipalities=tuple((m["code"], m["name"]) for m in doc.get("municipality_details", [])),
        laws=tuple(doc.get("laws", [])),
        themes=tuple(doc.get("themes", [])),
        timestamp=timestamp,
        page=page,
        page_title=page_title,
        page_url=page_url,
        promoted=doc["doc_id"] in promoted,
        missing=tuple(
            text
            for number, text in enumerate(concepts)
            if CONCEPT.format(number) not in raw.get("matched_queries", ())
        ),
    )


def parse_facet_counts(aggregations: dict) -> dict[str, dict[str, int]]:
    return {
        field: {
            str(b["key"]): b["doc_count"]
            for b in aggregations.get(field, {}).get("values", {}).get("buckets", [])
        }
        for field in FILTER_FIELDS
    }


def parse_suggestion(suggest: dict, text: str) -> str | None:
    for entry in suggest.get("spelling", []):
        for option in entry.get("options", []):
            if fold(option["text"]) != fold(" ".join(text.split())):
                return option["text"]
    return None


def parse_response(response: dict, request: SearchRequest, concepts: list[str] = ()) -> BackendResults:
    """Results from a search response; `concepts` are those the search was built with (as typed)."""
    hits = response.get("hits", {})
    total = hits.get("total", {})
    total = total["value"] if isinstance(total, dict) else int(total or 0)
    aggregations = response.get("aggregations", {})
    counts = aggregations.get("concepts", {}).get("buckets", {})
    return BackendResults(
        total=total,
        hits=[parse_hit(raw, request.promoted, concepts) for raw in hits.get("hits", [])],
        complete=aggregations.get("complete", {}).get("doc_count", 0) if concepts else total,
        concepts=tuple(concepts),
        unmatched=tuple(
            text
            for number, text in enumerate(concepts)
            if not counts.get(CONCEPT.format(number), {}).get("doc_count", 0)
        ),
        facet_counts=parse_facet_counts(aggregations) if request.facets else {},
        suggestion=parse_suggestion(response.get("suggest", {}), request.text)
        if request.text.strip()
        else None,
        backend="elasticsearch",
    )


def parse_suggestions(response: dict) -> list[Suggestion]:
    return [
        Suggestion(title=hit["_source"]["title"], url=hit["_source"]["url"], type=hit["_source"]["type"])
        for hit in response["hits"]["hits"]
    ]
