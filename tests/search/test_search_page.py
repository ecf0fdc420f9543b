"""The search page, the JSON API and the editors' query log and promotions, through HTTP."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.models import KnowledgePage
from search.models import Promotion, QueryStat
from search.querylog import clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(imported):
    call_command("search", "reindex", stdout=StringIO())


def test_search_page_shows_results_with_marked_snippets_and_facets(client, indexed):
    response = client.get("/zoeken/", {"q": "trekkingsrecht"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zo werkt het trekkingsrecht" in html and "<mark>" in html
    assert 'type="checkbox" name="type" value="video"' in html  # a facet checkbox
    assert "1 resultaat voor “trekkingsrecht”" in html  # the count, in Dutch (only the video says it)


def test_filters_narrow_the_page_and_can_be_removed(client, indexed):
    html = client.get("/zoeken/", {"q": "pgb", "type": "question"}).content.decode()
    assert "Mag een partner uit het pgb worden betaald?" in html
    assert "Keukentafelgesprek met pgb-check" not in html
    assert 'value="question" checked' in html
    assert "Alle filters verwijderen" in html


def test_members_only_questions_are_not_shown_to_visitors(client, indexed, staff_user):
    assert (
        "Hoe delen jullie fraudesignalen"
        not in client.get("/zoeken/", {"q": "fraudesignalen"}).content.decode()
    )
    client.force_login(staff_user)
    assert (
        "Hoe delen jullie fraudesignalen" in client.get("/zoeken/", {"q": "fraudesignalen"}).content.decode()
    )


def test_bad_parameters_get_a_dutch_message_not_an_error_page(client, indexed):
    for params in (
        {"pagina": "abc"},
        {"year": "twintig"},
        {"municipality": "Utrecht"},
        {"sort": "x"},
        {"q": "x" * 201},
    ):
        response = client.get("/zoeken/", params)
        assert response.status_code == 400, params
        assert "Deze zoekopdracht kan niet worden uitgevoerd" in response.content.decode()
    assert client.get("/zoeken/", {"q": "pgb", "pagina": "999"}).status_code == 404


def test_values_that_do_not_exist_are_refused_by_name_in_dutch_and_english(client, indexed):
    page = client.get("/zoeken/", {"q": "pgb", "law": "onbekendewet"})
    html = page.content.decode()
    assert page.status_code == 400 and "“Wet” kent de waarde ‘onbekendewet’ niet" in html
    assert 'value="onbekendewet"' not in html  # never shown as a chosen filter
    year = client.get("/zoeken/", {"year": "twintig"}).content.decode()
    assert "“Jaar”" in year and "“year”" not in year
    api = client.get("/api/v1/search", {"type": ["case", "bogus"]})
    assert api.status_code == 400 and api.json() == {"error": "has no value “bogus”", "parameter": "type"}
    for params in ({"type": "case"}, {"law": "wmo"}, {"province": "Groningen"}, {"municipality": "GM0014"}):
        assert client.get("/api/v1/search", params).status_code == 200, params


def test_a_page_beyond_the_last_says_so_and_links_to_the_last_one(client, indexed):
    response = client.get("/zoeken/", {"q": "pgb", "pagina": "999"})
    html = response.content.decode()
    assert response.status_code == 404 and "Deze zoekopdracht heeft maar 1 pagina met resultaten." in html
    assert 'href="?q=pgb&amp;pagina=1"' in html and "Naar de laatste pagina (1)" in html


def test_result_pages_are_numbered_pagina_and_old_page_links_still_work(client, indexed):
    old = client.get("/zoeken/", {"q": "pgb", "page": "2", "type": "case"})
    assert old.status_code == 301 and old["Location"] == "/zoeken/?q=pgb&type=case&pagina=2"


def test_user_text_in_the_query_is_escaped(client, indexed):
    html = client.get("/zoeken/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")' not in html and "&lt;script&gt;" in html


def test_misspelled_query_offers_a_correction(client, indexed):
    html = client.get("/zoeken/", {"q": "trekingsrecht"}).content.decode()
    assert "Bedoelde u" in html and "q=trekkingsrecht" in html


def test_every_page_has_a_search_box(client, indexed):
    html = client.get("/").content.decode()
    assert 'role="search"' in html and 'action="/zoeken/"' in html


def test_content_pages_show_related_items_under_a_name_for_what_they_are(client, indexed):
    import re

    from cms import content_types

    case_label = str(content_types.get("case").label)
    seen = set()
    for url in (
        "/goede-voorbeelden/testdorp-keukentafel/",
        *(p.url for p in Page.objects.live().type(KnowledgePage)),
    ):
        html = client.get(url).content.decode()
        section = re.search(r'<section class="pgb-section pgb-related".*?</section>', html, re.S)
        if not section:
            continue
        heading = re.search(r'<h2 id="related-heading"[^>]*>(.*?)</h2>', section.group()).group(1)
        types = set(re.findall(r'<p class="pgb-card__type">([^<·]+)', section.group()))
        types = {t.strip() for t in types}
        assert heading == (
            "Vergelijkbare voorbeelden" if types == {case_label} else "Meer over dit onderwerp"
        ), url
        seen.add(heading)
    assert seen  # the demo's pages have related items


def test_api_answers_in_the_documented_shape(client, indexed):
    data = client.get("/api/v1/search", {"q": "trekkingsrecht", "page_size": 5}).json()
    assert set(data) == {
        "query",
        "total",
        "page",
        "page_size",
        "backend",
        "degraded",
        "suggestion",
        "results",
        "facets",
        "complete",
        "unmatched",
    }
    first = data["results"][0]
    assert first["id"] == "video-trekkingsrecht-uitleg" and first["type"] == "video"
    assert set(first) == {
        "id",
        "type",
        "title",
        "url",
        "summary",
        "highlight",
        "published",
        "municipalities",
        "laws",
        "themes",
        "timestamp",
        "page",
        "page_url",
        "missing",
    }
    assert set(data["facets"]) == {"type", "theme", "law", "municipality", "province", "year"}
    assert data["page_size"] == 5 and data["backend"] == "database" and data["degraded"] is False


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "0"}, "page"),
        ({"page_size": "51"}, "page_size"),
        ({"page_size": "x"}, "page_size"),
        ({"sort": "oldest"}, "sort"),
        ({"year": "20x4"}, "year"),
        ({"municipality": "0363"}, "municipality"),
        ({"q": "a" * 300}, "q"),
        ({"type": "bogus"}, "type"),
        ({"theme": "bestaat-niet"}, "theme"),
        ({"law": "onbekendewet"}, "law"),
        ({"municipality": "GM9999"}, "municipality"),
        ({"province": "Atlantis"}, "province"),
    ],
)
def test_api_rejects_bad_parameters_with_400_naming_them(client, indexed, params, parameter):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter and response.json()["error"]


def test_api_hides_members_only_items_and_their_counts(client, indexed):
    data = client.get("/api/v1/search", {"q": "fraudesignalen SVB"}).json()
    assert "question-fraudesignalen-intern" not in [r["id"] for r in data["results"]]
    question = [f for f in data["facets"]["type"] if f["value"] == "question"]
    assert all(f["count"] <= 1 for f in question)  # only the public question may count


def test_openapi_document_describes_the_search_endpoint(client):
    spec = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {
        "q",
        "type",
        "theme",
        "law",
        "municipality",
        "province",
        "year",
        "page",
        "page_size",
        "sort",
    } <= parameters


def test_suggest_endpoint_completes_titles(client, indexed):
    suggestions = client.get("/api/v1/suggest", {"q": "trekk"}).json()
    assert "Zo werkt het trekkingsrecht" in [item["title"] for item in suggestions]
    found = client.get("/api/v1/search", {"q": "trekkingsrecht"}).json()["results"]
    # Absolute addresses, as the search results give them: a client can follow either as it is.
    assert {item["url"] for item in suggestions} & {result["url"] for result in found}
    assert all(item["url"].startswith("http://testserver/") for item in suggestions)


def test_query_log_counts_searches_without_personal_data(client, indexed):
    client.get("/zoeken/", {"q": "Trekkingsrecht"})
    client.get("/api/v1/search", {"q": "trekkingsrecht"})
    client.get("/zoeken/", {"q": "niets te vinden xyzzy"})
    client.get("/zoeken/", {"q": "bsn 123456789 jan@example.nl"})
    stats = {s.query: (s.searches, s.zero_results) for s in QueryStat.objects.all()}
    assert stats["trekkingsrecht"] == (2, 0)
    assert stats["niets te vinden xyzzy"] == (1, 1)
    assert "bsn # #" in stats and not any("123456789" in q or "@" in q for q in stats)
    assert clean("  Cliëntondersteuning  ") == "clientondersteuning"


@pytest.mark.django_db(transaction=True)
def test_query_log_counts_every_search_as_its_own_transaction_and_relaxes_nothing_else():
    """Outside any transaction (as in production) each count is its own transaction; on PostgreSQL it
    does not wait for the disk, and the connection's setting is back to durable commits right after."""
    from django.db import connection

    from search.querylog import record

    for _ in range(3):
        record("Trekkingsrecht", 2)
    record("niets xyzzy", 0)
    stats = {s.query: (s.searches, s.zero_results) for s in QueryStat.objects.all()}
    assert stats == {"trekkingsrecht": (3, 0), "niets xyzzy": (1, 1)}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"


