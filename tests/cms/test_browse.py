"""Browse pages (theme, law, gemeente, listings) are searches with a fixed filter: every type, the
search page's filters and sort, counts as the visitor may see them; the gemeente directory; the sitemap."""

import json
import re
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command

from cms.models import Municipality

pytestmark = pytest.mark.django_db

MEMBERS_ONLY = "Hoe indexeren jullie de tarieven intern?"
# Beside the mini fixture: every other type tagged "tarieven", and gemeenten in the province of Groningen
# with public items (Stadskanaal), with members-only items only (Veendam) and with nothing (Pekela).
EXTRA = [
    {
        "id": "article-tarieven-wlz",
        "type": "article",
        "title": "Tarieven in de Wlz uitgelegd",
        "summary": "Hoe het zorgkantoor de tarieven vaststelt.",
        "body": "Het zorgkantoor stelt elk jaar de maximale tarieven vast.",
        "municipalities": ["GM0037"],
        "laws": ["wlz"],
        "themes": ["tarieven"],
        "published": "2024-09-01",
    },
    {
        "id": "video-tarieven-uitleg",
        "type": "video",
        "title": "Uitleg over pgb-tarieven",
        "summary": "Wat het formele en het informele tarief zijn.",
        "body": "Een pgb-adviseur legt de tarieven uit.",
        "laws": ["wmo"],
        "themes": ["tarieven"],
        "published": "2021-01-01",
        "speaker": "Jan Jansen",
        "duration": 30,
        "captions": "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHet informele tarief is lager.\n",
    },
    {
        "id": "question-tarieven-openbaar",
        "type": "question",
        "title": "Welk informeel tarief hanteren jullie?",
        "body": "Wij twijfelen over de hoogte van het informele tarief.",
        "municipalities": ["GM0037"],
        "laws": ["wmo"],
        "themes": ["tarieven"],
        "published": "2024-11-20",
        "author": {"name": "Sanne Bos", "organisation": "Gemeente Stadskanaal"},
        "visibility": "public",
        "answers": [{"body": "Wij volgen het minimumloon.", "published": "2024-11-21", "accepted": True}],
    },
    {
        "id": "question-tarieven-besloten",
        "type": "question",
        "title": MEMBERS_ONLY,
        "body": "Welke afspraken maken jullie over indexering?",
        "municipalities": ["GM0047"],
        "laws": ["wmo"],
        "themes": ["tarieven"],
        "published": "2025-04-01",
        "author": {"name": "Kees Mulder", "organisation": "Gemeente Veendam"},
        "visibility": "members",
        "answers": [],
    },
]


@pytest.fixture
def content(imported, tmp_path):
    path = tmp_path / "extra.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in EXTRA) + "\n", encoding="utf-8")
    call_command("import", str(path), verbosity=0, stdout=StringIO())


def titles(html: str) -> list[str]:
    """The titles of the listed hits, in their order."""
    listed = re.search(r'<ol class="pgb-results".*?</ol>', html, re.S)
    return re.findall(r'class="pgb-card__title[^"]*"><a [^>]*>([^<]+)</a>', listed.group()) if listed else []


def facet(html: str, field: str) -> dict[str, int]:
    """{value: count} of one filter's checkboxes."""
    pattern = rf'name="{field}" value="([^"]+)"[^>]*><span>[^<]*<span class="pgb-facet__count">\((\d+)\)'
    return {value: int(count) for value, count in re.findall(pattern, html)}


def get(client, path: str, **params) -> str:
    response = client.get(path, params)
    assert response.status_code == 200, (path, params)
    return response.content.decode()


def url(code: str) -> str:
    return Municipality.objects.get(code=code).get_absolute_url()


def test_a_theme_page_lists_every_type_tagged_with_it_forum_questions_included(client, content):
    html = get(client, "/thema/tarieven/")
    assert set(titles(html)) == {
        "Reële tarieven in Voorbeeldstad",
        "Beleidsregels pgb Testgemeente 2025",
        "Tarieven in de Wlz uitgelegd",
        "Uitleg over pgb-tarieven",
        "Welk informeel tarief hanteren jullie?",
    }
    assert facet(html, "type") == {"case": 1, "document": 1, "article": 1, "video": 1, "question": 1}
    assert "1 antwoord" in html and "Beantwoord" in html  # a question's card, as in the forum


