"""What Debian's ffmpeg tells of an uploaded video: whether it is one (ffprobe reads it to the end of
its header, not just its first bytes), how long it lasts, and a frame for its poster.

Without ffprobe on the server an upload is still accepted on its first bytes (`video_files`), and the
editor fills in the duration: `available()` says which of the two holds, so the form can tell.
"""

import json
import logging
import shutil
import subprocess  # nosec B404 # subprocess runs fixed tools with argument lists (see the calls)
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)
TIMEOUT = 60  # seconds; ffprobe reads a header in milliseconds, ffmpeg seeks to one frame
FORMATS = {"mp4": "mov,mp4", "webm": "matroska,webm"}  # ffprobe's format_name starts with these
POSTER_WIDTH = 1280


@dataclass(frozen=True)
class Probe:
    """What ffprobe found: a video stream of `width` × `height`, lasting `duration` seconds."""

    duration: float
    width: int
    height: int


class NotAVideo(ValueError):
    """ffprobe cannot read the file as an MP4 or WebM video with a picture; the reason is in English."""


def available() -> bool:
    return shutil.which("ffprobe") is not None and shutil.which("ffmpeg") is not None


def probe(path: Path, kind: str) -> Probe:
    """Read `path` with ffprobe as a video of `kind` ("mp4" or "webm"); NotAVideo when it is none."""
    try:
        done = subprocess.run(  # nosec B603 B607 # Debian's ffmpeg tools from PATH, an argument list, no shell; our own files
            ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )  # noqa: S603 - a fixed program and our own temporary file's path, no shell
    except subprocess.TimeoutExpired:
        raise NotAVideo("ffprobe took too long to read it") from None
    if done.returncode != 0:
        raise NotAVideo(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or "unreadable")
    try:
        found = json.loads(done.stdout)
        name = found["format"]["format_name"]
        duration = float(found["format"]["duration"])
    except (ValueError, KeyError, TypeError):
        raise NotAVideo("ffprobe found no format or duration") from None
    if not name.startswith(FORMATS[kind]):
        raise NotAVideo(f"its container is {name}, not {kind}")
    pictures = [s for s in found.get("streams", []) if s.get("codec_type") == "video"]
    if not pictures or not duration > 0:
        raise NotAVideo("it has no picture")
    return Probe(
        duration=duration,
        width=int(pictures[0].get("width") or 0),
        height=int(pictures[0].get("height") or 0),
    )


def poster_frame(path: Path, at: float) -> bytes | None:
    """A JPEG of the frame at `at` seconds (at most POSTER_WIDTH wide), or None when ffmpeg cannot.
    Remembered per file version: an import of unchanged files asks for the same frames again."""
    stat = path.stat()
    return _poster_frame(str(path.resolve()), stat.st_size, stat.st_mtime_ns, at)


@lru_cache(maxsize=32)
def _poster_frame(path: str, size: int, mtime_ns: int, at: float) -> bytes | None:
    try:
        done = subprocess.run(  # nosec B603 B607 # Debian's ffmpeg tools from PATH, an argument list, no shell; our own files
            [
                "ffmpeg", "-v", "error", "-ss", f"{at:.2f}", "-i", str(path), "-frames:v", "1",
                "-vf", f"scale='min({POSTER_WIDTH},iw)':-2", "-f", "image2", "-c:v", "mjpeg", "-q:v", "3", "pipe:1",
            ],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )  # fmt: skip  # noqa: S603
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0 or not done.stdout.startswith(b"\xff\xd8"):
        logger.warning("ffmpeg made no poster frame of %s: %s", path, done.stderr[-300:])
        return None
    return done.stdout
