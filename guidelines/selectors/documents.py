"""Reads of documents and their section trees, in a fixed number of queries."""

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from ..models import Document, Mapping, Section
from ..rendering.numbering import Numbered, children_by_parent, number_rows, reading_order
from ..rendering.xref_syntax import XREF_PATTERN
from .mappings import live_mappings_by_section
from .structure import Entry, Structure, document_structure


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
class LocalOutline:
    """What a section page's own outline shows: the path from the top down to the section, the
    section among its siblings (at most ``SIBLINGS`` either side, the rest counted) and its
    children (at most ``CHILDREN``, the rest counted). Its size does not grow with the document."""

    ancestors: list[TreeNode]
    siblings: list[TreeNode]
    before: int  # siblings not shown before the first one shown
    after: int
    children: list[TreeNode]
    more_children: int


SIBLINGS = 5
CHILDREN = 12


@dataclass
class SectionPage:
    tree: DocumentTree  # the sections the page names (not the whole document)
    node: TreeNode
    mappings: list[Mapping]
    previous: TreeNode | None
    next: TreeNode | None
    breadcrumbs: list[TreeNode]
    outline: LocalOutline
    structure: Structure  # the whole document's numbered structure, for references


def _xref_keys(text: str) -> list[str]:
    return re.findall(XREF_PATTERN, text or "")


def section_page(document: Document, key: str) -> SectionPage:
    """One section in its document: number, mappings, neighbours, breadcrumbs and a bounded
    local outline, from the cached structure (``selectors.structure``): 3 queries, 4 when the
    structure is not cached, whatever the document's size. Only the page's section's text is
    read. The page's ``tree`` holds the sections it names, including those its text refers to."""
    structure = document_structure(document)
    entry = structure.by_key.get(key)
    section = (
        Section.objects.live().filter(pk=entry.pk, document=document).first() if entry else None
    )
    if section is None:
        raise Http404("No such section.")
    nodes: dict[str, TreeNode] = {}

    def node_of(e: Entry) -> TreeNode:
        if e.key not in nodes:
            nodes[e.key] = TreeNode(section if e.pk == section.pk else e, e.number, e.label,
                                    e.depth)  # fmt: skip
        return nodes[e.key]

    crumbs = [node_of(e) for e in structure.ancestors(entry)]
    for parent, child in zip(crumbs, crumbs[1:], strict=False):
        child.parent = parent
    node = node_of(entry)
    node.parent = crumbs[-1] if crumbs else None
    siblings = structure.children.get(entry.parent, [])
    at = next(i for i, e in enumerate(siblings) if e.key == key)
    low, high = max(0, at - SIBLINGS), min(len(siblings), at + SIBLINGS + 1)
    shown = [node_of(e) for e in siblings[low:high]]
    for sibling in shown:
        sibling.parent = node.parent
    kids = structure.children.get(entry.key, [])
    node.children = [node_of(e) for e in kids]
    for child in node.children:
        child.parent = node
    previous, following = structure.previous(entry), structure.next(entry)
    neighbours = [node_of(e) if e else None for e in (previous, following)]
    for ref in _xref_keys(section.body):
        if ref in structure.by_key:
            node_of(structure.by_key[ref])
    mappings = list(
        Mapping.objects.live()
        .filter(section=section)
        .select_related("standard__pillar")
        .order_by("standard__pillar__number", "standard__number")
    )
    ordered = sorted(nodes.values(), key=lambda n: structure.by_key[n.key].index)
    tree = DocumentTree(document, [n for n in ordered if n.parent is None], ordered,
                        {n.key: n for n in ordered})  # fmt: skip
    outline = LocalOutline(
        ancestors=crumbs,
        siblings=shown,
        before=low,
        after=len(siblings) - high,
        children=node.children[:CHILDREN],
        more_children=max(0, len(kids) - CHILDREN),
    )
    return SectionPage(tree=tree, node=node, mappings=mappings, previous=neighbours[0],
                       next=neighbours[1], breadcrumbs=crumbs, outline=outline,
                       structure=structure)  # fmt: skip


def structure_tree(document: Document, structure: Structure | None = None) -> DocumentTree:
    """The whole tree from the cached structure (``selectors.structure``), without texts: each
    node's ``section`` is the structure's entry (pk, key, heading, version, kind): enough for
    the outline (1 query when the structure is cached, none when it is given)."""
    structure = structure or document_structure(document)
    nodes: dict[str, TreeNode] = {}
    for entry in structure.entries:  # reading order: parents first
        node = TreeNode(entry, entry.number, entry.label, entry.depth)  # type: ignore[arg-type]
        if entry.parent is not None:
            node.parent = nodes[entry.parent]
            node.parent.children.append(node)
        nodes[entry.key] = node
    ordered = list(nodes.values())
    return DocumentTree(document, [n for n in ordered if n.parent is None], ordered, nodes)
