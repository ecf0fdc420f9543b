"""The Elasticsearch backend, for when one machine is outgrown.

`mapping` defines the indexes (one per visibility) and their Dutch analysis, `queries` builds every
request body as a dict, `responses` reads the answers, `backend` sends and receives.
"""

from search.backends.elasticsearch.backend import ElasticsearchBackend, ElasticsearchError

__all__ = ["ElasticsearchBackend", "ElasticsearchError"]
