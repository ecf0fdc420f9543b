"""The moderators' screens in the Wagtail admin: the queue (first posts waiting for approval, posts with
open reports), one post with its report history and the actions on it, and the log of decisions.

Every action goes through forum.services.moderation, which checks the role again and keeps search and
notifications current; these views only read (forum.selectors) and turn a button into a service call.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forum import permissions, selectors, services
from forum.constants import ReportOutcome, Status
from forum.models import Answer, Question, Report

KINDS = {model.url_kind: model for model in (Question, Answer)}


def post_url(post) -> str:
    return reverse("forum_moderation:post", kwargs={"kind": post.url_kind, "pk": post.pk})


class ModeratorsOnly:
    """Moderators and administrators; anyone else is sent to the admin home with Wagtail's message."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class QueueView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "forum/admin/queue.html"
    page_title = gettext_lazy("Moderation")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **selectors.moderation_queue()}


class PostView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    """One question or answer: what it says, where it stands, every report on it, and the actions."""

    template_name = "forum/admin/post.html"
    header_icon = "help"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        model = KINDS.get(kwargs["kind"])
        if model is None:
            raise Http404
        posts = model.objects.select_related("author", "author_municipality")
        self.post_object = get_object_or_404(posts, pk=kwargs["pk"])
        self.question = self.post_object if model is Question else self.post_object.question

    def get_page_title(self):
        if isinstance(self.post_object, Question):
            return _("Question: %(title)s") % {"title": self.post_object.title}
        return _("Answer to: %(title)s") % {"title": self.question.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("forum_moderation:queue"), "label": _("Moderation")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        post = self.post_object
        return {
            **super().get_context_data(**kwargs),
            "post": post,
            "question": self.question,
            "is_question": isinstance(post, Question),
            "reports": selectors.reports_of(post),
            "is_pending": post.status == Status.PENDING,
            "is_shown": post.status == Status.PUBLISHED and post.deleted_at is None,
            "open_outcome": ReportOutcome.OPEN,
            "edit_url": reverse("wagtailsnippets_forum_question:edit", args=[self.question.pk]),
        }

    def post(self, request, *args, **kwargs):
        post, action, by = self.post_object, request.POST.get("action", ""), request.user
        try:
            if action == "approve":
                services.post_approve(post=post, by=by)
                messages.success(request, _("Approved: the post is online and its followers are told."))
            elif action == "hide":
                services.post_hide(post=post, by=by)
                messages.success(request, _("Hidden: nobody sees the post any more; its author is told."))
            elif action == "restore":
                services.post_restore(post=post, by=by)
                messages.success(request, _("Restored: the post is shown again."))
            elif action in ("lock", "unlock") and isinstance(post, Question):
                services.question_lock(question=post, locked=action == "lock", by=by)
                messages.success(
                    request,
                    _("Locked: no new answers.") if action == "lock" else _("Unlocked: answers welcome."),
                )
            elif action == "dismiss":
                number = request.POST.get("report", "")
                report = Report.objects.filter(pk=int(number)).first() if number.isdigit() else None
                if report is None or report.post != post:
                    raise ValidationError(_("That report does not exist."))
                services.report_decide(report=report, hide=False, by=by)
                messages.success(request, _("Report dismissed: no action needed."))
            else:
                messages.error(request, _("Unknown action."))
        except PermissionDenied:
            return permission_denied(request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(post_url(post))


class LogView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "forum/admin/log.html"
    page_title = gettext_lazy("Moderation log")
    header_icon = "history"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("forum_moderation:queue"), "label": _("Moderation")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.decided_reports(), 50).get_page(self.request.GET.get("p"))
        return {**super().get_context_data(**kwargs), "page": page}
