"""What a video file is, read from its first bytes (not its name): WebM/Matroska or MP4."""

from pathlib import Path

EBML = b"\x1a\x45\xdf\xa3"  # WebM and Matroska start with an EBML header
KINDS = {"webm": "video/webm", "mp4": "video/mp4"}


def video_kind(head: bytes) -> str | None:
    """ "webm", "mp4" or None, from a file's first 12 bytes."""
    if head.startswith(EBML):
        return "webm"
    if head[4:8] == b"ftyp":  # an ISO base media file (MP4)
        return "mp4"
    return None


def video_problem(path: Path) -> str | None:
    """What is wrong with `path` as a video file (English, for operators), or None."""
    with path.open("rb") as handle:
        head = handle.read(12)
    if video_kind(head) is None:
        return "its content is neither WebM nor MP4"
    return None
