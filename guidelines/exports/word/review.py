"""The "Word for review" file: the draft (a milestone's or the current text) as the Word export
lays it out, without redline, carrying the hidden anchors the import reads back
(``imports.anchors``): a bookmark around each section's heading naming the section and its
version, and custom document properties naming the document and the version set.

A section's heading is its number, a tab and its heading, so the import can tell the number
(ours) from the heading (which the reviewer may amend)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from ...imports import anchors
from ...rendering.markdown import render_markdown, warm
from ..docx import DocxExporter
from .pieces import TAB, Piece

_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # user-defined properties


class ReviewDocxExporter(DocxExporter):
    """``ReviewDocxExporter(content).render()`` -> .docx bytes (English: proposals amend the
    English text)."""

    def _write(self) -> None:
        self._bookmarks = 0
        c = self.content
        self._plain(c.snapshot.label, "ISCM Reference")
        self._plain(c.draft_title, "Title")
        self._plain(_("Word for review"), "ISCM Agenda Item")
        address = settings.SITE_URL.rstrip("/") + reverse(
            "guidelines:document_detail", args=[c.document.slug]
        )
        for line in (
            _(
                "Review this file with Track Changes on: insert, delete and move text, headings "
                "and table rows, type a new section under a new heading, and add comments."
            ),
            _(
                "Then upload it with “Import from Word” on the document’s page in ISCM Tracker "
                "(%(address)s): each change becomes a proposal of your delegation, each comment "
                "a comment on its section. Nothing is created until you submit the preview."
            )
            % {"address": address},
            _(
                "Keep the section numbers: they tell the tracker which section is which. "
                "Sections are not renumbered when you insert one."
            ),
        ):
            self._plain(line, "ISCM Legend")
        self._sections()

    def _sections(self) -> None:
        """The draft as ``DocxExporter._draft`` writes it (English, no redline), each heading
        being the section's number, a tab and its heading, wrapped in the section's anchor."""
        c = self.content
        if c.is_empty:
            self._plain(_("This document has no sections yet."), "Normal")
            return
        warm(c.texts())  # the sections' HTML in one cache query
        for item in c.draft_nodes:
            node = item.node
            level = min(1 + node.depth, 9)
            pieces = [Piece(text=item.label), Piece(kind=TAB)] if item.label else []
            pieces.append(Piece(text=node.section.heading))
            heading = self.writer.paragraph(pieces, self.body, style=f"Heading {level}")
            self._anchor(heading, node.section)
            html = str(render_markdown(node.section.body, id_prefix=node.key))
            self.writer.write(html, self._body_context(level))
        self.writer.spacer(self.document)

    def _anchor(self, paragraph, section) -> None:
        self._bookmarks += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmarks))
        start.set(qn("w:name"), anchors.bookmark_name(section.id, section.version))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmarks))
        p = paragraph._p
        ppr = p.pPr
        p.insert(0 if ppr is None else p.index(ppr) + 1, start)
        p.append(end)

    def _properties(self) -> None:
        super()._properties()
        c = self.content
        milestone = c.snapshot.milestone
        values = {
            anchors.PROP_DOCUMENT: c.document.slug,
            anchors.PROP_VERSION_SET: anchors.version_set(milestone.pk if milestone else None),
            anchors.PROP_LABEL: str(c.snapshot.label),
            anchors.PROP_MADE_AT: (c.generated_at or c.issued).isoformat(),
            anchors.PROP_FORMAT: anchors.FORMAT,
        }
        self.document.core_properties.comments = _("Word for review, made by ISCM Tracker")
        _custom_properties(self.document, values)


def _custom_properties(document, values: dict[str, str]) -> None:
    """docProps/custom.xml with ``values`` as text properties (python-docx has no API)."""
    root = etree.Element(f"{{{_CUSTOM}}}Properties", nsmap={None: _CUSTOM, "vt": _VT})
    for pid, (name, value) in enumerate(values.items(), start=2):
        prop = etree.SubElement(root, f"{{{_CUSTOM}}}property")
        prop.set("fmtid", _FMTID)
        prop.set("pid", str(pid))
        prop.set("name", name)
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_TYPE, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
