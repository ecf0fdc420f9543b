"""The cms app's models: taxonomy snippets and Wagtail page types."""

from cms.models.documents import DocumentText
from cms.models.pages import (
    ArticleIndexPage,
    ArticlePage,
    CaseIndexPage,
    CasePage,
    HomePage,
    IndexPage,
    KnowledgePage,
    KnowledgePageAttachment,
    StandardPage,
    new_external_id,
)
from cms.models.taxonomy import Law, Municipality, Theme

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "CaseIndexPage",
    "CasePage",
    "DocumentText",
    "HomePage",
    "IndexPage",
    "KnowledgePage",
    "KnowledgePageAttachment",
    "Law",
    "Municipality",
    "StandardPage",
    "Theme",
    "new_external_id",
]