def test_editors_see_the_query_report(client, indexed, django_user_model):
    from accounts.constants import Role
    from tests.accounts.factories import login, person, with_totp

    admin = person("beheer@example.nl", roles=[Role.ADMINISTRATOR])
    client.get("/zoeken/", {"q": "xyzzy"})
    login(client, admin, secret=with_totp(admin))
    html = client.get("/admin/zoekvragen/").content.decode()
    assert "xyzzy" in html


def test_a_promoted_page_comes_first_for_its_query(client, indexed):
    page = Page.objects.get(url_path__endswith="/testdorp-keukentafel/")
    Promotion.objects.create(query="Trekkingsrecht", page=page)
    data = client.get("/api/v1/search", {"q": "trekkingsrecht"}).json()
    assert data["results"][0]["id"] == "case-testdorp-keukentafel"


def test_results_cannot_be_paged_deeper_than_ten_thousand(client, indexed):
    response = client.get("/api/v1/search", {"q": "pgb", "page_size": 50, "page": 201})
    assert response.status_code == 400 and response.json()["parameter"] == "page"
    assert client.get("/api/v1/search", {"q": "pgb", "page_size": 50, "page": 200}).status_code == 200


def test_a_word_that_matches_nothing_is_named_above_the_results(client, indexed):
    html = client.get("/zoeken/", {"q": "pgb xylofoon"}).content.decode()
    assert "Geen resultaten met <strong>xylofoon</strong>; wel met: pgb." in html
    assert "Geen resultaat bevat alle woorden van “pgb xylofoon”" in html
    assert "Ontbreekt:" not in html  # said once above the results, not on every card
    api = client.get("/api/v1/search", {"q": "pgb xylofoon", "page_size": 50}).json()
    assert api["unmatched"] == ["xylofoon"] and api["complete"] == 0 and api["total"] > 0
    assert all("xylofoon" in result["missing"] for result in api["results"])


