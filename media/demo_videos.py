"""Make the demo's explainer videos from their captions: a slide per cue, a Dutch voice reading it.

    python -m media.demo_videos cms/fixtures/demo.jsonl video-wat-is-een-pgb video-zorgovereenkomst-invullen

Run once by a developer (espeak-ng and ffmpeg from Debian's packages); the WebM files it writes next
to the JSONL file (`files/<id>.webm`, VP9 and Opus, a few hundred kB) are committed, so `make run`
needs neither tool. What is spoken is exactly the captions' text, at the captions' times: the captions
match the voice, as a published video's must (WCAG 2.1 AA 1.2.2).
"""

import json
import subprocess  # nosec B404 # subprocess runs fixed tools with argument lists (see the calls)
import sys
import tempfile
import textwrap
import wave
from pathlib import Path

from media.captions import parse_captions

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SIZE = "640x360"
BACKGROUND = "0x0b4f5c"  # the site's dark teal
ACCENT = "0xf5c518"  # the wordmark's yellow
SPEEDS = range(165, 330, 15)  # espeak-ng words per minute, slowest first: the first that fits its cue


def _seconds(path: Path) -> float:
    with wave.open(str(path)) as audio:
        return audio.getnframes() / audio.getframerate()


def _speak(text: str, room: float, out: Path) -> None:
    """`text` spoken in Dutch into `out`, at the slowest speed that ends within `room` seconds."""
    for speed in SPEEDS:
        subprocess.run(["espeak-ng", "-v", "nl", "-s", str(speed), "-w", str(out), text], check=True)  # nosec B603 B607 # Debian's ffmpeg tools from PATH, an argument list, no shell; our own files
        if _seconds(out) <= room:
            return
    raise SystemExit(f"cannot speak {text!r} within {room:.1f} s; give the cue more time")


def _quoted(path: Path) -> str:
    return str(path).replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'")


def make(item: dict, out: Path) -> None:
    cues = parse_captions(item["captions"])
    duration = max(item.get("duration") or 0, int(cues[-1].end) + 1)
    with tempfile.TemporaryDirectory(prefix="pgb-demo-video-") as tmp:
        work = Path(tmp)
        inputs, delays, draws = [], [], []
        title = work / "title.txt"
        title.write_text("\n".join(textwrap.wrap(item["title"], 44)), encoding="utf-8")
        draws.append(
            f"drawtext=fontfile={BOLD}:textfile='{_quoted(title)}':fontcolor={ACCENT}:fontsize=22:"
            "x=32:y=28:line_spacing=6"
        )
        for number, cue in enumerate(cues):
            voice = work / f"cue{number}.wav"
            _speak(cue.text, cue.end - cue.start, voice)
            inputs += ["-i", str(voice)]
            delays.append(f"[{number + 1}:a]adelay={int(cue.start * 1000)}:all=1[a{number}]")
            text = work / f"cue{number}.txt"
            text.write_text("\n".join(textwrap.wrap(cue.text, 34)), encoding="utf-8")
            draws.append(
                f"drawtext=fontfile={FONT}:textfile='{_quoted(text)}':fontcolor=white:fontsize=30:"
                f"x=32:y=(h-text_h)/2+30:line_spacing=10:enable='between(t,{cue.start:.3f},{cue.end:.3f})'"
            )
        mix = "".join(f"[a{n}]" for n in range(len(cues)))
        graph = ";".join(
            [
                f"[0:v]{','.join(draws)}[v]",
                *delays,
                f"{mix}amix=inputs={len(cues)}:normalize=0,apad,atrim=0:{duration}[a]",
            ]
        )
        subprocess.run(  # nosec B603 B607 # Debian's ffmpeg tools from PATH, an argument list, no shell; our own files
            [
                "ffmpeg", "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", f"color=c={BACKGROUND}:s={SIZE}:d={duration}:r=10",
                *inputs,
                "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
                "-c:v", "libvpx-vp9", "-crf", "45", "-b:v", "0", "-g", "100", "-row-mt", "1",
                "-c:a", "libopus", "-b:a", "24k", "-ac", "1",
                "-t", str(duration), str(out),
            ],
            check=True,
        )  # fmt: skip


def main(argv: list[str]) -> None:
    corpus, wanted = Path(argv[0]), set(argv[1:])
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if not line.startswith("{"):
            continue
        item = json.loads(line)
        if item["type"] == "video" and item["id"] in wanted:
            out = corpus.parent / "files" / f"{item['id']}.webm"
            make(item, out)
            print(f"{out}: {out.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main(sys.argv[1:])
