"""Reads for a document's references page: ``[[key]]`` cross-references to no live section
(broken), and references typed as words ("chapter 3", "paragraphe 4.2", "Annex II") that are
not links and would go stale when sections are renumbered (2 queries: the tree, the French)."""

import re
from dataclasses import dataclass

from ..models import Document, Language, SectionTranslation
from ..rendering.markdown import render_markdown
from ..rendering.numbering import to_roman
from ..rendering.xrefs import xref_keys
from .documents import DocumentTree, TreeNode, document_tree

_NUMBER = r"(?P<number>\d+(?:\.\d+)*)(?![\d.]*\d)(?!,\d)"
_ROMAN = r"(?-i:(?P<roman>[IVXLCDM]+))\b"
# English and French; "section 3.2" is both. Case-insensitive, except the Roman numerals.
TYPED_PATTERNS = {
    Language.ENGLISH: re.compile(
        rf"\b(?P<word>chapter|paragraph|section)\s+{_NUMBER}"
        rf"|\b(?P<annex>annex)\s+(?:{_ROMAN}|{_NUMBER.replace('number', 'annexnum')})",
        re.IGNORECASE,
    ),
    Language.FRENCH: re.compile(
        rf"\b(?P<word>chapitre|paragraphe|section|point)\s+{_NUMBER}"
        rf"|\b(?P<annex>annexe)\s+(?:{_ROMAN}|{_NUMBER.replace('number', 'annexnum')})",
        re.IGNORECASE,
    ),
}
_CONTEXT = 40  # characters of text shown on either side of a typed reference


@dataclass(frozen=True)
class BrokenReference:
    node: TreeNode  # the section whose text has the reference
    language: str  # of that text
    key: str  # the key no live section has


@dataclass(frozen=True)
class TypedReference:
    node: TreeNode  # the section whose text has it
    language: str
    text: str  # as typed: "chapter 3"
    start: int  # its offset in the Markdown text (what the conversion replaces)
    label: str  # the number it names, as sections are numbered: "3", "4.2", "Annex II"
    before: str  # the text around it (the "see" or "in" before it)
    after: str
    target: TreeNode | None  # the section that carries that number today, if any
    version: int  # the text's version the page showed (the conversion's token)


@dataclass(frozen=True)
class ReferenceReport:
    tree: DocumentTree
    broken: list[BrokenReference]
    typed: list[TypedReference]


def typed_label(match: re.Match) -> str:
    """The section label a typed reference names: "3.2", or "Annex II" for "annex 2"."""
    if match["annex"]:
        roman = match["roman"] or to_roman(int(match["annexnum"].split(".")[0]) or 1)
        rest = match["annexnum"].partition(".")[2] if match["annexnum"] else ""
        return f"Annex {roman}" + (f".{rest}" if rest else "")
    return match["number"]


def _before(text: str, start: int) -> str:
    """The text before offset ``start``, with "…" where it is cut short."""
    return ("…" if start > _CONTEXT else "") + text[max(0, start - _CONTEXT) : start]


def _after(text: str, end: int) -> str:
    return text[end : end + _CONTEXT] + ("…" if end + _CONTEXT < len(text) else "")


# Where a typed reference is not prose to convert: code (spans, fenced or indented blocks),
# links (their text and address), raw HTML tags (attributes), bare addresses.
_NOT_PROSE = re.compile(
    r"^(?P<fence>`{3,}|~{3,}).*?^(?P=fence)"  # a fenced code block
    r"|(?:^|(?<=\n\n))(?P<indented>(?:(?: {4}|\t)[^\n]*(?:\n|$))+)"  # an indented code block
    r"|(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`)"  # a code span
    r"|!?\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])"  # a link or image, inline or by reference
    r"|^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$"  # a link definition
    r"|<a\b[^>]*>.*?</a>|<[A-Za-z/][^>\n]*>"  # a raw HTML link, any raw tag
    r"|https?://\S+",  # a bare address
    re.S | re.M | re.IGNORECASE,
)


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def _in_a_list(text: str, start: int) -> bool:
    """An indented block continues a list item (not code) when the paragraph before it is one."""
    before = text[:start].rstrip("\n").rpartition("\n\n")[2]
    return any(_LIST_ITEM.match(line) for line in before.splitlines())


def _prose_only(text: str, matches: list[re.Match]) -> list[re.Match]:
    spans = [
        m.span()
        for m in _NOT_PROSE.finditer(text)
        if not (m["indented"] and _in_a_list(text, m.start()))
    ]
    return [m for m in matches if not any(a < m.end() and m.start() < b for a, b in spans)]


def typed_references(text: str, language: str) -> list[re.Match]:
    """The typed references in ``text`` (Markdown) in ``language``'s words, in its prose (not
    in code, links or raw HTML, which the conversion must not rewrite)."""
    pattern = TYPED_PATTERNS.get(language, TYPED_PATTERNS[Language.ENGLISH])
    matches = list(pattern.finditer(text or ""))
    return _prose_only(text, matches) if matches else []


def _texts(tree: DocumentTree) -> list[tuple[TreeNode, str, str, int]]:
    """(node, language, text, version) of every live section's English and French."""
    by_id = {node.section.pk: node for node in tree.nodes}
    texts = [(n, Language.ENGLISH.value, n.section.body, n.section.version) for n in tree.nodes]
    french = SectionTranslation.objects.filter(
        section_id__in=list(by_id), language=Language.FRENCH
    ).only("section_id", "body", "version")
    texts += [(by_id[t.section_id], Language.FRENCH.value, t.body, t.version) for t in french]
    order = {node.key: index for index, node in enumerate(tree.nodes)}
    return sorted(texts, key=lambda t: (order[t[0].key], t[1]))


def document_references(document: Document) -> ReferenceReport:
    """Every broken and every typed reference of ``document``'s live text, in reading order."""
    tree = document_tree(document)
    by_label = {node.label: node for node in tree.nodes if node.label}
    broken, typed = [], []
    for node, language, text, version in _texts(tree):
        html = str(render_markdown(text, id_prefix=node.key))  # the page's own (cached) reading
        for key in dict.fromkeys(xref_keys(html)):
            if key not in tree.by_key:
                broken.append(BrokenReference(node, language, key))
        for match in typed_references(text, language):
            label = typed_label(match)
            start, end = match.span()
            typed.append(
                TypedReference(
                    node=node, language=language, text=match[0], start=start, label=label,
                    before=_before(text, start), after=_after(text, end),
                    target=by_label.get(label), version=version,
                )
            )  # fmt: skip
    return ReferenceReport(tree, broken, typed)
