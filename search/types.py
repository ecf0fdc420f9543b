"""Value types shared by the search service, the content providers and (later) the backends."""

import datetime
from dataclasses import asdict, dataclass, field

from django.db import models


class Audience(models.TextChoices):
    """Who may find a document; a searcher sees PUBLIC, verified members and staff also MEMBERS."""

    PUBLIC = "public", "public"
    MEMBERS = "members", "members"


@dataclass(frozen=True)
class CaptionCue:
    """One caption of a video: where it starts (seconds) and what is said."""

    start: float
    text: str


@dataclass(frozen=True)
class AttachmentPage:
    """The text of one page of an attached PDF."""

    title: str
    page: int
    text: str


@dataclass(frozen=True)
class SearchDocument:
    """Everything search needs to know about one item, whatever app it comes from."""

    id: str  # the external id of the exchange format
    type: str  # case | video | article | document | question
    title: str
    summary: str
    body: str
    url: str
    published: datetime.date
    audience: str = Audience.PUBLIC
    municipalities: tuple[tuple[str, str, str], ...] = ()  # (CBS code, name, province)
    laws: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    cues: tuple[CaptionCue, ...] = ()
    pages: tuple[AttachmentPage, ...] = field(default_factory=tuple)

    @property
    def year(self) -> int:
        return self.published.year


@dataclass(frozen=True)
class BackendHealth:
    """A backend's state as /healthz and `pgb search status` report it."""

    backend: str
    status: str  # "ok", "degraded" or "error"
    detail: str = ""

    def as_dict(self) -> dict:
        return asdict(self)
