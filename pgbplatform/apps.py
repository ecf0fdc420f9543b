"""The project itself as an app: its system checks (`pgb check --deploy`), the page cache's
invalidation, templates and static files."""

from django.apps import AppConfig


class PgbPlatformConfig(AppConfig):
    name = "pgbplatform"
    verbose_name = "Informatieplatform pgb"

    def ready(self) -> None:
        from pgbplatform import checks, page_cache  # noqa: F401 - checks registers the deploy checks

        page_cache.connect()
