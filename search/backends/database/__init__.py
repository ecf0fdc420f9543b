"""The database backend: the index lives in the content's own database (SQLite FTS5 or PostgreSQL).

`backend` holds the public class, `query` the query analysis, `ranking` the ordering, `indexing` the
writes, `snapshot` the in-memory filter bitmasks, `sqlite`/`postgres` what differs per engine.
"""

from search.backends.database.backend import DatabaseBackend

__all__ = ["DatabaseBackend"]
