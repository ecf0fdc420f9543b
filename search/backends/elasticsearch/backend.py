"""The Elasticsearch backend: sends what `queries` builds, reads answers with `responses`.

Every index lives behind an alias; `rebuild` fills new indexes and swaps the aliases in one atomic
request, so searches never see a half-built index, and removes its new indexes again when it fails.
Synonyms live in a synonyms set that the search analyzers read (`updateable`), so an editor's change
needs no reindex. Searches wait at most `timeout`; index work gets the longer `admin_timeout`.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import replace

from elasticsearch import Elasticsearch, NotFoundError, helpers

from search.backends.base import BackendUnavailable
from search.backends.elasticsearch import mapping, queries, responses
from search.models import active_synonym_map, active_synonym_rules
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
    """The cluster refused an update; the message says what (in English, for operators).

    `permanent`: trying again will not help (the request itself was refused), as opposed to a
    cluster that is down, busy or not built yet.
    """

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


def _is_index_of(name: str, alias: str) -> bool:
    """`name` is one of the timestamped indexes made for `alias` (pgb-public-20261201120000000000)."""
    suffix = name[len(alias) + 1 :]
    return name.startswith(f"{alias}-") and suffix.isdigit() and len(suffix) == 20


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "pgb",
        timeout: float = 2.0,
        admin_timeout: float = 120.0,
        replicas: int = 1,
        ca_certs: str = "",
        api_key: str = "",
        refresh: bool = False,
    ):
        """`timeout` bounds what visitors wait for (searches, suggestions); `admin_timeout` the work
        behind the scenes (creating indexes, bulks with whole PDFs, synonyms, alias swaps), which a
        client timeout would abandon half-done. `ca_certs` and `api_key` reach a secured cluster.
        `refresh` makes every update searchable before it returns (tests); production leaves it to
        the cluster's refresh interval."""
        if not url:
            raise ElasticsearchError("ELASTICSEARCH_URL is not set")
        self.label = f"Elasticsearch at {url}"
        self.prefix = prefix
        self.aliases = mapping.aliases(prefix)
        self.synonyms_set = mapping.synonyms_set_id(prefix)
        self.replicas = replicas
        self.refresh = refresh
        options: dict = {"ca_certs": ca_certs} if ca_certs else {}
        if api_key:
            options["api_key"] = api_key
        nodes = [node.strip() for node in url.split(",") if node.strip()]  # a cluster: several nodes
        self.client = Elasticsearch(
            nodes, request_timeout=timeout, max_retries=0, retry_on_timeout=False, **options
        )
        self.admin = self.client.options(request_timeout=admin_timeout)

    # --- Index management -------------------------------------------------------------------------

    def _new_index(self, alias: str) -> str:
        name = f"{alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"
        body = mapping.index_definition(name, self.synonyms_set, replicas=self.replicas)
        self.admin.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
        return name

    def _layout(self) -> dict[str, set[str]]:
        """{index: the aliases of ours on it} for every index made for one of the aliases, in one request."""
        patterns = ",".join(f"{alias}-*" for alias in self.aliases.values())
        found = self.admin.indices.get_alias(index=patterns)
        return {
            index: set(entry.get("aliases", {})) & set(self.aliases.values())
            for index, entry in found.items()
            if any(_is_index_of(index, alias) for alias in self.aliases.values())
        }

    def _missing_aliases(self, layout: dict[str, set[str]] | None = None) -> list[str]:
        layout = self._layout() if layout is None else layout
        taken = set().union(*layout.values())
        return [alias for alias in self.aliases.values() if alias not in taken]

    def ensure_index(self) -> None:
        """Create empty indexes behind the missing aliases (tests; operators run `pgb search reindex`)."""
        missing = self._missing_aliases()
        if missing:
            self.synonyms_changed()
            for alias in missing:
                self.admin.indices.put_alias(index=self._new_index(alias), name=alias)

    def stray_indexes(self, layout: dict[str, set[str]] | None = None) -> list[str]:
        """Indexes of ours that no alias points at: left by a rebuild that could not clean up."""
        layout = self._layout() if layout is None else layout
        return sorted(index for index, aliases in layout.items() if not aliases)

    def sync_synonyms(self, rules: Iterable[str]) -> None:
        """Replace the synonyms set with these rules (Solr format); search analyzers reload at once."""
        self.admin.synonyms.put_synonym(id=self.synonyms_set, synonyms_set=mapping.synonym_rules(rules))

    def tidy(self) -> None:
        pass  # the cluster merges its segments itself

    def synonyms_changed(self) -> None:
        self.sync_synonyms([text for text, _rule in active_synonym_rules()])

    def drop(self) -> None:
        """Remove every index of ours, behind an alias or stray, and the synonyms set (tests, decommissioning)."""
        for index in self._layout():
            self.admin.indices.delete(index=index)
        try:
            self.admin.synonyms.delete_synonym(id=self.synonyms_set)
        except NotFoundError:
            pass

    def rebuild(
        self, documents: Iterable[SearchDocument], *, progress: Callable[[int], object] | None = None
    ) -> int:
        """Fill new indexes and swap every alias to them in one request; the old indexes are then removed.

        When anything fails before the swap, the new indexes are deleted again and the old ones stay
        in use: a failed rebuild leaves nothing behind.
        """
        self.synonyms_changed()  # creates or replaces the set the new indexes' analyzers read
        fresh: dict[str, str] = {}
        try:
            for visibility, alias in self.aliases.items():
                fresh[visibility] = self._new_index(alias)
            count = self._fill(fresh, documents, progress)
        except BaseException:
            for index in fresh.values():
                try:
                    self.admin.indices.delete(index=index)
                except Exception:  # nosec B110 # the cluster is gone: pgb search status lists the index as stray
                    pass
            raise
        old = {index: aliases for index, aliases in self._layout().items() if aliases}
        actions = [
            {"remove": {"index": index, "alias": alias}}
            for index, aliases in old.items()
            for alias in aliases
        ]
        actions += [
            {"add": {"index": fresh[visibility], "alias": alias}}
            for visibility, alias in self.aliases.items()
        ]
        self.admin.indices.update_aliases(actions=actions)
        for index in old:
            self.admin.indices.delete(index=index)
        return count

    def _fill(self, fresh: dict[str, str], documents: Iterable[SearchDocument], progress) -> int:
        actions = (
            {
                "_op_type": "index",
                "_index": fresh[str(d.visibility)],
                "_id": d.id,
                "_source": queries.source(d),
            }
            for d in documents
        )
        count = 0
        for ok, item in helpers.streaming_bulk(self.admin, actions, chunk_size=500, raise_on_error=False):
            if not ok:
                raise ElasticsearchError(f"a document was refused while rebuilding: {item}", permanent=True)
            count += 1
            if progress:
                progress(1)
        self.admin.indices.refresh(index=list(fresh.values()))
        return count

    # --- Updates ----------------------------------------------------------------------------------

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        self._bulk(queries.bulk_actions(documents, self.aliases))

    def delete(self, ids: Iterable[str]) -> None:
        self._bulk(queries.delete_actions(ids, self.aliases.values()))

    def _bulk(self, actions) -> int:
        """Send `actions`; refuses (so the update waits in the queue) while no full index stands behind
        the aliases: one made by the first update would hold only the updated items and look healthy."""
        missing = self._missing_aliases()
        if missing:
            raise ElasticsearchError(f"no index behind {', '.join(missing)} yet: run `pgb search reindex`")
        done, errors = helpers.bulk(
            self.admin,
            actions,
            chunk_size=500,
            raise_on_error=False,
            stats_only=False,
            **queries.bulk_params(refresh=self.refresh),
        )
        # Deleting what is absent is fine: a document lives in the index of its visibility only.
        real = [e for e in errors if next(iter(e.values())).get("status") != 404]
        if real:
            statuses = {next(iter(e.values())).get("status", 0) for e in real}
            raise ElasticsearchError(
                f"{len(real)} bulk actions failed, first: {real[0]}",
                permanent=all(400 <= status < 500 and status != 429 for status in statuses),
            )
        return done

    # --- Asking -----------------------------------------------------------------------------------

    def _indexes(self, audience: Audience) -> list[str]:
        return mapping.aliases_for(self.prefix, audience)

    def search(self, request: SearchRequest) -> BackendResults:
        """Results for `request`. Synonyms are applied by the cluster's synonyms set."""
        indexes = self._indexes(request.audience)
        text = request.text.strip()
        concepts = queries.concepts_of(text, active_synonym_map()) if text else []
        body = queries.build_search(request, concepts=concepts)
        results = responses.parse_response(
            self.client.search(index=indexes, body=body).body, request, concepts
        )
        if results.total == 0 and text:
            # Nothing matches exactly: try again allowing a typo or two per word.
            body = queries.build_search(request, fuzzy=True, concepts=concepts)
            retry = responses.parse_response(
                self.client.search(index=indexes, body=body).body, request, concepts
            )
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
            if cluster["status"] == "red":
                return BackendHealth(backend=self.name, status="error", detail="cluster status red")
            layout = self._layout()
            missing = self._missing_aliases(layout)
            if missing:
                detail = f"no index behind {', '.join(missing)}: run `pgb search reindex`"
                return BackendHealth(backend=self.name, status="error", detail=detail)
            count = self.client.count(index=self._indexes(audience))["count"]
            stray = self.stray_indexes(layout)
        except Exception as exc:  # unreachable, refusing or slow: reported, never raised
            return BackendHealth(backend=self.name, status="error", detail=exc.__class__.__name__)
        detail = f"cluster {cluster['status']}, {count} items"
        if stray:
            detail += f"; stray indexes (delete them): {', '.join(stray)}"
        return BackendHealth(backend=self.name, status="ok", detail=detail)
