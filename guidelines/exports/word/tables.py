"""The Word export's tables of values (disposition, round, mappings), mixed into
``DocxExporter``. Each cell is typeset by its text's language: French spacing on the edition's
own French words (headings, labels) and on a proposal's summary written in French, never on
English typed by people (summaries written in English, reasons, notes, delegation names, the
SAFE reference data) nor on a section heading printed in English."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.shared import Mm

from ...rendering.numbering import shown_label
from ...rendering.typography import french_spacing
from .ooxml import header_row


class TablesMixin:
    def _table(self, headings: list[str], rows: list[list[str]], widths: list[int]) -> None:
        """A table of values, ``widths`` in millimetres (the text is 168 mm wide). Headings are
        the edition's words (typeset here); the cells come typeset by their language."""
        table = self.document.add_table(rows=1 + len(rows), cols=len(headings))
        table.style = "Table Grid"
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            for cell in column.cells:
                cell.width = Mm(width)
        header_row(table.rows[0])
        for cell, text in zip(table.rows[0].cells, headings, strict=True):
            cell.text = self._typeset(text)
            cell.paragraphs[0].style = "ISCM Table Text"
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = str(value)
                cell.paragraphs[0].style = "ISCM Table Text"

    def _disposition(self, *, heading_base: int) -> None:
        rows = self.content.disposition
        if not rows:
            self._label(_("No proposals yet."), "Normal")
            return
        self._table(
            ["#", _("Section"), _("Delegation"), _("Summary"), _("Decision"), _("Decision reason")],
            [
                [
                    r.proposal_id,
                    f"{shown_label(r.section_number)} {r.section_heading}".strip(),
                    r.delegation,
                    f"{self._typeset(f'{r.kind}:')} {self._summary(r)}",
                    self._typeset(str(r.decision)),
                    r.decision_reason,
                ]
                for r in rows
            ],
            [9, 30, 24, 55, 20, 30],
        )

    @staticmethod
    def _summary(row) -> str:
        """A proposal's summary, typeset by the language it is written in (French spacing on a
        French one only, whatever the edition's language)."""
        return french_spacing(row.summary) if row.language == "fr" else row.summary

    def _round(self, *, heading_base: int) -> None:
        """The summary of the consultation round: who responded, with what."""
        summary = self.content.round_summary
        consultation = summary.round
        when = formats.date_format(timezone.localtime(consultation.deadline), "j F Y, H:i T")
        self._label(
            _("Consultation on “%(draft)s”, responses by %(when)s.")
            % {"draft": consultation.milestone.name, "when": when},
            "Normal",
        )
        self._label(
            ngettext(
                "%(r)s of %(n)s delegation responded: %(p)s proposals, %(c)s comments, "
                "%(d)s “no comments”.",
                "%(r)s of %(n)s delegations responded: %(p)s proposals, %(c)s comments, "
                "%(d)s “no comments”.",
                len(summary.rows),
            )
            % {
                "r": summary.responded,
                "n": len(summary.rows),
                "p": summary.proposals,
                "c": summary.comments,
                "d": summary.declarations,
            },
            "Normal",
        )
        rows = []
        for row in summary.rows:
            declared = ""
            if row.declaration:
                declared = _("declared by %(who)s, %(when)s") % {
                    "who": row.declaration.declared_by.display_name(),
                    "when": formats.date_format(
                        timezone.localtime(row.declaration.declared_at), "j M Y"
                    ),
                }
            rows.append(
                [
                    row.delegation.name,
                    self._typeset(_("yes") if row.responded else _("no")),
                    self._typeset(
                        "; ".join(
                            f"#{p.pk} {p.get_kind_display()} ({p.get_status_display()})"
                            for p in row.proposals
                        )
                    ),
                    str(len(row.comments)) if row.comments else "",
                    self._typeset(declared),
                ]
            )
        self._table(
            [_("Delegation"), _("Responded"), _("Proposals"), _("Comments"), _("No comments")],
            rows,
            [38, 20, 58, 20, 32],
        )

    def _mappings(self, *, heading_base: int) -> None:
        rows = []
        for item in self.content.draft_nodes:
            node = item.node
            for m in self.content.mappings.get(node.section.id, []):
                heading = f"{item.label} {node.section.heading}".strip()
                rows.append(
                    [
                        heading if item.lang else self._typeset(heading),
                        f"P{m.standard.pillar.number}.S{m.standard.number} {m.standard.title}",
                        self._typeset(str(m.get_relation_display())),
                        m.note,
                    ]
                )
        self._table(
            [_("Section"), _("SAFE standard"), _("Relation"), _("Note")], rows, [44, 52, 28, 44]
        )
