"""The largest input the importer accepts, in one place so the README can cite it (FORMAT.md is unchanged).

Each limit is far above what real content needs (the shared corpus peaks at 5.7 kB a line, a 2,200
character body and 4 levels of nesting) and low enough that a bad or hostile file cannot exhaust memory,
recursion or a database column.
"""

# Whole lines, checked before decoding and parsing.
MAX_LINE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 16  # objects and lists inside each other; the format itself needs 4
MAX_NUMBER = 10**12  # any number anywhere in a line, in absolute value
