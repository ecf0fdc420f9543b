"""The forum's models: questions and answers, what people do with them, and moderation."""

from forum.models.activity import Follow, Revision, Vote
from forum.models.attachments import Attachment
from forum.models.moderation import Report
from forum.models.questions import Answer, AnswerQuerySet, Post, Question, QuestionQuerySet

__all__ = [
    "Answer",
    "Attachment",
    "AnswerQuerySet",
    "Follow",
    "Post",
    "Question",
    "QuestionQuerySet",
    "Report",
    "Revision",
    "Vote",
]