def test_results_missing_a_word_come_after_the_complete_ones_and_say_so(client, indexed):
    api = client.get("/api/v1/search", {"q": "pgb trekkingsrecht", "page_size": 50}).json()
    missing = [result["missing"] for result in api["results"]]
    assert api["unmatched"] == [] and 0 < api["complete"] < api["total"] == len(missing)
    assert missing[: api["complete"]] == [[]] * api["complete"]  # complete ones first
    assert all(m for m in missing[api["complete"] :])
    html = client.get("/zoeken/", {"q": "pgb trekkingsrecht"}).content.decode()
    assert f"{api['complete']} resulta" in html and "met een deel van de woorden" in html
    assert 'Ontbreekt: <span class="pgb-card__missing-word">' in html


def test_a_hit_inside_a_video_links_to_its_second_and_the_player_starts_there(client, indexed):
    """What is said at 1:02 in the video: the hit says so and its link starts the player at 62 s."""
    html = client.get("/zoeken/", {"q": "overzicht PGB Portaal controleer", "type": "video"}).content.decode()
    link = re.search(r'<a class="[^"]*" href="(/video/[^"?]+/\?t=(\d+))"', html)
    assert link and link.group(2) == "62" and "Op 1:02 in de video" in html
    player = client.get(link.group(1)).content.decode()
    assert '/bestand/#t=62"' in player and "De video begint op 1:02." in player


def test_facet_labels_are_escaped_in_their_checkboxes(client, indexed):
    from cms.models import Theme

    html = client.get("/zoeken/").content.decode()
    slug = re.search(r'name="theme" value="([^"]+)"', html).group(1)
    theme = Theme.objects.get(slug=slug)
    theme.name = 'Zorg <b>"&"</b>'
    theme.save()
    html = client.get("/zoeken/", {"theme": slug}).content.decode()
    assert f'name="theme" value="{slug}" checked' in html
    assert "Zorg &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;" in html and 'Zorg <b>"' not in html
