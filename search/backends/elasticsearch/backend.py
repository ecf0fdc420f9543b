"""The Elasticsearch backend: sends what `queries` builds, reads answers with `responses`.

Every index lives behind an alias; `rebuild` fills new indexes and swaps the aliases in one atomic
request, so searches never see a half-built index. Synonyms live in a synonyms set that the search
analyzers read (`updateable`), so an editor's change needs no reindex.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import replace

from elasticsearch import Elasticsearch, NotFoundError, helpers

from search.backends.base import BackendUnavailable
from search.backends.elasticsearch import mapping, queries, responses
from search.models import active_synonym_rules
from search.types import (
    Audience,
    BackendHealth,
    BackendResults,
    Hit,
    SearchDocument,
    SearchRequest,
    Suggestion,
)


class ElasticsearchError(BackendUnavailable):
    """The cluster refused an update; the message says what (in English, for operators)."""


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(
        self, url: str, *, prefix: str = "pgb", timeout: float = 2.0, replicas: int = 1, refresh: bool = False
    ):
        """`refresh` makes every update visible before it returns (tests); production leaves it to the cluster."""
        if not url:
            raise ElasticsearchError("ELASTICSEARCH_URL is not set")
        self.label = f"Elasticsearch at {url}"
        self.prefix = prefix
        self.aliases = mapping.aliases(prefix)
        self.synonyms_set = mapping.synonyms_set_id(prefix)
        self.replicas = replicas
        self.refresh = refresh
        self.client = Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)

    # --- Index management -------------------------------------------------------------------------

    def _new_index(self, alias: str) -> str:
        name = f"{alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"
        body = mapping.index_definition(name, self.synonyms_set, replicas=self.replicas)
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
        return name

    def ensure_index(self) -> None:
        """Create the indexes behind the aliases (and the synonyms set they read) where missing."""
        missing = [a for a in self.aliases.values() if not self.client.indices.exists_alias(name=a)]
        if not missing:
            return
        self._ensure_synonyms()
        for alias in missing:
            self.client.indices.put_alias(index=self._new_index(alias), name=alias)

    def _ensure_synonyms(self) -> None:
        try:
            self.client.synonyms.get_synonym(id=self.synonyms_set, size=1)
        except NotFoundError:
            self.client.synonyms.put_synonym(id=self.synonyms_set, synonyms_set=[])

    def sync_synonyms(self, rules: Iterable[str]) -> None:
        """Replace the synonyms set with these rules (Solr format); search analyzers reload at once."""
        self.client.synonyms.put_synonym(id=self.synonyms_set, synonyms_set=mapping.synonym_rules(rules))

    def synonyms_changed(self) -> None:
        self.sync_synonyms([text for text, _rule in active_synonym_rules()])

    def drop(self) -> None:
        """Remove every index behind the aliases and the synonyms set (tests, decommissioning)."""
        for alias in self.aliases.values():
            if self.client.indices.exists_alias(name=alias):
                for index in self.client.indices.get_alias(name=alias):
                    self.client.indices.delete(index=index)
        try:
            self.client.synonyms.delete_synonym(id=self.synonyms_set)
        except NotFoundError:
            pass

    def rebuild(
        self, documents: Iterable[SearchDocument], *, progress: Callable[[int], object] | None = None
    ) -> int:
        """Fill new indexes and swap every alias to them in one request; the old indexes are then removed."""
        self.synonyms_changed()  # creates or replaces the set the new indexes' analyzers read
        fresh = {visibility: self._new_index(alias) for visibility, alias in self.aliases.items()}
        count = 0
        for ok, _item in helpers.streaming_bulk(
            self.client,
            (
                {**action, "_index": fresh[action["_source"]["visibility"]]}
                for action in self._index_only(documents)
            ),
            chunk_size=500,
            raise_on_error=False,
        ):
            if not ok:
                raise ElasticsearchError(
                    "a document was refused while rebuilding; the old indexes stay in use"
                )
            count += 1
            if progress:
                progress(1)
        self.client.indices.refresh(index=list(fresh.values()))
        actions, old = [], []
        for visibility, alias in self.aliases.items():
            if self.client.indices.exists_alias(name=alias):
                for index in self.client.indices.get_alias(name=alias):
                    old.append(index)
                    actions.append({"remove": {"index": index, "alias": alias}})
            actions.append({"add": {"index": fresh[visibility], "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.indices.delete(index=index)
        return count

    @staticmethod
    def _index_only(documents: Iterable[SearchDocument]):
        for document in documents:
            yield {"_op_type": "index", "_id": document.id, "_source": queries.source(document)}

    # --- Updates ----------------------------------------------------------------------------------

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        self.ensure_index()
        self._bulk(queries.bulk_actions(documents, self.aliases))

    def delete(self, ids: Iterable[str]) -> None:
        self.ensure_index()
        self._bulk(queries.delete_actions(ids, self.aliases.values()))

    def _bulk(self, actions) -> int:
        done, errors = helpers.bulk(
            self.client,
            actions,
            chunk_size=500,
            raise_on_error=False,
            stats_only=False,
            refresh=self.refresh or None,
        )
        # Deleting what is absent is fine: a document lives in the index of its visibility only.
        real = [e for e in errors if next(iter(e.values())).get("status") != 404]
        if real:
            raise ElasticsearchError(f"{len(real)} bulk actions failed, first: {real[0]}")
        return done

    # --- Asking -----------------------------------------------------------------------------------

    def _indexes(self, audience: Audience) -> list[str]:
        return mapping.aliases_for(self.prefix, audience)

    def search(self, request: SearchRequest) -> BackendResults:
        """Results for `request`. Synonyms are applied by the cluster's synonyms set."""
        indexes = self._indexes(request.audience)
        results = responses.parse_response(
            self.client.search(index=indexes, body=queries.build_search(request)).body, request
        )
        if results.total == 0 and request.text.strip():
            # Nothing matches exactly: try again allowing a typo or two per word.
            fuzzy = self.client.search(index=indexes, body=queries.build_search(request, fuzzy=True)).body
            retry = responses.parse_response(fuzzy, request)
            return replace(retry, suggestion=retry.suggestion or results.suggestion)
        return results

    def suggest(self, prefix: str, *, audience: Audience, limit: int = 8) -> list[Suggestion]:
        if len(prefix.strip()) < 2:
            return []
        body = queries.build_suggest(prefix, audience=audience, limit=limit)
        return responses.parse_suggestions(self.client.search(index=self._indexes(audience), body=body).body)

    def related(self, doc_id: str, *, audience: Audience, limit: int = 4) -> list[Hit]:
        indexes = self._indexes(audience)
        body = queries.build_related(doc_id, audience=audience, indexes=indexes, limit=limit)
        return [
            responses.parse_hit(raw)
            for raw in self.client.search(index=indexes, body=body).body["hits"]["hits"]
        ]

    def health(self, *, audience: Audience) -> BackendHealth:
        try:
            cluster = self.client.cluster.health(timeout="2s")
            missing = [a for a in self.aliases.values() if not self.client.indices.exists_alias(name=a)]
            if cluster["status"] == "red":
                return BackendHealth(backend=self.name, status="error", detail="cluster status red")
            if missing:
                return BackendHealth(
                    backend=self.name, status="error", detail=f"no index behind alias {', '.join(missing)}"
                )
            count = self.client.count(index=self._indexes(audience))["count"]
        except Exception as exc:  # unreachable, refusing or slow: reported, never raised
            return BackendHealth(backend=self.name, status="error", detail=exc.__class__.__name__)
        return BackendHealth(
            backend=self.name, status="ok", detail=f"cluster {cluster['status']}, {count} items"
        )
