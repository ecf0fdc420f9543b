"""Serving a file with HTTP Range support, so a browser's video player can seek (and start at ?t=)."""

import os
import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def ranged_response(request, handle, *, size: int, content_type: str, filename: str) -> HttpResponse:
    """The whole file (200), the one byte range asked for (206), or 416 for a range outside it.
    `handle` is an open binary file of `size` bytes; it is closed when the response is done."""
    header = request.headers.get("Range", "")
    match = _RANGE.match(header.strip()) if header else None
    if header and (match is None or match.groups() == ("", "")):
        match = None  # several ranges or another unit: the whole file, as RFC 9110 allows
    if match is None:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        first, last = match.groups()
        if first == "":  # the last N bytes
            start, end = max(0, size - int(last)), size - 1
        else:
            start, end = int(first), min(int(last), size - 1) if last else size - 1
        if start >= size or start > end:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        handle.seek(start, os.SEEK_SET)
        length = end - start + 1

        def chunks():
            left = length
            try:
                while left > 0:
                    data = handle.read(min(CHUNK, left))
                    if not data:
                        break
                    left -= len(data)
                    yield data
            finally:
                handle.close()

        response = StreamingHttpResponse(chunks(), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
