"""A site that feels finished: titles, icons, wordmark, menu, footer, /over/, /contact/ and /sitemap/."""

import html
import importlib
import re
from io import BytesIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from PIL import Image

from cms.models import KnowledgePage, Law, StandardPage, Theme
from forum.models import Question
from tests.accounts.factories import login, person

pytestmark = pytest.mark.django_db
SITE_NAME = "Informatieplatform pgb"
PLAIN_PAGES = ["/over/", "/contact/", "/toegankelijkheid/", "/privacy/"]


def title_of(page_html: str) -> str:
    """The <title> as a browser shows it: entities decoded, white space collapsed."""
    raw = re.search(r"<title>(.*?)</title>", page_html, re.S).group(1)
    return " ".join(html.unescape(raw).split())


def links_in(page_html: str, landmark: str) -> list[str]:
    """The hrefs inside the first <nav> (or other element) whose opening tag contains `landmark`."""
    start = page_html.index(landmark)
    tag = page_html.rfind("<", 0, start)
    name = re.match(r"<(\w+)", page_html[tag:]).group(1)
    end = page_html.index(f"</{name}>", start)
    return re.findall(r'href="([^"]+)"', page_html[start:end])


def main_links(page_html: str) -> list[str]:
    main = page_html[page_html.index("<main") : page_html.index("</main>")]
    return [html.unescape(href) for href in re.findall(r'href="([^"#][^"]*)"', main)]


def public_paths() -> list[str]:
    question = Question.objects.get(external_id="question-partner-als-zorgverlener")
    return [
        "/goede-voorbeelden/",
        "/video/",
        "/nieuws/",
        "/documenten/",
        *(page.url for page in KnowledgePage.objects.live()),
        "/thema/",
        "/thema/toegang/",
        "/wet/",
        "/wet/wmo/",
        "/gemeente/",
        "/gemeente/groningen/",
        "/forum/",
        question.get_absolute_url(),
        *PLAIN_PAGES,
        "/sitemap/",
        "/zoeken/",
        "/zoeken/?q=pgb",
        "/zoeken/?type=bestaat-niet",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/deze-pagina-bestaat-niet/",
        "/thema/bestaat-niet/",
    ]


MEMBER_PATHS = [
    "/account/",
    "/account/meldingen/",
    "/account/gemeente/",
    "/account/verwijderen/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/forum/vraag-stellen/",
    "/forum/ervaringsdeskundigen/",
]


def assert_titled_once(path: str, page_html: str) -> None:
    title = title_of(page_html)
    assert title.count(SITE_NAME) == 1, (path, title)
    name, _, site = title.rpartition(" | ")
    assert site == SITE_NAME and name.strip(), (path, title)


def test_the_home_page_is_titled_by_the_site_name_alone(client, imported):
    assert title_of(client.get("/").content.decode()) == SITE_NAME


def test_every_page_type_is_titled_page_name_then_site_name_once(client, imported):
    for path in public_paths():
        assert_titled_once(path, client.get(path).content.decode())
    question = Question.objects.get(external_id="question-partner-als-zorgverlener")
    login(client, person("lid@example.nl"))
    for path in [
        *MEMBER_PATHS,
        f"/forum/vraag/{question.pk}/geschiedenis/",
        f"/forum/{question.pk}/bewerken/",
    ]:
        response = client.get(path)
        assert response.status_code in (200, 403), path
        assert_titled_once(path, response.content.decode())


def test_pages_from_the_page_tree_carry_their_own_title(client, imported):
    for page in [*KnowledgePage.objects.live(), *StandardPage.objects.live()]:
        assert title_of(client.get(page.url).content.decode()) == f"{page.title} | {SITE_NAME}"


