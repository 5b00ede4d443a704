"""Nothing active reaches a PDF or a Word file: the XSS corpus in every text field that an
export shows (section heading and text, document title, mapping note, the working document's
title, subtitle, purpose and cover note) gives no JavaScript, launch or form action in the PDF,
and no external relationship but http(s)/mailto links in the .docx."""

import io
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.exports.pdf import PdfExporter
from guidelines.models import Document, Mapping, WorkingDocument
from guidelines.services.documents import section_create
from tests.exports.conftest import require
from tests.xss_corpus import HOSTILE, HOSTILE_LINES

ACTIVE_PDF_KEYS = (b"/JavaScript", b"/JS", b"/Launch", b"/SubmitForm", b"/ImportData",
                   b"/EmbeddedFile", b"/RichMedia", b"/GoToR", b"/OpenAction")  # fmt: skip
SAFE_SCHEMES = ("http://", "https://", "mailto:")
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
INSTR_TEXT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText"
JS_URL = re.compile(r"(^|[\s\"])(java|vb)script:", re.IGNORECASE)


def plain_pdf(pdf: bytes) -> bytes:
    """The PDF with every stream and object stream uncompressed (qpdf's QDF form)."""
    require("qpdf", "qpdf")
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp, "in.pdf"), Path(tmp, "out.pdf")
        source.write_bytes(pdf)
        result = subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", str(source), str(target)],
            capture_output=True,
            check=False,
        )
        assert result.returncode in (0, 3), result.stderr  # 3: warnings only
        return target.read_bytes()


def assert_pdf_inert(pdf: bytes) -> None:
    plain = plain_pdf(pdf)
    for key in ACTIVE_PDF_KEYS:
        assert not re.search(re.escape(key) + rb"\b", plain), key
    for uri in re.findall(rb"/URI\s*\(([^)]*)\)", plain):
        assert uri.decode("latin-1").startswith(SAFE_SCHEMES), uri
    assert b"javascript:" not in plain.lower()


def assert_docx_inert(data: bytes) -> None:
    """No macro or OLE part; no attribute or field code that is a ``javascript:`` URL (the
    words may appear as text, which Word never runs); external targets are links only."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        content = archive.read(name)
        assert not name.lower().endswith((".bin", ".js", ".vba")), name  # no macros, no OLE
        if name.endswith((".xml", ".rels")):
            for element in etree.fromstring(content).iter():
                values = list(element.attrib.values())
                if element.tag == INSTR_TEXT:
                    values.append(element.text or "")
                active = [v for v in values if JS_URL.search(v)]
                assert not active, (name, active)
        if name.endswith(".rels"):
            for rel in etree.fromstring(content).iter(REL):
                if rel.get("TargetMode") == "External":
                    assert rel.get("Type").endswith("/hyperlink"), rel.attrib
                    assert rel.get("Target").startswith(SAFE_SCHEMES), rel.attrib


@pytest.fixture
def hostile_document(seeded):
    document = Document.objects.get(slug="iscm-guidelines")
    section_create(document=document, heading=HOSTILE_LINES[0], body=HOSTILE, user=None,
                   reason="XSS corpus")  # fmt: skip
    Document.objects.filter(pk=document.pk).update(title=HOSTILE_LINES[1])
    Mapping.objects.filter(pk=Mapping.objects.order_by("id").first().pk).update(note=HOSTILE)
    working = WorkingDocument.objects.get(reference="PC0999E1")
    WorkingDocument.objects.filter(pk=working.pk).update(
        title=HOSTILE_LINES[2],
        subtitle=HOSTILE_LINES[3],
        purpose=HOSTILE,
        cover_note=f"{working.cover_note}\n\n{HOSTILE}",
    )
    document.refresh_from_db()
    working.refresh_from_db()
    return document, working


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["clean", "working-document"])
def test_exports_of_the_corpus_hold_nothing_active(hostile_document, variant, pdf_text):
    document, working = hostile_document
    extra = {"working_document": working} if variant == "working-document" else {}
    content = export_content(document=document, variant=variant, **extra)
    pdf = PdfExporter(content).render()
    assert_pdf_inert(pdf)
    assert "Hostile text." in pdf_text(pdf)  # the corpus is in it, as text
    data = DocxExporter(content).render()
    assert_docx_inert(data)
    assert b"Hostile text." in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_the_checks_catch_active_content():
    """The checks themselves fail on what they look for."""
    assert plain_pdf(_pdf_with(b"/S /GoTo /D [3 0 R /Fit]"))  # qpdf reads what we build
    with pytest.raises(AssertionError, match="JavaScript"):
        assert_pdf_inert(_pdf_with(b"/S /JavaScript /JS (app.alert(1))"))
    with pytest.raises(AssertionError, match="javascript:alert"):
        assert_pdf_inert(_pdf_with(b"/S /URI /URI (javascript:alert(1))"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://x/oleObject" Target="file:///c:/x.exe" '
            'TargetMode="External"/></Relationships>',
        )
    with pytest.raises(AssertionError, match="oleObject"):
        assert_docx_inert(buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:instrText> HYPERLINK "javascript:alert(1)" </w:instrText></w:document>',
        )
    with pytest.raises(AssertionError, match="javascript:alert"):
        assert_docx_inert(buffer.getvalue())


def _pdf_with(action: bytes) -> bytes:
    """A minimal one-page PDF with a link that does ``action``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Annots [<< /Type /Annot "
        b"/Subtype /Link /Rect [0 0 5 5] /A 4 0 R >>] >>",
        b"<< /Type /Action " + action + b" >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
