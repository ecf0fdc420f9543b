"""Template filters for forum pages: what the reader may do with a post (forum.permissions decides)."""

from django import template

from forum import permissions

register = template.Library()


@register.filter
def may_vote(post, user) -> bool:
    return permissions.can_vote(user, post)


@register.filter
def may_edit(post, user) -> bool:
    return permissions.can_edit(user, post)


@register.filter
def may_moderate(user) -> bool:
    return permissions.can_moderate(user)


@register.filter
def voted_in(post, voted) -> bool:
    return f"{post.url_kind}-{post.pk}" in (voted or ())


@register.filter
def moderation_url(post) -> str:
    """The post's page in the moderators' admin screens."""
    from forum.admin_views import post_url

    return post_url(post)