def test_members_only_items_are_neither_listed_nor_counted_for_visitors(client, content, staff_user):
    html = get(client, "/thema/tarieven/")
    assert MEMBERS_ONLY not in html and facet(html, "type")["question"] == 1
    assert "5 items, nieuwste eerst" in html
    client.force_login(staff_user)
    html = get(client, "/thema/tarieven/")
    assert MEMBERS_ONLY in html and facet(html, "type")["question"] == 2
    assert "6 items, nieuwste eerst" in html and "Alleen voor leden" in html


def test_filters_narrow_a_browse_page_and_keep_the_other_values_counted(client, content):
    html = get(client, "/thema/tarieven/", type="question")
    assert titles(html) == ["Welk informeel tarief hanteren jullie?"]
    assert facet(html, "type")["case"] == 1  # a filter counts as if its own choice were removed
    assert 'value="question" checked' in html and "Alle filters verwijderen" in html
    assert set(titles(get(client, "/thema/tarieven/", law="jeugdwet"))) == {
        "Reële tarieven in Voorbeeldstad",
        "Beleidsregels pgb Testgemeente 2025",
    }
    assert titles(get(client, "/thema/tarieven/", year="2024", type=["article", "case"])) == [
        "Tarieven in de Wlz uitgelegd"
    ]
    assert titles(get(client, "/wet/wlz/", theme="tarieven")) == ["Tarieven in de Wlz uitgelegd"]


def test_newest_come_first_and_typed_words_sort_by_relevance(client, content):
    html = get(client, "/thema/tarieven/")
    assert titles(html)[0] == "Beleidsregels pgb Testgemeente 2025"  # 2025-01-01
    assert titles(html)[-1] == "Uitleg over pgb-tarieven"  # 2021-01-01
    assert 'name="sort"' not in html  # without words there is nothing to rank
    relevant = get(client, "/thema/tarieven/", q="informeel tarief")
    assert titles(relevant)[0] == "Welk informeel tarief hanteren jullie?"
    assert '<option value="relevance" selected>' in relevant
    newest = get(client, "/thema/tarieven/", q="tarieven", sort="newest")
    assert titles(newest) == sorted(titles(newest), key=titles(html).index)


def test_bad_parameters_get_the_search_pages_dutch_message(client, content):
    for path, params, name in (
        ("/thema/tarieven/", {"year": "twintig"}, "Jaar"),
        ("/wet/wmo/", {"theme": "bestaat-niet"}, "Thema"),
        ("/goede-voorbeelden/", {"sort": "x"}, "Sortering"),
        ("/forum/", {"pagina": "abc"}, "Pagina"),
        (url("GM0014"), {"province": "Utrecht"}, "Provincie"),
    ):
        response = client.get(path, params)
        html = response.content.decode()
        assert response.status_code == 400, (path, params)
        assert "Deze zoekopdracht kan niet worden uitgevoerd" in html and f"“{name}”" in html
    # The page's own filter is not the visitor's to change: another law is ignored, a law that does not
    # exist is refused as everywhere else.
    html = client.get("/wet/wmo/", {"law": "jeugdwet"}).content.decode()
    assert "Mag een partner uit het pgb worden betaald?" in html
    assert client.get("/wet/wmo/", {"law": "onbekendewet"}).status_code == 400


def test_a_page_beyond_the_last_is_a_404_that_links_the_last(client, content, settings):
    settings.PGB_PAGE_SIZE = 2
    assert 'rel="next"' in get(client, "/thema/tarieven/")
    response = client.get("/thema/tarieven/", {"pagina": "9"})
    html = response.content.decode()
    assert response.status_code == 404 and "Naar de laatste pagina (3)" in html
    assert 'href="?pagina=3"' in html
    assert client.get("/goede-voorbeelden/", {"pagina": "9"}).status_code == 404


