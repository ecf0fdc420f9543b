"""The database search backend: analysed terms in SearchEntry rows, ranked by the engine's full-text index.

`for_connection()` picks the SQLite (FTS5) or PostgreSQL (tsvector) implementation for the database in
use. Both share everything but the two engine-specific pieces: how a query matches and how it ranks.
Filters and facets run in SQL over SearchEntry columns (type, year, audience) and SearchFacet rows
(theme, law, municipality, province); snippets are cut in Python from the stored passages.
"""

from collections.abc import Iterable

from django.db import connection, transaction

from search import spelling
from search.analysis import STOP_WORDS, analyze, split_compound, stem, words
from search.analysis import query_groups as analysis_groups
from search.highlight import snippet
from search.labels import facet_values
from search.models import SearchEntry, SearchFacet
from search.synonyms import SynonymMap, normalise
from search.types import (
    FILTER_FIELDS,
    BackendHealth,
    FacetValue,
    Hit,
    SearchDocument,
    SearchQuery,
    SearchResults,
)

Groups = list[list[tuple[str, ...]]]
# Multi-valued filters live in SearchFacet rows; the others are columns of SearchEntry.
FACET_ROW_FIELDS = ("theme", "law", "municipality", "province")
COLUMN_FIELDS = {"type": "e.type", "year": "e.year"}
RECENCY_BOOST = 0.15  # a brand-new item scores up to 15 % higher than an old one with the same text score


def passages(document: SearchDocument) -> list[dict]:
    result = [{"kind": "body", "text": document.body}] if document.body else []
    result += [{"kind": "cue", "start": cue.start, "text": cue.text} for cue in document.cues]
    result += [{"kind": "page", "page": p.page, "title": p.title, "text": p.text} for p in document.pages]
    return result


def entry_fields(document: SearchDocument) -> dict:
    """The SearchEntry columns for a document: filter values, passages and analysed terms per field weight."""
    body_parts = [
        document.body,
        *(cue.text for cue in document.cues),
        *(page.text for page in document.pages),
    ]
    return {
        "type": document.type,
        "title": document.title[:255],
        "summary": document.summary,
        "url": document.url,
        "published": document.published,
        "year": document.published.year,
        "audience": str(document.audience),
        "municipalities": [list(m) for m in document.municipalities],
        "laws": list(document.laws),
        "themes": list(document.themes),
        "passages": passages(document),
        "title_terms": " ".join(analyze(document.title)),
        "summary_terms": " ".join(analyze(document.summary)),
        "body_terms": " ".join(analyze(" ".join(body_parts))),
    }


ENTRY_FIELDS = [
    "type",
    "title",
    "summary",
    "url",
    "published",
    "year",
    "audience",
    "municipalities",
    "laws",
    "themes",
    "passages",
    "title_terms",
    "summary_terms",
    "body_terms",
    "updated_at",
]


def facet_rows(entry: SearchEntry) -> list[SearchFacet]:
    values = {
        "theme": set(entry.themes),
        "law": set(entry.laws),
        "municipality": {code for code, _name, _province in entry.municipalities},
        "province": {province for _code, _name, province in entry.municipalities},
    }
    return [
        SearchFacet(entry=entry, field=field, value=v) for field, vs in values.items() for v in sorted(vs)
    ]


def query_groups(query: str, synonyms: SynonymMap, known=None) -> Groups:
    """What a query searches for: per word, synonym or joined compound, alternatives of stems.

    Each group is a list of alternatives, an alternative a tuple of stems that must co-occur. Groups
    are OR-ed and bm25 ranks; synonyms of a word (found by its stem, so plurals expand too) or of a
    known phrase add groups, and two adjacent words that form a domain compound ("zorg
    overeenkomst") add the joined word when the index knows it (`known(stems)` -> the known ones),
    so items that use the compound rank high.
    """
    folded = " ".join(normalise(query).split())
    tokens = folded.split()
    by_stem: dict[str, set[str]] = {}
    for source in synonyms.sources():
        by_stem.setdefault(stem(source), set()).add(source)
    texts = [query]
    for token in tokens:
        expansions = synonyms.expand(token)
        for source in by_stem.get(stem(token), ()):
            expansions |= synonyms.expand(source)
        texts.extend(sorted(expansions - {token}))
    for phrase in synonyms.phrases():
        if f" {phrase} " in f" {folded} ":
            texts.extend(sorted(synonyms.expand(phrase) - {phrase}))
    joins = [a + b for a, b in zip(tokens, tokens[1:], strict=False) if split_compound(a + b)]
    if joins and known is not None:
        found = known([stem(j) for j in joins])
        texts.extend(j for j in joins if stem(j) in found)
    groups: Groups = []
    for text in texts:
        for group in analysis_groups(text):
            if group not in groups:
                groups.append(group)
    return groups


