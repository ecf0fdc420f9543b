"""Reading knowledge pages into the exchange format (shared by cms and media) and fingerprinting items."""

import hashlib
from collections.abc import Iterator
from pathlib import Path

from wagtail.utils.file import hash_filelike

from cms.exchange.richtext import richtext_to_markdown
from cms.models import KnowledgePage


def taxonomy_export(obj) -> dict:
    """The tag fields of a page or question as the exchange format writes them (sorted codes/slugs)."""
    return {
        "municipalities": sorted(m.code for m in obj.municipalities.all()),
        "laws": sorted(law.slug for law in obj.laws.all()),
        "themes": sorted(theme.slug for theme in obj.themes.all()),
    }


def common_export(page: KnowledgePage) -> dict:
    """The shared fields of `page` as an exchange-format item (attachments filled in by the caller)."""
    item = {
        "id": page.external_id,
        "type": page.content_type_key,
        "title": page.title,
        "summary": page.summary,
        "body": "",
        **taxonomy_export(page),
        "published": page.published_date.isoformat(),
    }
    if page.author_name or page.author_organisation:
        item["author"] = {"name": page.author_name, "organisation": page.author_organisation}
    if page.last_reviewed:
        item["last_reviewed"] = page.last_reviewed.isoformat()
    item["_attachments"] = [(a.label, a.document) for a in page.attachments.all()]
    return item


def pages_for_export(model: type[KnowledgePage]) -> Iterator[KnowledgePage]:
    """Every page of `model` (live or not: export is an operator's full copy), oldest id first."""
    yield from (
        model.objects.order_by("pk")
        .prefetch_related("municipalities", "laws", "themes", "attachments__document")
        .iterator(chunk_size=200)
    )


def body_markdown(stream) -> str:
    """A plain text/section StreamField as Markdown (used by articles, videos and documents)."""
    parts = []
    for block in stream:
        if block.block_type == "text":
            parts.append(richtext_to_markdown(block.value.source))
        elif block.block_type == "section":
            parts.append(f"## {block.value['heading']}\n\n{richtext_to_markdown(block.value['text'].source)}")
    return "\n\n".join(p for p in parts if p)


def fingerprint_of(item: dict, attachments: list[tuple[str, Path]]) -> str:
    """A hash of the item as given plus its attachment files' contents: equal means nothing changed."""
    import json

    digest = hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode())
    for _title, path in attachments:
        with path.open("rb") as handle:
            digest.update(hash_filelike(handle).encode())
    return digest.hexdigest()
