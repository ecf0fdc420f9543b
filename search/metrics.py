"""The search service's figures for `/metrics` (pgbplatform.metrics exposes them)."""

from prometheus_client import Histogram

SEARCH_SECONDS = Histogram(
    "pgb_search_seconds",
    "Time the search service took to answer a search (the backend that answered: database, elasticsearch)",
    ["backend"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
