"""A synthetic Dutch pgb corpus in the exchange format, for benchmarks (deterministic per seed)."""

import csv
import random
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "cms" / "data"

WORDS = (
    "budgethouder budgethouders persoonsgebonden budget pgb zorg natura zorgovereenkomst trekkingsrecht svb "
    "sociale verzekeringsbank gemeente gemeenten consulent keukentafelgesprek budgetplan beschikking tarief "
    "informeel formeel mantelzorger zorgverlener zorgkantoor wmo jeugdwet wlz zvw cliëntondersteuning "
    "vertegenwoordiger verantwoording declaratie huisbezoek evaluatie kwaliteit wooninitiatief beschermd wonen "
    "dagbesteding begeleiding huishoudelijke hulp jeugdhulp ouders gezin integraal overgang achttien "
    "pgb-vaardigheid toetsing coördinatie samenwerking ervaringsdeskundige beleidsregels verordening portaal "
    "aanvraag onderzoek melding gesprek afspraak inwoner inwoners signaal fraude terugvordering indexatie "
    "minimumloon kostprijs aanbieder bureau bemiddeling ondersteuning regie keuze uitleg brief website"
).split()
SURNAMES = (
    "de Vries,Jansen,Bakker,Visser,Smit,Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters,Hendriks,Dekker".split(
        ","
    )
)
FIRST = "Anna,Fatima,Johan,Sanne,Mohamed,Linda,Peter,Eva,Daan,Noor,Ruben,Ilse,Kees,Mila".split(",")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def _load(name: str, column: str) -> list[str]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def _timestamp(millis: int) -> str:
    minutes, rest = divmod(millis, 60_000)
    return f"00:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _captions(rng: random.Random, cues: int) -> str:
    lines, start = ["WEBVTT", ""], 1000
    for _ in range(cues):
        end = start + rng.randint(2500, 6000)
        lines += [f"{_timestamp(start)} --> {_timestamp(end)}", _sentence(rng, rng.randint(6, 14)), ""]
        start = end + 200
    return "\n".join(lines)


def generate_items(n: int, seed: int = 1, *, attachments: bool = False) -> Iterator[dict]:
    """`n` valid items of every type but documents (which need files), mixed like the real corpus."""
    rng = random.Random(seed)
    codes, laws, themes = (
        _load("gemeenten.csv", "code"),
        _load("laws.csv", "slug"),
        _load("themes.csv", "slug"),
    )
    kinds = ["case"] * 4 + ["article"] * 2 + ["video"] * 2 + ["question"] * 2
    for index in range(n):
        kind = rng.choice(kinds)
        author = {
            "name": f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}",
            "organisation": "Gemeente " + rng.choice(WORDS),
        }
        item = {
            "id": f"{kind}-bench-{seed}-{index}",
            "type": kind,
            "title": _sentence(rng, rng.randint(4, 10))[:-1],
            "summary": _paragraph(rng, 2),
            "body": "",
            "municipalities": rng.sample(codes, rng.randint(0, 2)),
            "laws": rng.sample(laws, rng.randint(1, 2)),
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "published": f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "author": author,
        }
        if kind == "case":
            item["body"] = "\n\n".join(
                f"## {h}\n\n{_paragraph(rng, rng.randint(2, 5))}"
                for h in ("Aanleiding", "Aanpak", "Resultaat", "Lessen")
            )
            item["status"] = rng.choice(["lopend", "afgerond", "gestopt"])
        elif kind == "video":
            item["body"] = _paragraph(rng, 2)
            item["captions"] = _captions(rng, rng.randint(15, 40))
            item["duration"] = rng.randint(60, 400)
            item["speaker"] = author["name"]
        elif kind == "question":
            del item["summary"]
            item["body"] = _paragraph(rng, 3)
            item["visibility"] = rng.choice(["public", "public", "members"])
            accepted = rng.randint(-1, 2)
            item["answers"] = [
                {
                    "body": _paragraph(rng, 2),
                    "author": author,
                    "municipalities": rng.sample(codes, 1),
                    "published": item["published"],
                    "accepted": i == accepted,
                }
                for i in range(rng.randint(0, 3))
            ]
        else:
            item["body"] = "\n\n".join(_paragraph(rng, 4) for _ in range(3))
        yield item