def test_error_pages_are_titled_once(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    from accounts.selectors import audience_for
    from pgbplatform import views

    request = rf.get("/accounts/login/")
    request.user = AnonymousUser()
    request.audience = audience_for(None)
    for response in (views.too_many_requests(request), views.permission_denied(request)):
        assert_titled_once("error", response.content.decode())
    server_error = render_to_string("500.html")
    assert_titled_once("500", server_error)
    assert f'<link rel="icon" href="{static("pgb/favicon.svg")}"' in server_error


def test_every_page_links_the_icons_and_the_print_stylesheet(client, imported):
    for path in ["/", *public_paths()]:
        head = client.get(path).content.decode().split("</head>")[0]
        assert f'<link rel="icon" href="{static("pgb/favicon.svg")}" type="image/svg+xml">' in head, path
        assert f'href="{static("pgb/favicon.ico")}"' in head, path
        assert f'<link rel="apple-touch-icon" href="{static("pgb/apple-touch-icon.png")}">' in head, path
        assert f'<link rel="stylesheet" href="{static("pgb/css/print.css")}" media="print">' in head, path


@pytest.mark.parametrize(
    ("path", "name", "size"),
    [("/favicon.ico", "favicon.ico", 32), ("/apple-touch-icon.png", "apple-touch-icon.png", 180)],
)
def test_root_icons_redirect_to_real_image_files(client, path, name, size):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == static(f"pgb/{name}")
    image = Image.open(BytesIO(Path(finders.find(f"pgb/{name}")).read_bytes()))
    sizes = image.ico.sizes() if image.format == "ICO" else {image.size}
    assert (size, size) in sizes


def test_the_header_shows_the_wordmark_named_as_the_site(client, imported):
    page_html = client.get("/forum/").content.decode()
    brand = re.search(r'<a class="pgb-header__brand" href="/">(.*?)</a>', page_html, re.S).group(1)
    assert re.fullmatch(
        rf'<img class="pgb-header__wordmark" src="{static("pgb/wordmark.svg")}" alt="{SITE_NAME}"[^>]*>',
        brand,
    )


def test_the_wordmark_and_favicon_are_self_contained_drawings():
    for name in ("pgb/wordmark.svg", "pgb/favicon.svg"):
        svg = Path(finders.find(name)).read_text()
        # Paths only: no fonts to fall back on, nothing fetched from elsewhere, nothing that runs.
        assert "<text" not in svg and "<script" not in svg and "href" not in svg, name
        assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"], name


def test_the_main_menu_lists_laws_and_gemeenten_and_marks_where_you_are(client, imported):
    def menu(path):
        page_html = client.get(path).content.decode()
        nav = page_html[
            page_html.index('id="main-menu"') : page_html.index("</nav>", page_html.index('id="main-menu"'))
        ]
        return dict(re.findall(r'<a class="pgb-nav__link" href="([^"]+)"(?: aria-current="(\w+)")?>', nav))

    assert menu("/") == {
        "/goede-voorbeelden/": "",
        "/video/": "",
        "/nieuws/": "",
        "/documenten/": "",
        "/forum/": "",
        "/thema/": "",
        "/wet/": "",
        "/gemeente/": "",
    }
    assert {url: current for url, current in menu("/wet/").items() if current} == {"/wet/": "page"}
    assert {url: current for url, current in menu("/wet/wmo/").items() if current} == {"/wet/": "true"}
    assert {url: current for url, current in menu("/gemeente/groningen/").items() if current} == {
        "/gemeente/": "true"
    }
    assert {url: current for url, current in menu("/over/").items() if current} == {}


def test_the_footer_links_the_plain_pages_and_the_html_sitemap(client, imported):
    footer = links_in(client.get("/").content.decode(), 'aria-label="Voettekst"')
    assert footer == ["/over/", "/contact/", "/toegankelijkheid/", "/privacy/", "/sitemap/"]
    for path in footer:
        assert client.get(path).status_code == 200, path


def test_about_page_says_who_runs_the_platform_and_how_to_share_a_case(client):
    page = StandardPage.objects.get(url_path__endswith="/over/")
    assert page.live and page.title == "Over het platform"
    text = client.get("/over/").content.decode()
    assert "Per Saldo" in text and "gemeenten" in text
    assert 'href="/accounts/signup/"' in text and 'href="mailto:redactie@example.nl"' in text
    assert 'href="/forum/"' in text and 'href="/contact/"' in text


def test_contact_page_says_how_to_reach_the_editors_and_other_gemeenten(client):
    page = StandardPage.objects.get(url_path__endswith="/contact/")
    assert page.live and page.title == "Contact"
    text = client.get("/contact/").content.decode()
    assert 'href="mailto:redactie@example.nl"' in text and "Postbus" in text
    assert 'href="/forum/"' in text and "<form" not in text.split("<main")[1].split("</main>")[0]


def test_about_and_contact_pages_are_edited_in_the_admin_like_any_standard_page(client):
    page = StandardPage.objects.get(url_path__endswith="/contact/")
    page.title = "Contact met de redactie"
    page.save_revision().publish()
    assert title_of(client.get("/contact/").content.decode()) == f"Contact met de redactie | {SITE_NAME}"


def test_the_page_migration_leaves_existing_pages_alone_when_run_again():
    migration = importlib.import_module("cms.migrations.0008_about_and_contact_pages")
    before = list(StandardPage.objects.order_by("path").values_list("slug", "title"))
    migration.create_pages(apps, None)
    assert list(StandardPage.objects.order_by("path").values_list("slug", "title")) == before
    assert [slug for slug, _ in before].count("over") == 1 and [slug for slug, _ in before].count(
        "contact"
    ) == 1


def test_sitemap_lists_sections_browse_pages_forum_and_plain_pages(client, imported):
    page_html = client.get("/sitemap/").content.decode()
    links = main_links(page_html)
    expected = ["/", "/goede-voorbeelden/", "/video/", "/nieuws/", "/documenten/", "/zoeken/", "/forum/"]
    expected += ["/forum/vraag-stellen/", "/thema/", "/wet/", "/gemeente/", *PLAIN_PAGES]
    expected += [theme.get_absolute_url() for theme in Theme.objects.all()]
    expected += [law.get_absolute_url() for law in Law.objects.all()]
    assert set(expected) <= set(links)
    assert "/sitemap.xml" not in links
    for path in set(links) - {"/forum/vraag-stellen/"}:  # asking needs an account
        assert client.get(path).status_code == 200, path


def test_sitemap_leaves_out_unpublished_pages(client, imported):
    StandardPage.objects.get(url_path__endswith="/privacy/").unpublish()
    links = main_links(client.get("/sitemap/").content.decode())
    assert "/privacy/" not in links and "/over/" in links


def test_sitemap_offers_log_in_to_visitors_and_the_account_to_members(client):
    assert "/accounts/login/" in main_links(client.get("/sitemap/").content.decode())
    login(client, person("lid@example.nl"))
    links = main_links(client.get("/sitemap/").content.decode())
    assert "/account/" in links and "/accounts/login/" not in links
