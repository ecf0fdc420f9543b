"""Moderation: reports, hiding and restoring posts, locking questions, approving first posts.

Moderators act here through the Wagtail admin; anyone who may read a post and is a verified member
may report it. Each function checks the role (PermissionDenied) and keeps search current.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import security_log
from forum import notify, permissions
from forum.constants import ReportOutcome, ReportReason, Status
from forum.models import Question, Report
from search import service as search_service


def _question_of(post) -> Question:
    return post if isinstance(post, Question) else post.question


def _require_moderator(by) -> None:
    if not permissions.can_moderate(by):
        raise PermissionDenied


@transaction.atomic
def report_submit(*, post, by, reason: str, explanation: str = "") -> Report:
    """Report a post; a person reports a post once while their report is open."""
    if not permissions.can_report(by):
        raise PermissionDenied
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if Report.objects.filter(reporter=by, outcome=ReportOutcome.OPEN, **Report.on(post)).exists():
        raise ValidationError({"reason": _("You have already reported this; a moderator will look at it.")})
    return Report.objects.create(
        reporter=by, reason=reason, explanation=explanation.strip()[:1000], **Report.on(post)
    )


def _log(action: str, post, by) -> None:
    """The moderation action in the security log: who did what to which post."""
    kind = "question" if isinstance(post, Question) else "answer"
    security_log.record(security_log.Kind.MODERATION, user=by, detail=f"{action} {kind} #{post.pk}")


def _set_status(post, status: str) -> None:
    type(post).objects.filter(pk=post.pk).update(status=status)
    post.status = status
    search_service.index_objects([_question_of(post)])


@transaction.atomic
def report_decide(*, report: Report, hide: bool, by) -> None:
    """Hide the reported post (and close every open report on it) or dismiss this report."""
    _require_moderator(by)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.outcome != ReportOutcome.OPEN:
        raise ValidationError({"outcome": _("This report has already been handled.")})
    if hide:
        post_hide(post=report.post, by=by)
    else:
        report.outcome, report.decided_at, report.decided_by = ReportOutcome.DISMISSED, timezone.now(), by
        report.save(update_fields=["outcome", "decided_at", "decided_by"])
        _log(f"dismissed report #{report.pk} on", report.post, by)


@transaction.atomic
def post_hide(*, post, by) -> None:
    """Hide a post from everyone; open reports on it are closed as handled, the author is told."""
    _require_moderator(by)
    if post.status != Status.HIDDEN:
        _set_status(post, Status.HIDDEN)
        notify.post_moderated(post, kind="post_hidden", by=by)
        _log("hid", post, by)
    _close_reports(post, ReportOutcome.HIDDEN, by)


def _close_reports(post, outcome: str, by) -> None:
    Report.objects.filter(outcome=ReportOutcome.OPEN, **Report.on(post)).update(
        outcome=outcome, decided_at=timezone.now(), decided_by=by
    )


@transaction.atomic
def post_restore(*, post, by) -> None:
    """Show a hidden or deleted post again."""
    _require_moderator(by)
    if post.status == Status.PUBLISHED and post.deleted_at is None:
        return
    type(post).objects.filter(pk=post.pk).update(status=Status.PUBLISHED, deleted_at=None, deleted_by=None)
    post.status, post.deleted_at = Status.PUBLISHED, None
    search_service.index_objects([_question_of(post)])
    _log("restored", post, by)


@transaction.atomic
def post_approve(*, post, by) -> None:
    """Publish the first post of a new official; followers are told now, as for any new post."""
    _require_moderator(by)
    if post.status != Status.PENDING:
        raise ValidationError({"status": _("This post is not waiting for approval.")})
    _set_status(post, Status.PUBLISHED)
    if isinstance(post, Question):
        notify.question_published(post)
    else:
        from forum.services.posting import answer_went_public

        answer_went_public(post, post.question)
    notify.post_moderated(post, kind="post_approved", by=by)
    _log("approved", post, by)


@transaction.atomic
def question_lock(*, question: Question, locked: bool, by) -> None:
    """A locked question stays readable but takes no new answers."""
    _require_moderator(by)
    question.is_locked = locked
    question.save(update_fields=["is_locked"])  # post_save: the page cache starts anew
    _log("locked" if locked else "unlocked", question, by)
