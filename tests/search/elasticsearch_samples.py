"""Documents the Elasticsearch tests index and read back: a video with a caption, a members-only PDF."""

import datetime

from search.types import AttachmentPage, CaptionCue, SearchDocument, Visibility

VIDEO = SearchDocument(
    id="video-trekkingsrecht",
    type="video",
    title="Zo werkt het trekkingsrecht",
    summary="Uitleg over de SVB.",
    body="Inleiding.",
    url="/video/trekkingsrecht/",
    published=datetime.date(2025, 1, 10),
    municipalities=(("GM0344", "Utrecht", "Utrecht"), ("GM0193", "Zwolle", "Overijssel")),
    laws=("wmo", "wlz"),
    themes=("trekkingsrecht",),
    cues=(CaptionCue(start=62.5, text="In het PGB Portaal ziet u uw declaraties."),),
)
DOCUMENT = SearchDocument(
    id="document-beleidsregels-ede",
    type="document",
    title="Beleidsregels pgb Ede 2024",
    summary="De beleidsregels.",
    body="",
    url="/documenten/beleidsregels-ede/",
    published=datetime.date(2024, 1, 1),
    visibility=Visibility.MEMBERS,
    pages=(
        AttachmentPage(
            title="Beleidsregels",
            page=3,
            text="Het informele tarief is 25 euro per uur.",
            url="/documents/7/b.pdf",
        ),
    ),
)
