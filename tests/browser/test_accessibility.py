"""axe-core finds no WCAG 2.1 A/AA violations on any page type, on desktop and mobile."""

import pytest

from cms.models import CasePage, KnowledgePage
from forum.models import Question
from tests.browser.helpers import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def page_paths() -> list[str]:
    detail = {p.specific_class.__name__: p.url for p in KnowledgePage.objects.live()}
    question = Question.objects.get(external_id="question-partner-als-zorgverlener")
    return [
        "/",
        "/goede-voorbeelden/",
        "/video/",
        "/nieuws/",
        "/documenten/",
        detail["CasePage"],
        detail["VideoPage"],
        detail["VideoPage"] + "?t=62",  # the player started where a search hit points
        detail["ArticlePage"],
        detail["DocumentPage"],
        "/thema/",
        "/thema/toegang/",
        "/wet/",
        "/wet/wmo/",
        "/gemeente/",
        "/gemeente/groningen/",
        "/forum/",
        question.get_absolute_url(),
        "/toegankelijkheid/",
        "/privacy/",
        "/over/",
        "/contact/",
        "/sitemap/",
        "/zoeken/",
        "/zoeken/?q=trekkingsrecht&type=video",
        "/zoeken/?q=trekingsrecht",
        "/zoeken/?q=xyzzy",
        "/zoeken/?q=pgb+trekkingsrecht",  # complete matches, then results saying "Ontbreekt: …"
        "/zoeken/?q=pgb+weigeren",  # a word that matches nothing, named above the results
        "/deze-pagina-bestaat-niet/",
    ]


def test_every_page_type_has_no_wcag_violations(site, page, axe_source):
    failures = {}
    for path in page_paths():
        response = page.goto(site + path)
        assert response.status == (404 if "bestaat-niet" in path else 200), path
        found = violations(page, axe_source)
        if found:
            failures[path] = found
    assert failures == {}


def test_mobile_layout_has_no_wcag_violations(site, browser, axe_source):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    case = CasePage.objects.live().first()
    failures = {}
    for path in ("/", case.url, "/forum/", "/zoeken/?q=pgb", "/over/", "/contact/", "/sitemap/"):
        page.goto(site + path)
        found = violations(page, axe_source)
        if found:
            failures[path] = found
        page.click("[data-pgb-menu-toggle]")  # the unfolded phone menu, too
        if found := violations(page, axe_source):
            failures[f"{path} (menu open)"] = found
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways ({width}px)"
    context.close()
    assert failures == {}


