"""A synthetic Dutch pgb corpus in the exchange format, for benchmarks (deterministic per seed).

Words are spread the way they are in the real corpus (../shared/corpus): a few domain words occur in
nearly every item (pgb, zorg: 95 % of the shared corpus), each item is about one or two topics whose
words occur in 5-45 % of items, and ordinary Dutch fills the sentences. (A first version drew every word
from one small list, so every query word occurred in 90 % of items and every query matched nearly all.)
"""

import csv
import random
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "cms" / "data"

COMMON = "pgb zorg gemeente budget budgethouder budgethouders persoonsgebonden ondersteuning".split()
TOPICS = {
    "budgetbeheer": "budgetplan besteding verantwoording declaratie declaraties jaaroverzicht restitutie "
    "terugvordering uitgaven administratie",
    "zorgovereenkomst": "zorgovereenkomst zorgovereenkomsten zorgverlener toetsing handtekening werkgeverschap "
    "uurtarief arbeidsovereenkomst opdrachtovereenkomst",
    "trekkingsrecht": "trekkingsrecht svb uitbetaling portaal betaling facturen sociale verzekeringsbank "
    "pgb-portaal machtiging",
    "informele-zorg": "mantelzorger mantelzorgers informele familie minimumloon tarief netwerk partner "
    "huisgenoot gebruikelijke",
    "jeugd": "jeugdwet ouders kind kinderen jeugdhulp achttien overgang school gezinspgb jeugdteam",
    "wonen": "beschermd wonen wooninitiatief ouderinitiatief dagbesteding begeleiding woonvorm bewoners "
    "logeeropvang",
    "kwaliteit": "kwaliteit toezicht fraude signaal signalen misbruik controle kwaliteitseisen "
    "zorgfraude huisbezoek",
    "toegang": "keukentafelgesprek consulent onderzoek melding aanvraag beschikking cliëntondersteuning "
    "wmo-consulent indicatie maatwerkvoorziening",
    "wlz-zvw": "wlz zorgkantoor zvw zorgverzekeraar wijkverpleging verpleging verzorging indicatie "
    "ciz langdurige",
    "vaardigheid": "pgb-vaardigheid regie vertegenwoordiger bewindvoerder toets gesprek vaardigheden "
    "zelfstandig beheren",
    "beleid": "beleidsregels verordening gemeenteraad evaluatie indexatie kostprijs tarieven "
    "raadsinformatiebrief pilot",
}
FILLER = (
    "gaan maken komen werken vragen goed nieuw eerste jaar tijd mensen plaats manier deel werk samen "
    "tweede laatste belangrijk duidelijk snel vaak soms altijd daarna eerst verder zonder binnen tussen "
    "volgens weken maanden dagen afspraken afspraak team collega collega's overleg ervaring ervaringen "
    "praktijk voorbeeld resultaat resultaten aanpak aanleiding lessen vraag vragen antwoord antwoorden "
    "regio landelijk lokaal inwoner inwoners bewoner klant loket website brief informatie uitleg stap "
    "stappen proces termijn termijnen doel doelen keuze keuzes plan plannen situatie situaties moment "
    "begin einde kosten geld euro uur uren week keer aantal groot klein hoog laag beter sneller "
    "eenvoudig lastig moeilijk makkelijk helder open eerlijk zorgvuldig bewust actief graag echt "
    "blijkt bleek werd wordt worden hebben heeft hadden kunnen konden moeten moest willen wilde zien "
    "zag weten wist houden hield geven gaf nemen nam zetten zette laten liet brengen bracht zoeken "
    "vinden vond kijken keek bespreken besproken afstemmen delen gedeeld leren geleerd starten gestart"
).split()
SURNAMES = (
    "de Vries,Jansen,Bakker,Visser,Smit,Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters,Hendriks,Dekker".split(
        ","
    )
)
FIRST = "Anna,Fatima,Johan,Sanne,Mohamed,Linda,Peter,Eva,Daan,Noor,Ruben,Ilse,Kees,Mila".split(",")
TOPIC_WORDS = {name: words.split() for name, words in TOPICS.items()}


def _word(rng: random.Random, topics: list[str]) -> str:
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(COMMON)
    if roll < 0.30:
        return rng.choice(TOPIC_WORDS[rng.choice(topics)])
    return rng.choice(FILLER)


def _sentence(rng: random.Random, words: int, topics: list[str]) -> str:
    text = " ".join(_word(rng, topics) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int, topics: list[str]) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 18), topics) for _ in range(sentences))


def _load(name: str, column: str) -> list[str]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def _timestamp(millis: int) -> str:
    minutes, rest = divmod(millis, 60_000)
    return f"00:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _captions(rng: random.Random, cues: int, topics: list[str]) -> str:
    lines, start = ["WEBVTT", ""], 1000
    for _ in range(cues):
        end = start + rng.randint(2500, 6000)
        lines += [
            f"{_timestamp(start)} --> {_timestamp(end)}",
            _sentence(rng, rng.randint(6, 14), topics),
            "",
        ]
        start = end + 200
    return "\n".join(lines)


def generate_items(n: int, seed: int = 1, *, attachments: bool = False) -> Iterator[dict]:
    """`n` valid items of every type but documents (which need files), mixed like the real corpus."""
    rng = random.Random(seed)  # nosec B311 # synthetic benchmark text, nothing secret
    codes, laws, themes = (
        _load("gemeenten.csv", "code"),
        _load("laws.csv", "slug"),
        _load("themes.csv", "slug"),
    )
    kinds = ["case"] * 4 + ["article"] * 2 + ["video"] * 2 + ["question"] * 2
    names = list(TOPICS)
    for index in range(n):
        kind = rng.choice(kinds)
        topics = rng.sample(names, rng.randint(1, 2))
        author = {
            "name": f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}",
            "organisation": "Gemeente " + rng.choice(FILLER),
        }
        item = {
            "id": f"{kind}-bench-{seed}-{index}",
            "type": kind,
            "title": _sentence(rng, rng.randint(4, 10), topics)[:-1],
            "summary": _paragraph(rng, 2, topics),
            "body": "",
            "municipalities": rng.sample(codes, rng.randint(0, 2)),
            "laws": rng.sample(laws, rng.randint(1, 2)),
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "published": f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "author": author,
        }
        if kind == "case":
            item["body"] = "\n\n".join(
                f"## {h}\n\n{_paragraph(rng, rng.randint(2, 5), topics)}"
                for h in ("Aanleiding", "Aanpak", "Resultaat", "Lessen")
            )
            item["status"] = rng.choice(["lopend", "afgerond", "gestopt"])
        elif kind == "video":
            item["body"] = _paragraph(rng, 2, topics)
            item["captions"] = _captions(rng, rng.randint(15, 40), topics)
            item["duration"] = rng.randint(60, 400)
            item["speaker"] = author["name"]
        elif kind == "question":
            del item["summary"]
            item["body"] = _paragraph(rng, 3, topics)
            item["visibility"] = rng.choice(["public", "public", "members"])
            accepted = rng.randint(-1, 2)
            item["answers"] = [
                {
                    "body": _paragraph(rng, 2, topics),
                    "author": author,
                    "municipalities": rng.sample(codes, 1),
                    "published": item["published"],
                    "accepted": i == accepted,
                }
                for i in range(rng.randint(0, 3))
            ]
        else:
            item["body"] = "\n\n".join(_paragraph(rng, 4, topics) for _ in range(3))
        yield item
