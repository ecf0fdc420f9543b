"""Forum pages: the list, one question with its answers, asking, answering, and what people do with posts.

Views parse the request and call one selector or service (forum.services); who may do what is decided
there. A question a visitor may not read is a 404, as if it did not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import browse, content_types
from cms.forms import add_service_errors
from cms.models import Law, Theme
from cms.pagination import paginate
from forum import permissions, selectors, services
from forum.forms import AnswerForm, QuestionEditForm, QuestionForm, ReportForm
from forum.models import Answer, Attachment, Question
from search import service as search_service
from search.types import SearchRequest


def _trail():
    return [(content_types.get("question").plural, reverse("forum:question_list"))]


def _question_or_404(request, pk: int) -> Question:
    try:
        return selectors.question_get_visible(pk=pk, audience=request.audience)
    except Question.DoesNotExist:
        raise Http404 from None  # members-only questions look exactly like missing ones to outsiders


def _answer_or_404(request, pk: int) -> Answer:
    answer = get_object_or_404(Answer.objects.shown().select_related("question"), pk=pk)
    _question_or_404(request, answer.question_id)
    return answer


def _post_or_404(request, kind: str, pk: int) -> Question | Answer:
    """The question or answer a URL names by its kind ("vraag", "antwoord"), if the viewer may read it."""
    return _answer_or_404(request, pk) if kind == Answer.url_kind else _question_or_404(request, pk)


def _too_fast(request):
    return render(request, "429.html", status=429)


def _detail_context(request, question: Question, answer_form: AnswerForm | None = None) -> dict:
    """A question page: its answers, what this reader may do, and the answer form (a bound one after errors)."""
    user = request.user
    if answer_form is None and permissions.can_post(user) and not question.is_locked:
        answer_form = AnswerForm()
    return {
        "question": question,
        "answers": selectors.answer_list_for_question(question=question),
        "breadcrumb_trail": _trail(),
        "answer_form": answer_form,
        "can_accept": permissions.can_accept(user, question),
        "can_moderate": permissions.can_moderate(user),
        "voted": selectors.votes_by(user=user, question=question),
        "following": selectors.is_following(user=user, question=question),
    }


def question_list(request):
    """Every question the visitor may read: a browse page of the type (cms.browse), newest first."""
    content_type = content_types.get("question")
    label = _("Search within %(listing)s") % {"listing": str(content_type.plural).lower()}
    listing = browse.run(request, browse.scope("type", content_type.key, label=label))
    context = {
        **listing.context,
        "content_type": content_type,
        "can_post": permissions.can_post(request.user),
        "is_expert": permissions.is_expert(request.user) or permissions.can_moderate(request.user),
    }
    return render(request, "forum/question_list.html", context, status=listing.status)


def question_detail(request, pk: int, slug: str | None = None):
    question = _question_or_404(request, pk)
    if slug != question.slug:
        return redirect(question, permanent=True)
    return render(request, "forum/question_detail.html", _detail_context(request, question))


@login_required
def question_ask(request):
    if not permissions.can_post(request.user):
        return render(request, "forum/may_not_post.html", status=403)
    initial = {"municipality": request.user.municipality.code if request.user.municipality_id else None}
    form = QuestionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.question_ask(
                author=request.user,
                title=data["title"],
                body=data["body"],
                visibility=data["visibility"],
                themes=[theme.slug for theme in data["themes"]],
                laws=[law.slug for law in data["laws"]],
                municipalities=[data["municipality"].code] if data["municipality"] else [],
                expert_requested=data["expert_requested"],
                attachments=data["attachments"],
            )
        except services.PostingTooFast:
            return _too_fast(request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if question.status == "pending":
                messages.info(
                    request,
                    _(
                        "Thank you. Your first question is checked by a moderator; you hear from us when it is online."
                    ),
                )
                return redirect("forum:question_list")
            messages.success(request, _("Your question is online."))
            return redirect(question)
    return render(request, "forum/question_ask.html", {"form": form, "breadcrumb_trail": _trail()})


@login_required
@require_POST
def answer_create(request, pk: int):
    question = _question_or_404(request, pk)
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            answer = services.answer_post(
                question=question,
                author=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except services.PostingTooFast:
            return _too_fast(request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if answer.status == "pending":
                messages.info(request, _("Thank you. Your first answer is checked by a moderator first."))
                return redirect(question)
            messages.success(request, _("Your answer is online."))
            return redirect(answer)
    return render(request, "forum/question_detail.html", _detail_context(request, question, form), status=400)


@login_required
@require_POST
def answer_accept(request, pk: int):
    answer = _answer_or_404(request, pk)
    if request.POST.get("undo"):
        services.answer_unaccept(answer=answer, by=request.user)
    else:
        services.answer_accept(answer=answer, by=request.user)
    return redirect(answer)


@login_required
@require_POST
def vote(request, kind: str, pk: int):
    post = _post_or_404(request, kind, pk)
    services.vote_toggle(user=request.user, post=post)
    return redirect(post)


@login_required
@require_POST
def follow(request, pk: int):
    question = _question_or_404(request, pk)
    following = services.follow_toggle(user=request.user, question=question)
    messages.success(
        request, _("You follow this question.") if following else _("You no longer follow this question.")
    )
    return redirect(question)


TAG_KINDS = {"thema": ("theme", Theme), "wet": ("law", Law)}


def follow_tag_button(request, obj, kind: str) -> str:
    """ "Volg dit thema" / "Volg deze wet" on a theme or law page (cms.extensions)."""
    url_kind = next((name for name, (field, _model) in TAG_KINDS.items() if field == kind), None)
    if url_kind is None:
        return ""  # a gemeente page: gemeenten are not followed
    context = {
        "object": obj,
        "kind": url_kind,
        "following": selectors.is_following(user=request.user, **{kind: obj}),
        "can_follow": permissions.can_follow(request.user),
    }
    return render_to_string("forum/includes/follow_tag.html", context, request=request)


@require_POST
def follow_tag(request, kind: str, slug: str):
    field, model = TAG_KINDS[kind]
    tag = get_object_or_404(model, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(tag.get_absolute_url())
    if not permissions.can_follow(request.user):
        raise PermissionDenied
    following = services.follow_toggle(user=request.user, **{field: tag})
    name = tag.name
    if following:
        messages.success(
            request, _("You follow %(name)s: you hear of new questions about it.") % {"name": name}
        )
    else:
        messages.success(request, _("You no longer follow %(name)s.") % {"name": name})
    return redirect(tag.get_absolute_url())


@login_required
def question_edit(request, pk: int):
    question = _question_or_404(request, pk)
    if not permissions.can_edit(request.user, question):
        raise PermissionDenied
    form = QuestionEditForm(request.POST or None, initial={"title": question.title, "body": question.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.question_edit(question=question, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(question)
    return render(
        request, "forum/post_edit.html", {"form": form, "question": question, "breadcrumb_trail": _trail()}
    )


@login_required
def answer_edit(request, pk: int):
    answer = _answer_or_404(request, pk)
    if not permissions.can_edit(request.user, answer):
        raise PermissionDenied
    form = AnswerForm(request.POST or None, initial={"body": answer.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_edit(answer=answer, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(answer)
    context = {"form": form, "question": answer.question, "answer": answer, "breadcrumb_trail": _trail()}
    return render(request, "forum/post_edit.html", context)


@login_required
@require_POST
def post_delete(request, kind: str, pk: int):
    post = _post_or_404(request, kind, pk)
    services.post_delete(post=post, by=request.user)
    messages.success(request, _("Deleted."))
    return redirect(post.question if kind == "antwoord" else reverse("forum:question_list"))


def history(request, kind: str, pk: int):
    post = _post_or_404(request, kind, pk)
    question = post.question if kind == "antwoord" else post
    context = {
        "post": post,
        "question": question,
        "revisions": post.revisions.all(),
        "breadcrumb_trail": _trail(),
    }
    return render(request, "forum/history.html", context)


@login_required
def report(request, kind: str, pk: int):
    post = _post_or_404(request, kind, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(post=post, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. A moderator looks at your report."))
            return redirect(post)
    question = post.question if kind == "antwoord" else post
    return render(
        request, "forum/report.html", {"form": form, "question": question, "breadcrumb_trail": _trail()}
    )


@login_required
def expert_requests(request):
    """Questions whose askers asked Per Saldo to think along and no expert has answered yet, oldest first."""
    if not (permissions.is_expert(request.user) or permissions.can_moderate(request.user)):
        raise PermissionDenied
    questions = selectors.question_list_awaiting_expert(audience=request.audience)
    return render(
        request,
        "forum/expert_requests.html",
        {"page_obj": paginate(request, questions), "breadcrumb_trail": _trail()},
    )


def similar(request):
    """Existing questions and cases like the title being typed (for the ask form's script; HTML fragment)."""
    text = request.GET.get("titel", "").strip()[:200]
    hits = []
    if len(text) >= 8:
        results = search_service.search(
            SearchRequest(
                text=text,
                filters=(("type", ("question", "case")),),
                page_size=5,
                audience=request.audience,
                facets=False,
            )
        )
        hits = results.hits
    return render(request, "forum/includes/similar.html", {"hits": hits, "text": text})


def attachment(request, pk: int, name: str):
    """A file attached to a post, for whoever may read the post (moderators: any post). Images are shown,
    PDFs downloaded; either way under a sandboxing policy, with the checked type and the cleaned name."""
    item = get_object_or_404(Attachment.objects.select_related("question", "answer__question"), pk=pk)
    if not permissions.can_moderate(request.user):
        if item.answer_id:
            _answer_or_404(request, item.answer_id)
        else:
            _question_or_404(request, item.question_id)
    if name != item.name:
        return redirect(item.get_absolute_url(), permanent=True)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=item.content_type, as_attachment=not item.is_image, filename=item.name
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
