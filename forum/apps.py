"""App configuration for forum."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    label = "forum"
    verbose_name = _("Forum")

    def ready(self) -> None:
        from django.urls import reverse

        from cms import home
        from cms.exchange import registry
        from forum import selectors
        from forum.exchange import QuestionHandler

        home.register_section(
            home.HomeSection(
                key="questions",
                heading=_("Open questions from gemeenten"),
                order=40,
                items=lambda request: selectors.question_list_open(audience=request.audience)[:5],
                more_url=lambda: reverse("forum:question_list"),
                more_label=_("All questions"),
            )
        )
        registry.register(QuestionHandler())

        from forum.search import QuestionDocuments
        from search import service as search_service

        search_service.register(QuestionDocuments())

        from forum import signals

        signals.connect()
