"""App configuration for forum: registers the forum question content type."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    label = "forum"
    verbose_name = _("Forum")

    def ready(self) -> None:
        from django.urls import reverse

        from cms import content_types
        from forum import selectors, signals
        from forum.exchange import QuestionHandler
        from forum.models import Question
        from forum.search import QuestionDocuments

        content_types.register(
            content_types.ContentType(
                key="question",
                label=_("Forum question"),
                plural=_("Forum questions"),
                model=Question,
                listing=lambda: reverse("forum:question_list"),
                order=50,
                exchange=QuestionHandler(),
                documents=QuestionDocuments(),
                home=lambda audience: selectors.question_list_open(audience=audience)[:5],
                sitemap=lambda audience: selectors.question_list_visible(audience=audience).order_by("pk"),
                card_details=selectors.question_card_details,
            )
        )
        signals.connect()
        from accounts import services as account_services

        account_services.register_export_section("forum", selectors.export_for)
        from cms import extensions
        from forum.views import follow_tag_button

        extensions.register_browse_action(follow_tag_button)