def test_skip_link_is_first_visible_on_focus_and_moves_focus_to_main(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main-content"
    box = page.locator(".utrecht-skip-link").bounding_box()
    assert box and box["width"] > 1 and box["height"] > 1
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_links_show_a_visible_focus_indicator(site, page):
    page.goto(site + "/")
    page.focus("a.pgb-nav__link")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    width = page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert outline != "none" and width >= 2


def test_search_box_suggests_titles_and_filters_apply_on_change(site, page):
    page.goto(site + "/")
    page.fill("#header-search", "trekk")
    page.wait_for_selector("#header-suggestions option", state="attached")
    assert (
        page.eval_on_selector("#header-suggestions option", "o => o.value") == "Zo werkt het trekkingsrecht"
    )
    page.press("#header-search", "Enter")
    page.wait_for_url("**/zoeken/?q=trekk*")
    page.goto(site + "/zoeken/?q=pgb")
    page.check("input[name=type][value=question]")  # keyboard and mouse alike: a change submits the form
    page.wait_for_url("**type=question*")
    assert "Mag een partner uit het pgb worden betaald?" in page.content()


def test_on_a_phone_the_filters_fold_away_so_results_come_first(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    phone = context.new_page()
    phone.goto(site + "/zoeken/?q=pgb&type=question")
    filters = phone.locator("details.pgb-search__filters")
    assert filters.evaluate("d => d.open") is False
    assert "(1 gekozen)" in phone.inner_text(".pgb-search__filters-summary")
    assert phone.locator(".pgb-result").first.is_visible()
    phone.click(".pgb-search__filters-summary")  # one tap unfolds them
    assert phone.locator("input[name=type][value=question]").is_visible()
    context.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/zoeken/?q=pgb")
    assert page.locator("details.pgb-search__filters").evaluate("d => d.open") is True
    page.close()


ACCOUNT_PAGES_ANONYMOUS = [
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/confirm-email/",
]
ACCOUNT_PAGES_MEMBER = [
    "/account/",
    "/account/gemeente/",
    "/account/meldingen/",
    "/account/verwijderen/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/sessions/",
]


def test_account_pages_have_no_wcag_violations(site, page, axe_source):
    from tests.accounts.factories import person
    from tests.browser.helpers import log_in

    failures = {}
    for path in ACCOUNT_PAGES_ANONYMOUS:
        page.goto(site + path)
        if found := violations(page, axe_source):
            failures[path] = found
    page.goto(site + "/accounts/login/")
    page.click("form.pgb-form button[type=submit]")  # empty form: errors shown and tied to the fields
    if found := violations(page, axe_source):
        failures["/accounts/login/ (errors)"] = found
    log_in(page, site, person("lid@example.nl", first_name="Lid"))
    for path in ACCOUNT_PAGES_MEMBER:
        response = page.goto(site + path)
        assert response.status == 200, path
        if found := violations(page, axe_source):
            failures[path] = found
    assert failures == {}


def test_forum_posting_pages_have_no_wcag_violations(site, page, axe_source):
    from accounts.constants import Role
    from forum import services
    from tests.accounts.factories import person
    from tests.browser.helpers import log_in

    expert = person("eva@persaldo.nl", first_name="Eva", roles=[Role.EXPERT])
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.forum.test_attachments import image_bytes, pdf_bytes

    question = services.question_ask(
        author=expert,
        title="Hoe toetsen jullie pgb-vaardigheid?",
        body="Wat vragen jullie door?",
        expert_requested=True,
        attachments=[
            SimpleUploadedFile("vragenlijst.pdf", pdf_bytes()),
            SimpleUploadedFile("schema.png", image_bytes("PNG")),
        ],
    )
    services.answer_post(question=question, author=expert, body="Wij vragen naar het **budgetplan**.")
    services.question_edit(
        question=question, by=expert, title=question.title, body="Wat vragen jullie precies door?"
    )
    log_in(page, site, expert)
    failures = {}
    paths = [
        "/forum/",
        "/forum/vraag-stellen/",
        question.get_absolute_url(),
        "/forum/ervaringsdeskundigen/",
        f"/forum/vraag/{question.pk}/geschiedenis/",
        f"/forum/vraag/{question.pk}/melden/",
        f"/forum/{question.pk}/bewerken/",
        "/thema/toegang/",  # with "Volg dit thema"
        "/wet/wmo/",
    ]
    for path in paths:
        response = page.goto(site + path)
        assert response.status == 200, path
        if found := violations(page, axe_source):
            failures[path] = found
    page.goto(site + "/forum/vraag-stellen/")
    page.click("form.pgb-form button[type=submit]")  # empty: the error summary and field errors
    if found := violations(page, axe_source):
        failures["ask with errors"] = found
    assert failures == {}


def test_similar_questions_appear_while_the_title_is_typed(site, page):
    from accounts.constants import Role
    from tests.accounts.factories import person
    from tests.browser.helpers import log_in

    log_in(page, site, person("eva@persaldo.nl", roles=[Role.EXPERT]))
    page.goto(site + "/forum/vraag-stellen/")
    page.fill("#id_title", "Mag een partner worden betaald uit het pgb")
    page.wait_for_selector("[data-pgb-similar-results] a")
    assert "Mag een partner uit het pgb worden betaald?" in page.inner_text("[data-pgb-similar-results]")


def test_moderation_screens_have_no_wcag_violations(site, page, axe_source):
    from accounts.constants import Role
    from cms.models import Municipality
    from forum import services
    from tests.accounts.factories import person, with_totp
    from tests.browser.helpers import log_in

    moderator = person("mod@persaldo.nl", first_name="Mo", roles=[Role.MODERATOR])
    asker = person("anna@utrecht.nl", first_name="Anna", municipality=Municipality.objects.get(code="GM0344"))
    question = services.question_ask(
        author=asker, title="Hoe toetsen jullie pgb-vaardigheid?", body="Wat vragen jullie door?"
    )
    reported = Question.objects.get(external_id="question-partner-als-zorgverlener")
    services.report_submit(post=reported, by=moderator, reason="incorrect", explanation="Verouderd.")
    log_in(page, site, moderator, secret=with_totp(moderator))
    failures = {}
    for path in (
        "/admin/forum/moderatie/",
        f"/admin/forum/moderatie/vraag/{question.pk}/",
        f"/admin/forum/moderatie/vraag/{reported.pk}/",
    ):
        response = page.goto(site + path)
        assert response.status == 200, path
        if found := violations(page, axe_source):
            failures[path] = found
    page.click("button[value=hide]")
    response = page.goto(site + "/admin/forum/moderatie/log/")
    if found := violations(page, axe_source):
        failures["log"] = found
    assert failures == {}
