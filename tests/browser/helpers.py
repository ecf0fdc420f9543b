"""Steps browser tests share: logging in through the real forms."""


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
