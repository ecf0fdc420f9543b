"""The largest input the importer accepts, in one place so the README can cite it (FORMAT.md is unchanged).

Each limit is far above what real content needs (the shared corpus peaks at 5.7 kB a line, a 2,200
character body and 4 levels of nesting) and low enough that a bad or hostile file cannot exhaust memory,
recursion or a database column.
"""

# Whole lines, checked before decoding and parsing.
MAX_LINE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 16  # objects and lists inside each other; the format itself needs 4
MAX_NUMBER = 10**12  # any number anywhere in a line, in absolute value

# Text fields: maximum characters after surrounding white space is removed.
TITLE_LENGTH = (3, 200)
MAX_SUMMARY = 1_000
MAX_BODY = 200_000
MAX_CAPTIONS = 500_000
MAX_ANSWER_BODY = 50_000
MAX_NAME = 200  # author name and organisation, contact name and role, speaker
MAX_EMAIL = 254
MAX_ATTACHMENT_TITLE = 255
MAX_ATTACHMENT_PATH = 500

# Lists: maximum entries.
MAX_MUNICIPALITIES = 400  # there are 342 gemeenten
MAX_LAWS = 20
MAX_THEMES = 50
MAX_ATTACHMENTS = 50
MAX_ANSWERS = 500

# Other values.
MAX_DURATION_SECONDS = 86_400
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
MAX_VIDEO_BYTES = 500 * 1024 * 1024  # a video file (WebM or MP4) of a video item
