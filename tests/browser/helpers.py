"""Steps browser tests share: logging in through the real forms, and axe's WCAG check."""

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page, axe_source: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each."""
    page.evaluate(axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def log_in(page, site: str, user, *, secret: str | None = None, start: str = "/accounts/login/") -> None:
    """Log in through the real forms in the browser: address and password, then the app's code."""
    from tests.accounts.factories import PASSWORD, code_for

    page.goto(site + start)
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("form.pgb-form button[type=submit]")
    if secret is not None:
        page.wait_for_url("**/2fa/authenticate/**")
        page.fill("#id_code", code_for(secret))
        page.click("form.pgb-form button[type=submit]")
    page.wait_for_load_state("networkidle")
