"""Exchange-format handlers for the cms app's types: good-practice cases and articles."""

from collections.abc import Iterator
from typing import Any, Protocol

from cms import services
from cms.blocks import CASE_SECTIONS
from cms.bulk import NewPages
from cms.constants import CaseStatus
from cms.exchange import limits, pages
from cms.exchange.richtext import markdown_to_richtext, richtext_to_markdown, split_sections
from cms.exchange.types import ImportContext
from cms.exchange.validation import Checker, CleanItem, shown
from cms.models import ArticlePage, CasePage
from cms.services import PageFields

# Markdown heading text -> case block name ("Aanleiding" -> "aanleiding"); export writes them back.
CASE_HEADINGS = {name: name.capitalize() for name in CASE_SECTIONS}


class ItemHandler(Protocol):
    """How one content type reads and writes the exchange format (registered with its ContentType)."""

    def check(self, item: dict, clean: CleanItem, checker: Checker) -> None:
        """Validate the type's own fields; put cleaned values in `clean.extra` and `clean.attachments`."""

    def find(self, external_id: str) -> Any | None:
        """The stored object with this external id, or None."""

    def existing_ids(self, ids: list[str]) -> set[str]:
        """Which of `ids` are stored as this type."""

    def write(self, clean: CleanItem, existing: Any | None, fingerprint: str, ctx: ImportContext) -> Any:
        """Create or update the object for `clean` (through the owning app's services); return it."""

    def export(self) -> Iterator[tuple[Any, dict]]:
        """Every stored object of this type with its item dict (attachments as (title, Document))."""


def text_body(markdown: str) -> list[tuple[str, object]]:
    """StreamField data for a body without fixed sections: one rich-text block."""
    html = markdown_to_richtext(markdown)
    return [("text", html)] if html else []


def case_body(markdown: str) -> list[tuple[str, object]]:
    """StreamField data for a case: the four named sections, other headings as `section` blocks."""
    blocks: list[tuple[str, object]] = []
    for heading, text in split_sections(markdown):
        html = markdown_to_richtext(text)
        if heading is None:
            if html:
                blocks.append(("text", html))
        elif heading.lower() in CASE_HEADINGS:
            blocks.append((heading.lower(), html))
        else:
            blocks.append(("section", {"heading": heading, "text": html}))
    return blocks


def case_markdown(stream) -> str:
    parts = []
    for block in stream:
        if block.block_type in CASE_HEADINGS:
            text = richtext_to_markdown(block.value.source)
            parts.append(f"## {CASE_HEADINGS[block.block_type]}" + (f"\n\n{text}" if text else ""))
        elif block.block_type == "text":
            parts.append(richtext_to_markdown(block.value.source))
        elif block.block_type == "section":
            text = richtext_to_markdown(block.value["text"].source)
            parts.append(f"## {block.value['heading']}" + (f"\n\n{text}" if text else ""))
    return "\n\n".join(p for p in parts if p)


def page_fields(clean: CleanItem) -> PageFields:
    """The shared fields of a validated item, as the page services take them."""
    return PageFields(
        title=clean.title,
        summary=clean.summary,
        published=clean.published,
        last_reviewed=clean.last_reviewed,
        author_name=clean.author_name,
        author_organisation=clean.author_organisation,
        municipalities=clean.municipalities,
        laws=clean.laws,
        themes=clean.themes,
        attachments=clean.attachments,
    )


class PageHandler:
    """What every page-backed type shares: validation of files, export; `save` calls the type's service."""

    model = None
    attachments_required = False

    def find(self, external_id: str):
        return self.model.objects.filter(external_id=external_id).first()

    def existing_ids(self, ids: list[str]) -> set[str]:
        return set(self.model.objects.filter(external_id__in=ids).values_list("external_id", flat=True))

    def check(self, item: dict, clean: CleanItem, checker: Checker) -> None:
        clean.attachments = checker.attachments(required=self.attachments_required)
        self.check_own(item, clean, checker)

    def check_own(self, item: dict, clean: CleanItem, checker: Checker) -> None:
        pass

    def write(self, clean: CleanItem, existing, fingerprint: str, ctx: ImportContext):
        placement = {"external_id": clean.id, "import_fingerprint": fingerprint, "tree": ctx.tree}
        page = existing.specific if existing is not None else None
        if page is None:
            placement["batch"] = ctx.batch("pages", NewPages)
        return self.save(page, clean, page_fields(clean), placement)

    def save(self, page, clean: CleanItem, fields: PageFields, placement: dict):
        """Create or update the page through its app's service."""
        raise NotImplementedError

    def export(self) -> Iterator[tuple[object, dict]]:
        for page in pages.pages_for_export(self.model):
            item = pages.common_export(page)
            item["body"] = self.body_export(page)
            self.export_own(page, item)
            yield page, item

    def body_export(self, page) -> str:
        return pages.body_markdown(page.body)

    def export_own(self, page, item: dict) -> None:
        pass


class CaseHandler(PageHandler):
    model = CasePage

    def check_own(self, item, clean, checker):
        status = item.get("status")
        if status is not None and (not isinstance(status, str) or status not in CaseStatus.values):
            checker.error("status", f"must be one of {', '.join(CaseStatus.values)}, not {shown(status)}")
            status = None
        contact = checker.obj(item, "contact", "contact")
        name_max = limits.MAX_NAME
        clean.extra = {
            "status": status or "",
            "contact_name": checker.string(contact, "name", "contact.name", required=False, max_len=name_max),
            "contact_role": checker.string(contact, "role", "contact.role", required=False, max_len=name_max),
            "contact_email": checker.email(contact, "email", "contact.email"),
        }

    def save(self, page, clean, fields, placement):
        return services.case_save(
            case=page, fields=fields, body=case_body(clean.body), **clean.extra, **placement
        )

    def body_export(self, page):
        return case_markdown(page.body)

    def export_own(self, page, item):
        if page.contact_name or page.contact_role or page.contact_email:
            item["contact"] = {
                "name": page.contact_name,
                "role": page.contact_role,
                "email": page.contact_email,
            }
        if page.status:
            item["status"] = page.status


class ArticleHandler(PageHandler):
    model = ArticlePage

    def save(self, page, clean, fields, placement):
        return services.article_save(article=page, fields=fields, body=text_body(clean.body), **placement)