def test_listings_are_browse_pages_of_their_type(client, content):
    cases = get(client, "/goede-voorbeelden/")
    assert set(titles(cases)) == {
        "Keukentafelgesprek met pgb-check in Testdorp",
        "Reële tarieven in Voorbeeldstad",
    }
    assert 'name="type"' not in cases and facet(cases, "theme")["tarieven"] == 1
    assert titles(get(client, "/goede-voorbeelden/", theme="tarieven")) == ["Reële tarieven in Voorbeeldstad"]
    forum = get(client, "/forum/", theme="tarieven")
    assert titles(forum) == ["Welk informeel tarief hanteren jullie?"] and "Stel een vraag" in forum


def test_a_gemeente_page_can_widen_to_its_province(client, content):
    own = get(client, url("GM0037"))
    assert set(titles(own)) == {"Tarieven in de Wlz uitgelegd", "Welk informeel tarief hanteren jullie?"}
    nearby = facet(own, "province")
    assert nearby == {"Groningen": 5}  # Groningen's three public items and Stadskanaal's two
    widened = get(client, url("GM0037"), province="Groningen")
    assert len(titles(widened)) == 5 and "Keukentafelgesprek met pgb-check in Testdorp" in titles(widened)
    assert 'value="Groningen" checked' in widened


def test_a_gemeente_without_content_says_so_and_shows_its_province(client, content, staff_user):
    for code in ("GM0765", "GM0047"):  # nothing; only a members-only question
        html = get(client, url(code))
        assert "heeft nog niets gedeeld" in html, code
        assert len(titles(html)) == 5 and MEMBERS_ONLY not in html
    client.force_login(staff_user)
    html = get(client, url("GM0047"))
    assert "heeft nog niets gedeeld" not in html and titles(html) == [MEMBERS_ONLY]


def test_the_directory_lists_every_gemeente_with_what_the_visitor_may_see(client, content, staff_user):
    html = get(client, "/gemeente/")
    rows = dict(
        re.findall(r'href="(/gemeente/[^"]+)">[^<]+</a> <span class="pgb-directory__count">\((\d+)', html)
    )
    assert len(rows) == 342
    assert rows[url("GM0014")] == "3" and rows[url("GM0037")] == "2" and rows[url("GM0047")] == "0"
    assert "342 van 342 gemeenten getoond" in html and 'aria-live="polite"' in html
    assert html.index(">Groningen</h2>") < html.index(">Zuid-Holland</h2>")
    client.force_login(staff_user)
    assert f'href="{url("GM0047")}">Veendam</a> <span class="pgb-directory__count">(1 item)' in get(
        client, "/gemeente/"
    )


def test_the_directory_filters_by_name_without_javascript(client):
    html = get(client, "/gemeente/", q="den haag")
    shown = re.findall(r'<li data-pgb-directory-key="[^"]*"><a [^>]*>([^<]+)</a>', html)
    assert shown == ["Den Haag"] and "1 van 342 gemeenten getoond" in html
    assert '<label class="utrecht-form-label pgb-search__label" for="directory-q">' in html
    assert re.findall(
        r'<li data-pgb-directory-key="[^"]*"><a [^>]*>([^<]+)</a>', get(client, "/gemeente/", q="sudwest")
    )
    assert "Geen gemeente heeft die naam" in get(client, "/gemeente/", q="xyz")


def sitemap_urls(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", ns)]


def test_the_sitemap_leaves_out_gemeenten_a_visitor_finds_nothing_of(client, content):
    urls = sitemap_urls(client)
    paths = {u.split("://", 1)[1].split("/", 1)[1] for u in urls}
    assert url("GM0014")[1:] in paths and url("GM0037")[1:] in paths
    assert url("GM0047")[1:] not in paths and url("GM0765")[1:] not in paths  # members-only; nothing
    assert "thema/tarieven/" in paths and "gemeente/" in paths


def test_every_sitemap_address_is_at_the_public_address(client, content, settings):
    settings.PGB_BASE_URL = "https://pgb.example.nl"
    urls = sitemap_urls(client)
    assert urls and all(u.startswith("https://pgb.example.nl/") for u in urls), urls
    assert "https://pgb.example.nl/goede-voorbeelden/" in urls and "https://pgb.example.nl/forum/" in urls
    settings.PGB_BASE_URL = ""  # then the address asked at, also for Wagtail's pages (not its site's)
    urls = sitemap_urls(client)
    assert all(u.startswith("http://testserver/") for u in urls), urls
    assert "http://testserver/goede-voorbeelden/" in urls
