"""App configuration for accounts: the role log and the reactions to verified e-mail addresses."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import audit, security_log, signals

        audit.connect()
        security_log.connect()
        signals.connect()
