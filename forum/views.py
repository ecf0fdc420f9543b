"""Forum pages: the list of questions and one question with its answers."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from forum import selectors
from forum.models import Question


def question_list(request):
    questions = selectors.question_list_visible(audience=request.audience)
    page_obj = Paginator(questions, settings.PGB_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "forum/question_list.html", {"page_obj": page_obj})


def question_detail(request, pk: int, slug: str | None = None):
    try:
        question = selectors.question_get_visible(pk=pk, audience=request.audience)
    except Question.DoesNotExist:
        raise Http404 from None  # members-only questions look exactly like missing ones to outsiders
    if slug != question.slug:
        return redirect(question, permanent=True)
    answers = selectors.answer_list_for_question(question=question)
    return render(request, "forum/question_detail.html", {"question": question, "answers": answers})
