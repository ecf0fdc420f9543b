"""In the browser: the gemeente directory narrows as one types and says how many are shown; browse pages
filter on change; axe finds no WCAG 2.1 A/AA violations on them at phone and desktop width."""

import pytest

from cms.models import Municipality
from tests.browser.helpers import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PATHS = (
    "/gemeente/",
    "/gemeente/?q=gron",
    "/gemeente/?q=xyz",
    "/gemeente/groningen/",
    "/gemeente/pekela/",  # nothing of its own: its province's items
    "/thema/tarieven/",
    "/thema/tarieven/?q=tarieven&type=case",
    "/wet/wmo/?pagina=99",
    "/goede-voorbeelden/?theme=tarieven",
    "/forum/?law=wmo",
)


def announced(page, count: int) -> None:
    """Wait until the directory's live region says `count` gemeenten are shown (after typing pauses)."""
    page.wait_for_function(
        "n => document.querySelector('#directory-status').textContent.startsWith(n + ' ')", arg=count
    )


def shown_names(page) -> list[str]:
    return page.locator("[data-pgb-directory] li:visible a").all_inner_texts()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_browse_pages_and_the_directory_have_no_wcag_violations(site, browser, axe_source, viewport):
    context = browser.new_context(locale="nl-NL", viewport=viewport, is_mobile=viewport is PHONE)
    page = context.new_page()
    failures = {}
    for path in PATHS:
        response = page.goto(site + path)
        assert response.status == (404 if "pagina=99" in path else 200), path
        if found := violations(page, axe_source):
            failures[path] = found
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path} scrolls sideways ({width}px)"
    context.close()
    assert failures == {}


def test_typing_a_name_narrows_the_directory_and_announces_how_many(site, page):
    expected = sorted(m.label for m in Municipality.objects.all() if "gron" in m.label.lower())
    page.goto(site + "/gemeente/")
    status = page.locator("#directory-status")
    assert (
        status.get_attribute("aria-live") == "polite"
        and status.inner_text() == "342 van 342 gemeenten getoond"
    )
    assert page.get_by_label("Zoek een gemeente op naam").is_visible()
    page.get_by_label("Zoek een gemeente op naam").press_sequentially("gron", delay=30)
    announced(page, len(expected))
    assert sorted(shown_names(page)) == expected
    assert status.inner_text() == f"{len(expected)} van 342 gemeenten getoond"
    assert page.get_by_role("heading", name="Groningen", exact=True).is_visible()
    assert page.get_by_role("heading", name="Zuid-Holland").is_hidden()  # no match in that province
    assert (
        page.get_by_role("navigation", name="Provincies").get_by_role("link", name="Zuid-Holland").is_hidden()
    )
    page.get_by_label("Zoek een gemeente op naam").fill("s gravenh")  # folded as the server folds
    announced(page, 1)
    assert shown_names(page) == ["Den Haag"]
    page.get_by_label("Zoek een gemeente op naam").fill("xyz")
    announced(page, 0)
    assert page.get_by_text("Geen gemeente heeft die naam").is_visible()
    page.get_by_label("Zoek een gemeente op naam").fill("")
    announced(page, 342)
    assert len(shown_names(page)) == 342


def test_without_javascript_the_directory_filters_on_the_server(site, browser):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/gemeente/")
    page.get_by_label("Zoek een gemeente op naam").fill("den haag")
    page.locator("form[data-pgb-directory-filter] button[type=submit]").click()
    page.wait_for_url("**/gemeente/?q=den+haag")
    assert shown_names(page) == ["Den Haag"]
    assert page.locator("#directory-status").inner_text() == "1 van 342 gemeenten getoond"
    context.close()


def test_a_browse_page_filters_on_change_and_keeps_the_filter_in_its_address(site, page):
    page.goto(site + "/thema/tarieven/")
    page.check("input[name=type][value=case]")
    page.wait_for_url("**type=case*")
    titles = page.locator(".pgb-results .pgb-card__title").all_inner_texts()
    assert titles == ["Reële tarieven in Voorbeeldstad"]
    page.get_by_role("link", name="Alle filters verwijderen").click()
    page.wait_for_url(lambda address: "type=" not in address)
    assert len(page.locator(".pgb-results .pgb-card__title").all_inner_texts()) == 2
