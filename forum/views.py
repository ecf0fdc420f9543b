"""Forum pages: the list of questions and one question with its answers."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from cms import content_types
from cms.pagination import paginate
from forum import selectors
from forum.models import Question


def question_list(request):
    questions = selectors.question_list_visible(audience=request.audience)
    context = {"page_obj": paginate(request, questions), "content_type": content_types.get("question")}
    return render(request, "forum/question_list.html", context)


def question_detail(request, pk: int, slug: str | None = None):
    try:
        question = selectors.question_get_visible(pk=pk, audience=request.audience)
    except Question.DoesNotExist:
        raise Http404 from None  # members-only questions look exactly like missing ones to outsiders
    if slug != question.slug:
        return redirect(question, permanent=True)
    answers = selectors.answer_list_for_question(question=question)
    trail = [(content_types.get("question").plural, reverse("forum:question_list"))]
    return render(
        request,
        "forum/question_detail.html",
        {"question": question, "answers": answers, "breadcrumb_trail": trail},
    )
