"""Places where other apps add to cms's pages without cms importing them (they register in ready()).

`register_browse_action(fn)`: fn(request, obj, kind) returns HTML (rendered from a template, so escaped)
shown under the title of a theme, law or gemeente page, or "" for nothing. The forum adds "Volg dit
thema" this way.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

BrowseAction = Callable[[HttpRequest, object, str], SafeString | str]
_browse_actions: list[BrowseAction] = []


def register_browse_action(action: BrowseAction) -> None:
    if action not in _browse_actions:
        _browse_actions.append(action)


def browse_actions(request: HttpRequest, obj, kind: str) -> list[SafeString]:
    return [html for action in _browse_actions if (html := action(request, obj, kind))]
