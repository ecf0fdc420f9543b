"""How numbers read on the site: durations and moments in a video."""

from django.utils.translation import gettext as _


def duration(seconds) -> str:
    """Seconds as '4 min 10 s'."""
    if seconds in (None, ""):
        return ""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return _("%(s)s s") % {"s": rest}
    return _("%(m)s min %(s)s s") % {"m": minutes, "s": rest}


def timestamp(seconds) -> str:
    """Seconds as m:ss (or h:mm:ss), as a player shows them."""
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