def group_stems(groups: Groups) -> frozenset[str]:
    return frozenset(s for group in groups for alternative in group for s in alternative)


class Sql:
    """A WHERE clause under construction: fragments AND-ed, parameters in order."""

    def __init__(self):
        self.parts: list[str] = []
        self.params: list = []

    def add(self, fragment: str, params=()) -> None:
        self.parts.append(fragment)
        self.params.extend(params)

    @property
    def where(self) -> str:
        return " AND ".join(self.parts) if self.parts else "1=1"


def in_list(values) -> str:
    return ", ".join(["%s"] * len(values))


class DatabaseBackend:
    """Shared indexing, filtering and faceting; subclasses match, rank and keep the engine's index."""

    name = "database"
    # Engine-specific SQL: a CTE `m(id, score)` of matching entries, higher score better, and the
    # age of an entry in years.
    age_years_sql = ""

    # --- Indexing ---------------------------------------------------------------------------------

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        """Insert or update entries for `documents` in a few statements per batch, not per document."""
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            existing = {e.doc_id: e for e in SearchEntry.objects.filter(doc_id__in=[d.id for d in documents])}
            new, changed = [], []
            for document in documents:
                fields = entry_fields(document)
                entry = existing.get(document.id)
                if entry is None:
                    new.append(SearchEntry(doc_id=document.id, **fields))
                else:
                    for name, value in fields.items():
                        setattr(entry, name, value)
                    changed.append(entry)
            SearchEntry.objects.bulk_create(new)  # primary keys come back (SQLite >= 3.35, PostgreSQL)
            if changed:
                from django.utils import timezone

                now = timezone.now()
                for entry in changed:
                    entry.updated_at = now
                SearchEntry.objects.bulk_update(changed, ENTRY_FIELDS)
                SearchFacet.objects.filter(entry__in=changed).delete()
            SearchFacet.objects.bulk_create([row for entry in new + changed for row in facet_rows(entry)])
            self._index(new + changed)

    def delete(self, ids: Iterable[str]) -> None:
        with transaction.atomic():
            entries = list(SearchEntry.objects.filter(doc_id__in=list(ids)))
            self._unindex(entries)
            SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        count, batch = 0, []
        with transaction.atomic():
            self._unindex(list(SearchEntry.objects.all()))
            SearchEntry.objects.all().delete()
            for document in documents:
                batch.append(document)
                if len(batch) >= 200:
                    self.upsert(batch)
                    count, batch = count + len(batch), []
            self.upsert(batch)
        return count + len(batch)

    def _index(self, entries: list[SearchEntry]) -> None:
        """Engine-specific: bring the full-text index up to date for `entries`."""

    def _unindex(self, entries: list[SearchEntry]) -> None:
        """Engine-specific: remove `entries` from the full-text index."""

    # --- Engine-specific matching -----------------------------------------------------------------

    def match_cte(self, groups: Groups) -> tuple[str, list]:
        """SQL for `m(id, score)`: the entries matching any group, with a text score (higher better)."""
        raise NotImplementedError

    def known_stems(self, stems: Iterable[str]) -> set[str]:
        """The stems that occur somewhere in the index."""
        raise NotImplementedError

    def prefix_cte(self, complete: list[str], prefix: str) -> tuple[str, list]:
        """SQL for `m(id, score)`: entries whose title has the `complete` stems and a word starting with `prefix`."""
        raise NotImplementedError

    # --- Searching --------------------------------------------------------------------------------

    def search(self, query: SearchQuery, *, synonyms: SynonymMap, pinned_ids=()) -> SearchResults:
        groups = query_groups(query.text, synonyms, known=self.known_stems) if query.text.strip() else []
        suggestion = None
        if groups:
            groups, suggestion = self._corrected(query.text, groups)
        pinned = list(pinned_ids)
        base = self._base(query, groups, pinned)
        if base is None:  # a query of stop words only: nothing to match
            return SearchResults(
                query=query, total=0, hits=[], facets={}, backend=self.name, suggestion=suggestion
            )
        cte, cte_params, source, match_where, match_params = base
        filters = self._filters(query)

        with connection.cursor() as cursor:
            where = Sql()
            where.add(match_where, match_params)
            where.add(f"e.audience IN ({in_list(query.audiences)})", query.audiences)
            for _field, fragment, params in filters:
                where.add(fragment, params)
            cursor.execute(
                f"{cte} SELECT COUNT(*) FROM {source} WHERE {where.where}", cte_params + where.params
            )
            total = cursor.fetchone()[0]

            order, order_params = self._order(query, groups, pinned)
            cursor.execute(
                f"{cte} SELECT e.id FROM {source} WHERE {where.where} ORDER BY {order} LIMIT %s OFFSET %s",
                cte_params + where.params + order_params + [query.page_size, query.offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
            facets = (
                self._facets(cursor, query, cte, cte_params, source, (match_where, match_params), filters)
                if query.facets
                else {}
            )

        entries = SearchEntry.objects.in_bulk(ids)
        stems = group_stems(groups)
        hits = [self._hit(entries[pk], stems, pinned) for pk in ids if pk in entries]
        return SearchResults(
            query=query, total=total, hits=hits, facets=facets, backend=self.name, suggestion=suggestion
        )

    def _base(self, query: SearchQuery, groups: Groups, pinned: list[str]):
        """(CTE SQL and params, FROM clause, extra WHERE fragment and params) for what a query can return."""
        if query.text.strip() and not groups:
            return None
        if not groups:
            return "", [], "search_searchentry e", "1=1", []
        cte, params = self.match_cte(groups)
        if pinned:
            # Promoted items come along even when their text does not match.
            return (
                cte,
                params,
                "search_searchentry e LEFT JOIN m ON m.id = e.id",
                f"(m.id IS NOT NULL OR e.doc_id IN ({in_list(pinned)}))",
                pinned,
            )
        return cte, params, "search_searchentry e JOIN m ON m.id = e.id", "1=1", []

    def _filters(self, query: SearchQuery) -> list[tuple[str, str, list]]:
        """(field, SQL fragment, params) per selected filter; promoted items still obey the filters."""
        result = []
        for field in FILTER_FIELDS:
            values = list(query.selected(field))
            if not values:
                continue
            if field in COLUMN_FIELDS:
                if field == "year":
                    values = [int(v) for v in values]
                result.append((field, f"{COLUMN_FIELDS[field]} IN ({in_list(values)})", values))
            else:
                result.append(
                    (
                        field,
                        "e.id IN (SELECT entry_id FROM search_searchfacet "
                        f"WHERE field = %s AND value IN ({in_list(values)}))",
                        [field, *values],
                    )
                )
        return result

    def _order(self, query: SearchQuery, groups: Groups, pinned: list[str]) -> tuple[str, list]:
        params: list = []
        order = []
        if pinned:
            order.append(f"CASE WHEN e.doc_id IN ({in_list(pinned)}) THEN 0 ELSE 1 END")
            params.extend(pinned)
        if query.sort == "newest" or not groups:
            order.append("e.published DESC")
            if groups:
                order.append("COALESCE(m.score, 0) DESC")
        else:
            order.append(f"COALESCE(m.score, 0) * (1 + {RECENCY_BOOST} / (1 + {self.age_years_sql})) DESC")
        order.append("e.id DESC")
        return ", ".join(order), params

    def _facets(self, cursor, query, cte, cte_params, source, match, filters) -> dict[str, list[FacetValue]]:
        """Counts per filter value, each computed with every selection but its own (multi-select facets)."""
        selects, params = [], list(cte_params)
        for field in FILTER_FIELDS:
            where = Sql()
            where.add(*match)
            where.add(f"e.audience IN ({in_list(query.audiences)})", query.audiences)
            for other, fragment, fragment_params in filters:
                if other != field:
                    where.add(fragment, fragment_params)
            if field in COLUMN_FIELDS:
                column = COLUMN_FIELDS[field]
                selects.append(
                    f"SELECT %s, CAST({column} AS TEXT), COUNT(*) FROM {source} WHERE {where.where} GROUP BY {column}"
                )
                params += [field, *where.params]
            else:
                selects.append(
                    f"SELECT %s, f.value, COUNT(*) FROM {source} JOIN search_searchfacet f ON f.entry_id = e.id "
                    f"WHERE f.field = %s AND {where.where} GROUP BY f.value"
                )
                params += [field, field, *where.params]
        cursor.execute(f"{cte} " + " UNION ALL ".join(selects), params)
        counts: dict[str, dict[str, int]] = {field: {} for field in FILTER_FIELDS}
        for field, value, count in cursor.fetchall():
            counts[field][str(value)] = count
        return {field: facet_values(field, counts[field], query.selected(field)) for field in FILTER_FIELDS}

    def _corrected(self, text: str, groups: Groups) -> tuple[Groups, str | None]:
        """Groups with corrections added for words found nowhere in the index, and the corrected query."""
        stems = group_stems(groups)
        known = self.known_stems(stems)
        if stems <= known:
            return groups, None
        corrected, changed = [], False
        for word in text.split():
            analysed = [s for w in words(word) for s in analyze(w)]
            if analysed and not any(s in known for s in analysed):
                fix = spelling.closest(word)
                if fix and stem(fix) in self.known_stems([stem(fix)]):
                    corrected.append(fix)
                    changed = True
                    for group in analysis_groups(fix):
                        if group not in groups:
                            groups = groups + [group]
                    continue
            corrected.append(word)
        return groups, (" ".join(corrected) if changed else None)

    def _hit(self, entry: SearchEntry, stems: frozenset[str], pinned: list[str]) -> Hit:
        cut = snippet(entry.summary, entry.passages, stems)
        return Hit(
            id=entry.doc_id,
            type=entry.type,
            title=entry.title,
            url=entry.url,
            summary=entry.summary,
            highlight=cut.html,
            published=entry.published,
            municipalities=tuple((code, name) for code, name, _province in entry.municipalities),
            laws=tuple(entry.laws),
            themes=tuple(entry.themes),
            timestamp=cut.timestamp if entry.type == "video" else None,
            page=cut.page if entry.type == "document" else None,
            promoted=entry.doc_id in pinned,
        )

    # --- Suggestions and related items ------------------------------------------------------------

    def suggest(self, prefix: str, *, audiences: list[str], limit: int = 8) -> list[dict]:
        """Titles that start the way the visitor is typing: all words but the last complete, the last a prefix."""
        typed = words(prefix)
        if not typed or len(typed[-1]) < 2:
            return []
        complete = [stem(w) for w in typed[:-1] if w not in STOP_WORDS]
        cte, params = self.prefix_cte(complete, typed[-1])
        sql = (
            f"{cte} SELECT e.title, e.url, e.type FROM search_searchentry e JOIN m ON m.id = e.id "
            f"WHERE e.audience IN ({in_list(audiences)}) ORDER BY m.score DESC, e.published DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + list(audiences) + [limit])
            return [{"title": title, "url": url, "type": type_} for title, url, type_ in cursor.fetchall()]

    def related(self, doc_id: str, *, audiences: list[str], limit: int = 4) -> list[Hit]:
        """Items whose text is most like this one's title and summary (rare shared words weigh most)."""
        entry = SearchEntry.objects.filter(doc_id=doc_id).first()
        if entry is None:
            return []
        stems = list(dict.fromkeys(f"{entry.title_terms} {entry.summary_terms}".split()))[:30]
        if not stems:
            return []
        groups = [[(s,)] for s in stems]
        cte, params = self.match_cte(groups)
        sql = (
            f"{cte} SELECT e.id FROM search_searchentry e JOIN m ON m.id = e.id "
            f"WHERE e.audience IN ({in_list(audiences)}) AND e.doc_id <> %s ORDER BY m.score DESC, e.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + list(audiences) + [doc_id, limit])
            ids = [row[0] for row in cursor.fetchall()]
        entries = SearchEntry.objects.in_bulk(ids)
        return [self._hit(entries[pk], frozenset(), []) for pk in ids if pk in entries]

    def health(self) -> BackendHealth:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM search_searchentry")
                count = cursor.fetchone()[0]
        except Exception as exc:  # the database being down is reported, not raised
            return BackendHealth(backend=self.name, status="error", detail=exc.__class__.__name__)
        return BackendHealth(backend=self.name, status="ok", detail=f"{connection.vendor}, {count} items")


def for_connection() -> DatabaseBackend:
    if connection.vendor == "postgresql":
        from search.backends.database.postgres import PostgresBackend

        return PostgresBackend()
    from search.backends.database.sqlite import SQLiteBackend

    return SQLiteBackend()
