"""`{% shared_fragment "name" key … %}…{% endshared_fragment %}`: a part of a page that is the same for
everyone of one audience, rendered once and kept in Django's cache.

For a page a signed-in reader sees (never served from the page cache) whose costly part holds nothing of
that person: the home page's sections, say. The key is the fragment's name and arguments, the audience's
visibilities (accounts decides the audience; two audiences with the same visibilities see the same), the
language and the content generation (pgbplatform.page_cache: any change visitors could see starts a new
one), so a fragment is never shown to an audience it was not made for, nor after a change. Without an
audience or a generation on the request, or with `PGB_PAGE_CACHE_SECONDS` 0, the fragment is rendered every
time, as it is in an editor's preview. What the fragment shows should be computed lazily (the view passes
lazy objects), or a cached fragment saves only the rendering.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, args):
        self.nodelist, self.name, self.args = nodelist, name, args

    def render(self, context):
        request = context.get("request")
        audience = getattr(request, "audience", None)
        generation = getattr(request, "content_generation", None)
        seconds = settings.PGB_PAGE_CACHE_SECONDS
        # An editor's preview shows a draft: neither from the cache nor into it.
        if audience is None or generation is None or seconds <= 0 or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [self.name.resolve(context), *(arg.resolve(context) for arg in self.args)]
        parts += [",".join(audience.key), get_language() or "", generation()]
        key = "pgb:fragment:" + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), timeout=seconds)
        return mark_safe(html)  # nosec B308 B703 # our own template's output, escaped when it was rendered


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
