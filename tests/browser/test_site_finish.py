"""In the browser: the phone header folds its menus, the wordmark and icons load, and pages print clean."""

import pytest
from pypdf import PdfReader

from cms.models import CasePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SITE_NAME = "Informatieplatform pgb"


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def heading_top(page) -> float:
    return page.locator("h1").first.bounding_box()["y"]


def case_url() -> str:
    return CasePage.objects.get(external_id="case-testdorp-keukentafel").url


def test_on_a_phone_the_heading_is_in_the_first_screen_with_the_menu_folded(site, phone):
    for path in ("/", case_url(), "/over/", "/contact/", "/sitemap/", "/forum/", "/wet/wmo/"):
        phone.goto(site + path)
        assert 0 <= heading_top(phone) < PHONE["height"] / 2, path
        assert phone.locator("#main-menu").is_hidden() and phone.locator("#account-menu").is_hidden(), path
        assert phone.get_attribute("[data-pgb-menu-toggle]", "aria-expanded") == "false"


def test_on_a_phone_the_menu_button_unfolds_both_menus_and_escape_folds_them(site, phone):
    phone.goto(site + "/")
    button = phone.get_by_role("button", name="Menu")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert phone.get_by_role("link", name="Inloggen").is_visible()
    menu = phone.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Wetten").focus()
    phone.keyboard.press("Escape")
    assert menu.is_hidden() and button.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.getAttribute('data-pgb-menu-toggle')") == ""
    button.click()
    menu.get_by_role("link", name="Wetten").click()
    phone.wait_for_url("**/wet/")
    phone.get_by_role("button", name="Menu").click()
    assert menu.get_by_role("link", name="Wetten").get_attribute("aria-current") == "page"
    assert menu.get_by_role("link", name="Gemeenten").get_attribute("aria-current") is None


def test_without_javascript_the_phone_shows_the_menus_and_no_button(site, browser):
    context = browser.new_context(locale="nl-NL", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + case_url())
    assert page.locator("[data-pgb-menu-toggle]").is_hidden()
    assert page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gemeenten").is_visible()
    assert page.get_by_role("link", name="Inloggen").is_visible()
    context.close()


def test_on_a_desktop_the_menu_is_open_without_a_button(site, page):
    for path in ("/", case_url(), "/sitemap/"):
        page.goto(site + path)
        assert page.locator("[data-pgb-menu-toggle]").is_hidden(), path
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        assert menu.get_by_role("link", name="Wetten").is_visible()
        assert menu.get_by_role("link", name="Gemeenten").is_visible()
        assert 0 <= heading_top(page) < DESKTOP["height"] / 2, path


def test_the_smallest_phones_fit_the_header_without_scrolling_sideways(site, browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 568}, is_mobile=True)
    page = context.new_page()
    page.goto(site + case_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    brand, button = (
        page.locator(".pgb-header__brand").bounding_box(),
        page.locator("[data-pgb-menu-toggle]").bounding_box(),
    )
    assert brand["y"] == pytest.approx(button["y"], abs=16) and brand["x"] + brand["width"] <= button["x"]
    assert 0 <= heading_top(page) < 568
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_wordmark_loads_legibly_and_is_named_as_the_site(site, browser, viewport):
    context = browser.new_context(locale="nl-NL", viewport=viewport)
    page = context.new_page()
    page.goto(site + "/forum/")
    brand = page.get_by_role("banner").get_by_role("link", name=SITE_NAME, exact=True)
    assert brand.count() == 1 and brand.get_attribute("href") == "/"
    wordmark = page.locator(".pgb-header__wordmark")
    assert wordmark.evaluate("img => img.complete && img.naturalWidth > 0")
    assert wordmark.bounding_box()["height"] >= 20  # the thin strokes stay at least 1.6 px wide
    context.close()


def test_the_icons_browsers_ask_for_exist(site, page):
    page.goto(site + "/")
    for href in page.eval_on_selector_all(
        "link[rel~=icon], link[rel=apple-touch-icon]", "ls => ls.map(l => l.href)"
    ):
        response = page.request.get(href)
        assert response.ok and response.headers["content-type"].startswith("image/"), href
    for path in ("/favicon.ico", "/apple-touch-icon.png"):
        response = page.request.get(site + path)
        assert response.ok and response.headers["content-type"].startswith("image/"), path


def test_printed_pages_show_the_content_and_the_addresses_of_links_only(site, page, tmp_path):
    case = CasePage.objects.get(external_id="case-testdorp-keukentafel")
    page.goto(site + case.url)
    page.emulate_media(media="print")
    for hidden in ("#main-menu", "#account-menu", "#header-search", ".pgb-footer", ".pgb-breadcrumbs"):
        assert page.locator(hidden).is_hidden(), hidden
    page.keyboard.press("Tab")  # not even the skip link shows when it has the focus
    assert page.locator(".utrecht-skip-link").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("h1").is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.locator("h1").evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    after = "a => getComputedStyle(a, '::after').content"
    assert page.locator('main a[href="https://www.pgb.nl"]').evaluate(after) == '" (https://www.pgb.nl/)"'
    assert page.locator("main .pgb-tags a").first.evaluate(after) == "none"  # tags print bare
    internal = page.locator("main a[data-pgb-print-url]:not(.pgb-tag)").first
    assert internal.evaluate(after) == f'" ({site}{internal.get_attribute("href")})"'

    pdf = tmp_path / "case.pdf"
    page.pdf(path=str(pdf))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert case.title in text and "https://www.pgb.nl" in text
    for absent in (
        "Direct naar de inhoud",
        "Account aanmaken",
        "Beleidsdocumenten",
        "wordt beheerd door Per Saldo",
    ):
        assert absent not in text, absent
    assert text.startswith(f"{SITE_NAME} · {site}{case.url}")  # where the paper came from
