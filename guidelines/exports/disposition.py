"""The disposition table as files a spreadsheet opens: CSV and .xlsx.

Section numbers stay text: "4.10" must not become the number 4.1. In the .xlsx every section
number is a text cell; in the CSV, which has no types, a number-like section number is written as
the formula ``="4.10"``, which Excel and LibreOffice Calc both show as the text 4.10 (section
numbers are computed by the tracker, never typed, so this formula is always a constant).
"""

import csv
import io
import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..selectors.proposals import DispositionRow

_NUMBER_LIKE = re.compile(r"^[\d.]+$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def headings() -> list[str]:
    return [
        _("Proposal"), _("Section"), _("Heading"), _("Delegation"), _("Kind"), _("Summary"),
        _("Decision"), _("Decision reason"), pgettext("column: date", "Proposed"), _("Decided"),
    ]  # fmt: skip


def _values(row: DispositionRow) -> list:
    return [
        row.proposal_id, row.section_number, row.section_heading, row.delegation, str(row.kind),
        row.summary, str(row.decision), row.decision_reason, row.proposed_at.date(),
        row.decided_at.date() if row.decided_at else None,
    ]  # fmt: skip


def _csv_cell(value, *, section: bool = False) -> str:
    """Text for a CSV cell that a spreadsheet neither runs as a formula nor reads as a number."""
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if section and _NUMBER_LIKE.match(text):
        return f'="{text}"'
    return "'" + text if text[:1] in _FORMULA_START else text


def disposition_csv(rows: list[DispositionRow]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(out)
    writer.writerow(headings())
    for row in rows:
        values = _values(row)
        writer.writerow([_csv_cell(v, section=index == 1) for index, v in enumerate(values)])
    return out.getvalue()


WIDTHS = [10, 10, 36, 22, 22, 60, 22, 40, 12, 12]


def disposition_xlsx(rows: list[DispositionRow], *, title: str) -> bytes:
    """A workbook with one sheet: section numbers as text cells, dates as dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Disposition")[:31]
    book.properties.title = title
    book.properties.creator = "ISCM Tracker"
    sheet.append(headings())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = _values(row)
        sheet.append([str(v) if isinstance(v, str) else v for v in values])
        cells = sheet[sheet.max_row]
        cells[1].data_type, cells[1].number_format = "s", "@"
        for cell in cells:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(cell.value, str) and cell.value[:1] in _FORMULA_START:
                cell.data_type = "s"  # never a formula
        for cell in cells[8:]:
            cell.number_format = "yyyy-mm-dd"
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
