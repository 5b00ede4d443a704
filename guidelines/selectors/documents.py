"""Reads of documents and their section trees, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from ..models import Document, Mapping, Section
from ..rendering.numbering import Numbered, children_by_parent, number_rows, reading_order
from .mappings import live_mappings_by_section


@dataclass
class TreeNode:
    section: Section
    number: str
    label: str
    depth: int
    children: list["TreeNode"] = field(default_factory=list)
    parent: "TreeNode | None" = None

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def heading_level(self) -> int:
        return min(self.depth + 2, 6)


@dataclass
class DocumentTree:
    document: Document
    roots: list[TreeNode]
    nodes: list[TreeNode]  # reading order
    by_key: dict[str, TreeNode]

    def __len__(self) -> int:
        return len(self.nodes)


def document_list() -> QuerySet[Document]:
    return Document.objects.order_by("title")


def document_get(slug: str) -> Document:
    try:
        return Document.objects.get(slug=slug)
    except Document.DoesNotExist:
        raise Http404("No such document.") from None


# What a page listing sections without their text reads of each (the coverage matrix).
_HEADINGS_ONLY = ("id", "document_id", "parent_id", "position", "kind", "key", "heading")


_DATES = ("created_at", "updated_at", "deleted_at", "deleted_by")


def document_tree(
    document: Document,
    *,
    with_mappings: bool = False,
    with_text: bool = True,
    with_dates: bool = True,
) -> DocumentTree:
    """The live sections of ``document`` as a numbered tree (1 query, 2 with mappings).

    ``with_mappings``: each section's ``live_mappings``, in the standards' order, as
    ``selectors.mappings.LiveMapping`` records sharing one Standard (and Pillar) each.
    ``with_text=False``: the sections' place, kind, key and heading only (the other fields
    deferred: read one and it costs a query per section). ``with_dates=False``: without when
    and by whom the sections were created, changed or deleted (deferred likewise)."""
    sections = Section.objects.live().for_document(document)
    if not with_text:
        sections = sections.only(*_HEADINGS_ONLY)
    elif not with_dates:
        sections = sections.defer(*_DATES)
    sections = list(sections)
    if with_mappings:
        by_section = live_mappings_by_section(document)
        for section in sections:
            section.live_mappings = by_section.get(section.id, [])
    return build_tree(document, sections)


def build_tree(document: Document, sections: list[Section]) -> DocumentTree:
    numbers: dict[int, Numbered] = number_rows(sections)
    groups = children_by_parent(sections)
    nodes_by_id: dict[int, TreeNode] = {}
    ordered: list[TreeNode] = []
    for section in reading_order(groups):
        numbered = numbers[section.id]
        node = TreeNode(section, numbered.number, numbered.label, numbered.depth)
        parent = nodes_by_id.get(section.parent_id) if section.parent_id else None
        if parent is not None:
            node.parent = parent
            parent.children.append(node)
        nodes_by_id[section.id] = node
        ordered.append(node)
    roots = [n for n in ordered if n.parent is None]
    return DocumentTree(document, roots, ordered, {n.key: n for n in ordered})


@dataclass
class SectionPage:
    tree: DocumentTree
    node: TreeNode
    mappings: list[Mapping]
    previous: TreeNode | None
    next: TreeNode | None
    breadcrumbs: list[TreeNode]


def section_page(document: Document, key: str) -> SectionPage:
    """One section in its tree: number, mappings, neighbours and breadcrumbs (3 queries)."""
    tree = document_tree(document)
    node = tree.by_key.get(key)
    if node is None:
        raise Http404("No such section.")
    mappings = list(
        Mapping.objects.live()
        .filter(section=node.section)
        .select_related("standard__pillar")
        .order_by("standard__pillar__number", "standard__number")
    )
    index = tree.nodes.index(node)
    crumbs, cursor = [], node.parent
    while cursor is not None:
        crumbs.insert(0, cursor)
        cursor = cursor.parent
    return SectionPage(
        tree=tree,
        node=node,
        mappings=mappings,
        previous=tree.nodes[index - 1] if index > 0 else None,
        next=tree.nodes[index + 1] if index + 1 < len(tree.nodes) else None,
        breadcrumbs=crumbs,
    )
