"""Writes of the forum (other apps may use these): the importer's question_save, posting, following and
moderation. Each module's functions check who may act and keep search and notifications current."""

from forum.services.follows import follow_toggle
from forum.services.imported import AnswerFields, NewQuestions, question_save
from forum.services.moderation import (
    post_approve,
    post_hide,
    post_restore,
    question_lock,
    report_decide,
    report_submit,
)
from forum.services.posting import (
    PostingTooFast,
    answer_accept,
    answer_edit,
    answer_post,
    answer_unaccept,
    post_delete,
    question_ask,
    question_edit,
    vote_toggle,
)

__all__ = [
    "AnswerFields",
    "PostingTooFast",
    "answer_accept",
    "answer_edit",
    "answer_post",
    "answer_unaccept",
    "follow_toggle",
    "post_approve",
    "post_delete",
    "post_hide",
    "post_restore",
    "question_ask",
    "question_edit",
    "question_lock",
    "question_save",
    "NewQuestions",
    "report_decide",
    "report_submit",
    "vote_toggle",
]
