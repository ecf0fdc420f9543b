"""The relevance gate: our search ranks the judged dev queries well on the shared corpus.

`pgb bench relevance` prints the full report (per phenomenon, next to Wagtail's search); this test
fails CI when nDCG@10 on the dev set drops below the floor. The issue's target is 0.88 with a CI floor
of 0.85; the floors here are the levels reached so far (nDCG@10 0.835 on SQLite, 0.664 on PostgreSQL, whose
ts_rank has no inverse document frequency), raised as ranking improves.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from benchmarks.relevance import evaluate, load_queries, our_ranker

pytestmark = [pytest.mark.django_db, pytest.mark.shared_corpus]

# (nDCG@10, MRR) below which CI fails; measured 0.865 / 0.983 on SQLite and 0.867 / 0.983 on PostgreSQL.
FLOORS = {"sqlite": (0.85, 0.95), "postgresql": (0.85, 0.95)}


def test_dev_queries_rank_relevant_items_first(shared_corpus):
    call_command("import", str(shared_corpus / "pgb-corpus.jsonl"), verbosity=0, stdout=StringIO())
    report = evaluate(load_queries(shared_corpus / "queries-dev.jsonl"), our_ranker)
    ndcg, mrr, recall = report.overall.means()
    ndcg_floor, mrr_floor = FLOORS[connection.vendor]
    assert ndcg >= ndcg_floor, f"nDCG@10 {ndcg:.3f} fell below {ndcg_floor}"
    assert mrr >= mrr_floor, f"MRR {mrr:.3f} fell below {mrr_floor}"
    assert recall >= 0.9
