"""Placing new pages in Wagtail's page tree, under the listing page of their type."""

from wagtail.models import Page

from cms import content_types


class TreeCursor:
    """Places new pages under their listing page without treebeard's per-insert queries.

    treebeard's add_child looks up the last sibling and updates the parent for every page; a bulk
    writer (the importer) that is the only writer inside its transaction numbers siblings itself and
    sets each parent's child count once, in `commit()`.
    """

    def __init__(self):
        self.parents: dict[type, Page] = {}
        self.next_number: dict[int, int] = {}
        self.slugs: dict[int, set[str]] = {}

    def _parent(self, parent_model: type[Page]) -> Page:
        if parent_model not in self.parents:
            parent = parent_model.objects.first()
            if parent is None:
                raise RuntimeError(f"No {parent_model.__name__} exists; run `pgb migrate` first.")
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .first()
            )
            self.parents[parent_model] = parent
            self.next_number[parent.pk] = (int(last.path[-Page.steplen :], 36) if last else 0) + 1
            self.slugs[parent.pk] = set(Page.objects.child_of(parent).values_list("slug", flat=True))
        return self.parents[parent_model]

    def place(self, page: Page, *, parent_model: type[Page], slug_for: str) -> None:
        parent = self._parent(parent_model)
        number = self.next_number[parent.pk]
        self.next_number[parent.pk] = number + 1
        page.depth = parent.depth + 1
        page.path = parent.path + Page._int2str(number).rjust(Page.steplen, "0")
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.slug = unique_slug(slug_for, taken=self.slugs[parent.pk])
        self.slugs[parent.pk].add(page.slug)
        page._cached_parent_obj = parent

    def commit(self) -> None:
        for parent in self.parents.values():
            count = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
            Page.objects.filter(pk=parent.pk).update(numchild=count)


def unique_slug(external_id: str, *, taken: set[str]) -> str:
    """The page slug for an item: its external id without the type prefix, or whole if that is taken."""
    slug = external_id
    for prefix in sorted(f"{key}-" for key in content_types.keys()):
        if slug.startswith(prefix) and len(slug) > len(prefix) + 2:
            slug = slug[len(prefix) :]
            break
    candidates = [slug, external_id] + [f"{external_id}-{n}" for n in range(2, 1000)]
    return next(candidate for candidate in candidates if candidate not in taken)
