"""Atom feeds: what is new on the platform, per listing, theme, law, gemeente and search, public only."""

import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command

from cms.models import CaseIndexPage

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
MEMBERS_ONLY = "Hoe delen jullie fraudesignalen met de SVB?"


@pytest.fixture
def indexed(imported):
    call_command("search", "reindex", stdout=StringIO())


def atom(response) -> ET.Element:
    """The parsed feed, after checking it is an Atom feed in Dutch."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    return root


def entries(root: ET.Element) -> list[dict]:
    found = []
    for entry in root.findall(f"{ATOM}entry"):
        found.append(
            {
                "title": entry.findtext(f"{ATOM}title"),
                "id": entry.findtext(f"{ATOM}id"),
                "updated": entry.findtext(f"{ATOM}updated"),
                "link": entry.find(f"{ATOM}link").get("href"),
            }
        )
    return found


def test_platform_feed_lists_everything_new_newest_first_with_absolute_links(client, indexed, settings):
    settings.PGB_BASE_URL = "https://pgb.example.nl"
    root = atom(client.get("/feed/"))
    assert root.findtext(f"{ATOM}title") == "Informatieplatform pgb – Nieuw op het platform"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://pgb.example.nl/feed/"
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == "https://pgb.example.nl/"
    items = entries(root)
    titles = [item["title"] for item in items]
    assert titles[0] == "Het pgb in de Wlz: de rol van het zorgkantoor"  # published 2025-02-01
    assert {"Zo werkt het trekkingsrecht", "Mag een partner uit het pgb worden betaald?"} <= set(titles)
    assert [item["updated"] for item in items] == sorted((item["updated"] for item in items), reverse=True)
    assert all(item["link"].startswith("https://pgb.example.nl/") for item in items)
    assert all(item["id"].startswith("tag:pgb.example.nl,") for item in items)
    assert len({item["id"] for item in items}) == len(items)


def test_links_use_the_request_address_without_a_base_url(client, indexed, settings):
    settings.PGB_BASE_URL = ""
    root = atom(client.get("/feed/"))
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feed/"
    assert all(item["link"].startswith("http://testserver/") for item in entries(root))


def test_members_only_content_is_never_in_a_feed_even_for_a_member(client, indexed, staff_user):
    client.force_login(staff_user)
    assert MEMBERS_ONLY in client.get("/zoeken/", {"q": "fraudesignalen"}).content.decode()  # they may see it
    for url in ("/feed/", "/thema/verantwoording/feed/", "/wet/wmo/feed/", "/forum/feed/"):
        titles = [item["title"] for item in entries(atom(client.get(url)))]
        assert MEMBERS_ONLY not in titles, url
    search = atom(client.get("/zoeken/feed/", {"q": "fraudesignalen"}))
    assert MEMBERS_ONLY not in [item["title"] for item in entries(search)]


def test_theme_feed_holds_only_items_of_that_theme(client, indexed):
    root = atom(client.get("/thema/tarieven/feed/"))
    assert root.findtext(f"{ATOM}title") == "Informatieplatform pgb – Thema Tarieven en budgethoogte"
    assert root.findtext(f"{ATOM}subtitle")
    titles = {item["title"] for item in entries(root)}
    assert titles == {"Reële tarieven in Voorbeeldstad", "Beleidsregels pgb Testgemeente 2025"}


def test_law_and_gemeente_feeds_follow_their_page(client, indexed):
    wlz = entries(atom(client.get("/wet/wlz/feed/")))
    assert {item["title"] for item in wlz} == {
        "Het pgb in de Wlz: de rol van het zorgkantoor",
        "Zo werkt het trekkingsrecht",
    }
    groningen = atom(client.get("/gemeente/groningen/feed/"))
    assert "Gemeente Groningen" in groningen.findtext(f"{ATOM}title")
    assert {item["title"] for item in entries(groningen)} == {
        "Keukentafelgesprek met pgb-check in Testdorp",
        "Beleidsregels pgb Testgemeente 2025",
        "Mag een partner uit het pgb worden betaald?",
    }


def test_listing_feeds_hold_their_content_type_only(client, indexed):
    cases = CaseIndexPage.objects.get()
    root = atom(client.get(f"{cases.url}feed/"))
    assert root.findtext(f"{ATOM}title") == "Informatieplatform pgb – Goede voorbeelden"
    assert {item["title"] for item in entries(root)} == {
        "Keukentafelgesprek met pgb-check in Testdorp",
        "Reële tarieven in Voorbeeldstad",
    }
    forum = entries(atom(client.get("/forum/feed/")))
    assert [item["title"] for item in forum] == ["Mag een partner uit het pgb worden betaald?"]


def test_search_feed_follows_the_search_page_parameters(client, indexed):
    root = atom(client.get("/zoeken/feed/", {"q": "pgb", "type": "question"}))
    assert "“pgb”" in root.findtext(f"{ATOM}title")
    assert [item["title"] for item in entries(root)] == ["Mag een partner uit het pgb worden betaald?"]
    alternate = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == "http://testserver/zoeken/?q=pgb&type=question"


def test_unknown_slugs_and_pages_that_are_not_listings_are_not_found(client, indexed):
    for url in (
        "/thema/bestaat-niet/feed/",
        "/wet/bestaat-niet/feed/",
        "/gemeente/bestaat-niet/feed/",
        "/bestaat-niet/feed/",
        "/toegankelijkheid/feed/",  # a standard page, not a listing
        f"{CaseIndexPage.objects.get().url}keukentafelgesprek-met-pgb-check-in-testdorp/feed/",
    ):
        assert client.get(url).status_code == 404, url


def test_bad_search_parameters_get_400_with_a_plain_dutch_message(client, indexed):
    for params in ({"year": "twintig"}, {"municipality": "Utrecht"}, {"q": "x" * 201}, {"law": "onbekend"}):
        response = client.get("/zoeken/feed/", params)
        assert response.status_code == 400, params
        assert response["Content-Type"].startswith("text/plain")
        assert "Deze zoekopdracht kan niet worden uitgevoerd" in response.content.decode()
    law = client.get("/zoeken/feed/", {"law": "onbekend"}).content.decode()
    assert "“Wet” kent de waarde ‘onbekend’ niet" in law


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/", "/feed/"),
        ("/thema/tarieven/", "/thema/tarieven/feed/"),
        ("/zoeken/?q=pgb&theme=tarieven&pagina=1", "/zoeken/feed/?q=pgb&amp;theme=tarieven"),
        ("/forum/", "/forum/feed/"),
    ],
)
def test_pages_link_their_feed_in_the_head_and_visibly(client, indexed, page, feed):
    html = client.get(page).content.decode()
    head, body = html.split("</head>", 1)
    assert 'type="application/atom+xml" title="Informatieplatform pgb – ' in head
    assert f'href="{feed}"' in head
    assert f'<a class="utrecht-link" href="{feed}" type="application/atom+xml">' in body
    assert "Volg deze pagina via de Atom-feed" in body


def test_listing_pages_link_their_feed(client, indexed):
    cases = CaseIndexPage.objects.get()
    assert f'href="{cases.url}feed/"' in client.get(cases.url).content.decode()


def test_pages_without_a_feed_link_none(client, indexed):
    for url in ("/toegankelijkheid/", "/thema/bestaat-niet/", "/zoeken/?year=twintig"):
        assert "application/atom+xml" not in client.get(url).content.decode(), url
