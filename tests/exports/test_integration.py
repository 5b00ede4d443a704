"""The integration report's files: CSV and XLSX cells (section numbers stay text, formulas are
neutralised), the .docx read back with python-docx, the PDF read back with pdftotext, French
labels, and a report with nothing decided yet."""

import csv
import io
import re
import shutil
import subprocess

import pytest
from django.utils import translation
from docx import Document as WordDocument
from openpyxl import load_workbook

from guidelines.exports.integration import integration_csv, integration_xlsx
from guidelines.exports.integration_print import integration_docx, integration_pdf
from guidelines.models import Disposition
from guidelines.selectors.integration import integration_report
from guidelines.services.history import save_versioned
from tests.factories import DocumentFactory, SectionFactory
from tests.integration_data import THEIRS, build

pytestmark = pytest.mark.django_db
INJECTION = '=HYPERLINK("https://evil.invalid","x")'


@pytest.fixture
def report():
    document, chapters, children, standard = build()
    disposition = Disposition.objects.get(section=chapters[0])
    disposition.note = INJECTION
    save_versioned(disposition, user=None, reason="Test data")
    return integration_report(document)


def test_csv_keeps_section_numbers_as_text_and_neutralises_formulas(report):
    rows = list(csv.reader(io.StringIO(integration_csv(report).lstrip("\ufeff"))))
    assert rows[0][:3] == ["Section", "Heading", "Disposition"]
    numbers = [r[0] for r in rows[1:]]
    assert numbers[:3] == ['="1"', '="2"', '="3"'] and numbers[-1] == '="3.10"'
    first, second = rows[1], rows[2]
    assert first[2] == "Integrate into a SAFE standard"
    assert first[6] == "'" + INJECTION  # the note: text, not a formula
    assert "TS 1.2 (83\u00a0%)" in second[8] and "3.10 Child 10 (41\u00a0%)" in second[8]
    assert second[10] == THEIRS


def test_xlsx_has_text_section_numbers_and_an_overlaps_sheet(report):
    book = load_workbook(io.BytesIO(integration_xlsx(report)))
    sections, overlaps = book.worksheets
    assert sections.title == "Sections" and overlaps.title == "Overlaps"
    last = sections.cell(row=sections.max_row, column=1)
    assert last.value == "3.10" and last.data_type == "s"
    note = sections.cell(row=2, column=7)
    assert note.value == INJECTION and note.data_type == "s"  # never a formula
    rows = [[c.value for c in row] for row in overlaps.iter_rows(min_row=2)]
    assert [(r[0], r[4]) for r in rows] == [("2", 83), ("2", 41)]
    assert rows[0][3] == "SAFE Framework text" and rows[0][7] == THEIRS


def test_docx_reads_back_with_the_table(report):
    word = WordDocument(io.BytesIO(integration_docx(report)))
    paragraphs = [p.text for p in word.paragraphs]
    assert "Integration report" in paragraphs
    counts, table = word.tables
    assert [c.text for c in counts.rows[1].cells] == ["Integrate into a SAFE standard", "1"]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Section", "Disposition", "Target standard", "Overlaps found"]
    assert rows[1][0] == "1 Chapter 1" and rows[1][1].startswith("Integrate into a SAFE standard")
    assert "TS 1.2: 83\u00a0%" in rows[2][3] and THEIRS in rows[2][3]
    assert rows[-1][0] == "3.10 Child 10" and rows[-1][1] == "No disposition yet"


def test_docx_opens_in_libreoffice(report, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not found")
    path = tmp_path / "report.docx"
    path.write_bytes(integration_docx(report))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(path)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    text = (tmp_path / "report.txt").read_text(encoding="utf-8-sig")
    assert "Integration report" in text and "Integrate into a SAFE standard" in text


def test_pdf_reads_back(report, pdf_text, tmp_path):
    pdf = integration_pdf(report)
    text = " ".join(pdf_text(pdf).split())
    assert "Integration report" in text and "ISCM Guidelines" in text
    assert "Integrate into a SAFE standard 1" in text and "No disposition yet 12" in text
    assert "3.10 Child 10" in text and "83 %" in text.replace("\u00a0", " ")
    assert "advance electronic information on cargo" in text
    if shutil.which("qpdf"):
        (tmp_path / "report.pdf").write_bytes(pdf)
        checked = subprocess.run(
            ["qpdf", "--check", str(tmp_path / "report.pdf")], capture_output=True
        )
        assert checked.returncode == 0, checked.stdout


def test_the_pdf_styles_come_from_print_css(report):
    from django.contrib.staticfiles import finders

    from guidelines.exports.integration_print import integration_html

    html = integration_html(report)
    inline = re.findall(r"<style>(.*?)</style>", html, re.S)  # _head.html's page margins only
    assert "css/print.css" in html and not [s for s in inline if "integration" in s]
    with open(finders.find("css/print.css"), encoding="utf-8") as css:
        assert ".integration-table td.passage { font-size: 8pt; }" in css.read()


def test_removed_standard_is_flagged_in_the_pdf(report, pdf_text):
    standard = Disposition.objects.get(section__key=report.rows[0].key).standard
    standard.is_deleted = True
    save_versioned(standard, user=None, reason="Removed from the Framework")
    again = integration_report(report.document)
    text = " ".join(pdf_text(integration_pdf(again)).split())
    assert f"{standard.code} Advance electronic information [removed from the Framework]" in text


def test_nothing_decided_yet_says_so(pdf_text):
    document = DocumentFactory(title="Fresh")
    SectionFactory(document=document, heading="Only chapter")
    report = integration_report(document)
    text = " ".join(pdf_text(integration_pdf(report)).split())
    assert "No dispositions have been decided and no overlaps have been found yet." in text
    assert "1 Only chapter" in text and "No disposition yet" in text
    rows = list(csv.reader(io.StringIO(integration_csv(report).lstrip("\ufeff"))))
    assert len(rows) == 2 and rows[1][2] == "No disposition yet"
    assert integration_docx(integration_report(DocumentFactory()))  # no sections at all


def test_french_labels(report):
    document = report.document
    with translation.override("fr"):
        french = integration_report(document, language="fr")
        rows = list(csv.reader(io.StringIO(integration_csv(french).lstrip("\ufeff"))))
    assert rows[0][:2] == ["Section", "Titre"]
    word = WordDocument(io.BytesIO(integration_docx(french)))
    assert word.tables[1].rows[0].cells[0].text == "Section"
    assert word.core_properties.language == "fr-FR"
