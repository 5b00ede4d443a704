"""The phase-two integration report as files a spreadsheet opens: CSV (one row per section, its
best overlaps in one cell) and .xlsx (the same sheet, and a second sheet "Overlaps" with one row
per overlap, for the Review Sub-Group to filter). The cell-safety rules of exports/disposition.py:
section numbers stay text, a cell that starts like a formula is never one."""

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..selectors.integration import IntegrationReport, IntegrationRow, OverlapItem
from .disposition import _FORMULA_START, _csv_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def section_headings() -> list[str]:
    return [
        _("Section"), _("Heading"), pgettext("phase two", "Disposition"), _("Integrate as"),
        _("Target standard"), _("Duplicate of"), _("Decision note"),
        _("Open disposition proposals"), _("Overlaps found"),
        _("Passage in the section"), _("Overlapping passage"),
    ]  # fmt: skip


def overlap_headings() -> list[str]:
    return [
        _("Section"), _("Heading"), pgettext("overlap", "Found in"), _("Source"),
        _("Similarity (%)"), _("Language"), _("Passage in the section"), _("Overlapping passage"),
    ]  # fmt: skip


def _section_values(row: IntegrationRow) -> list:
    best = row.best_passage
    return [
        row.number, row.heading, row.disposition_label, row.integrate_as, row.standard,
        row.duplicate_of, row.note, row.open_proposals, row.overlaps_text,
        best.mine if best else "", best.theirs if best else "",
    ]  # fmt: skip


def _overlap_values(row: IntegrationRow, item: OverlapItem) -> list:
    source = _("SAFE Framework text") if item.source == "framework" else _("another section")
    label = f"{item.label} [{_('removed from the Framework')}]" if item.removed else item.label
    return [
        row.number, row.heading, label, source, item.percent, item.language, item.mine,
        item.theirs,
    ]  # fmt: skip


def integration_csv(report: IntegrationReport) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(out)
    writer.writerow(section_headings())
    for row in report.rows:
        values = _section_values(row)
        writer.writerow([_csv_cell(v, section=i == 0) for i, v in enumerate(values)])
    if not report.rows:
        writer.writerow([_csv_cell(_("This document has no sections yet."))])
    return out.getvalue()


SECTION_WIDTHS = [10, 36, 28, 24, 36, 30, 40, 12, 40, 50, 50]
OVERLAP_WIDTHS = [10, 36, 30, 22, 12, 10, 60, 60]


def integration_xlsx(report: IntegrationReport) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Sections")[:31]
    book.properties.title = _("Integration report: %(title)s") % {"title": report.document}
    book.properties.creator = "ISCM Tracker"
    _fill(sheet, section_headings(), [_section_values(r) for r in report.rows], SECTION_WIDTHS)
    overlaps = book.create_sheet(_("Overlaps")[:31])
    values = [_overlap_values(r, item) for r, item in report.overlap_rows]
    _fill(overlaps, overlap_headings(), values, OVERLAP_WIDTHS)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(sheet, headings: list[str], rows: list[list], widths: list[int]) -> None:
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append(values)
        cells = sheet[sheet.max_row]
        cells[0].data_type, cells[0].number_format = "s", "@"  # "4.10" stays text
        for cell in cells:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(cell.value, str) and cell.value[:1] in _FORMULA_START:
                cell.data_type = "s"  # never a formula
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
