"""Videos kept on YouTube or Vimeo: which addresses are accepted, and how they are embedded.

Only these two hosts, only an address that names one video. The page never loads anything from them
until the visitor asks (see video_page.html): the embed address is put in place by a click.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d{1,12}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
# The embed hosts below are the CSP's frame-src (pgbplatform.settings).


@dataclass(frozen=True)
class ExternalVideo:
    provider: str  # "YouTube" or "Vimeo", as visitors read it
    video_id: str

    def embed_url(self, start: int = 0) -> str:
        """The player's address, starting at `start` seconds, playing at once (the visitor clicked)."""
        if self.provider == "YouTube":
            query = f"?autoplay=1&start={start}" if start else "?autoplay=1"
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}{query}"
        return f"https://player.vimeo.com/video/{self.video_id}?autoplay=1" + (
            f"#t={start}s" if start else ""
        )

    def watch_url(self) -> str:
        """The video on the provider's own site (the link for visitors without JavaScript)."""
        if self.provider == "YouTube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"


def parse(url: str) -> ExternalVideo | None:
    """The video a YouTube or Vimeo address names, or None for anything else."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme != "https" or parts.username or parts.password or parts.port:
        return None
    host, path = (parts.hostname or "").lower(), parts.path
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = path.strip("/")
        elif path == "/watch":
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif path.startswith(("/embed/", "/shorts/", "/live/")):
            candidate = path.split("/")[2]
        else:
            return None
        return ExternalVideo("YouTube", candidate) if _YOUTUBE_ID.match(candidate) else None
    if host in VIMEO_HOSTS:
        pieces = [p for p in path.split("/") if p]
        candidate = pieces[-1] if pieces else ""
        if host == "player.vimeo.com" and pieces[:1] != ["video"]:
            return None
        return ExternalVideo("Vimeo", candidate) if _VIMEO_ID.match(candidate) and len(pieces) <= 2 else None
    return None
