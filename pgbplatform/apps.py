"""The project itself as an app: its system checks (`pgb check --deploy`), templates and static files."""

from django.apps import AppConfig


class PgbPlatformConfig(AppConfig):
    name = "pgbplatform"
    verbose_name = "Informatieplatform pgb"

    def ready(self) -> None:
        from pgbplatform import checks  # noqa: F401 - registers the deploy checks
