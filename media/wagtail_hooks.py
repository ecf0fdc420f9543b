"""A video's file is served by its page only (`bestand/`, with ranges and the page's audience), never by
Wagtail's document view, which knows nothing of who may see the page."""

from django.http import Http404
from django.shortcuts import redirect
from wagtail import hooks

from media.models import VideoPage


@hooks.register("before_serve_document")
def serve_video_files_through_their_page(document, request):
    pages = VideoPage.objects.filter(video_file=document)
    if not pages.exists():
        return None
    page = pages.live().first()
    if page is None:
        raise Http404
    return redirect(f"{page.url}bestand/")
