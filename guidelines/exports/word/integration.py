"""The integration report's table in Word, mixed into ``DocxExporter`` (the working document's
annex) and ``IntegrationDocxExporter`` (the report alone): ``self.content.integration`` is an
``IntegrationReport`` (selectors/integration.py)."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext


class IntegrationMixin:
    def _integration(self, *, heading_base: int) -> None:
        report = self.content.integration
        when = formats.date_format(report.generated_at, "j F Y")
        self._label(
            _(
                "Each live section of the Guidelines with its phase-two disposition, the target "
                "standard, what it duplicates, and the passages the duplication finder found in "
                "the SAFE Framework text and in other sections, with their similarity. Situation "
                "on %(when)s."
            )
            % {"when": when},
            "Normal",
        )
        if report.is_empty:
            self._label(
                _("No dispositions have been decided and no overlaps have been found yet."),
                "Normal",
            )
        if not report.rows:
            self._label(_("This document has no sections yet."), "Normal")
            return
        self._label(_("Sections by disposition"), "Normal")
        self._table(
            [pgettext("phase two", "Disposition"), _("Sections")],
            [[self._typeset(label), n] for label, n in report.counts],
            [120, 48],
        )
        self.writer.spacer(self.document)
        self._table(
            [
                _("Section"),
                pgettext("phase two", "Disposition"),
                _("Target standard"),
                _("Overlaps found"),
            ],
            [self._integration_cells(row) for row in report.rows],
            [38, 40, 36, 54],
        )

    def _integration_cells(self, row) -> list[str]:
        title = row.title if row.heading_lang != self.language else self._typeset(row.title)
        decided = self._typeset(row.disposition_label)
        if row.integrate_as:
            decided += ", " + self._typeset(row.integrate_as)
        if row.open_proposals:
            decided += "\n" + self._typeset(
                ngettext("%(n)s open proposal", "%(n)s open proposals", row.open_proposals)
                % {"n": row.open_proposals}
            )
        if row.note:
            decided += "\n" + row.note
        target = row.standard
        if row.duplicate_of:
            target = (target + "\n" if target else "") + (
                self._typeset(_("Duplicate of")) + " " + row.duplicate_of
            )
        found = "; ".join(
            f"{o.label}{' [' + _('removed from the Framework') + ']' if o.removed else ''}: "
            f"{o.percent}\u00a0%"
            for o in row.best_overlaps
        ) or self._typeset(_("None found"))
        best = row.best_passage
        if best is not None:
            found += f"\n“{best.mine}” ~ “{best.theirs}”"
        return [title, decided, target, found]
