"""Bad uploads are refused before anything is read, each with a message saying what to do."""

import io
import zipfile

import docx
import pytest

from guidelines.imports import safety
from guidelines.imports.reader import read_docx
from guidelines.imports.types import UnreadableFile


@pytest.fixture(scope="module")
def plain() -> bytes:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Hello.")
    document.save(out)
    return out.getvalue()


def repack(data: bytes, *, add=None, drop=(), replace=None) -> bytes:
    """The zip with parts added, dropped or replaced (name -> bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            blob = (replace or {}).get(info.filename, source.read(info))
            target.writestr(info.filename, blob, zipfile.ZIP_DEFLATED)
        for name, blob in (add or {}).items():
            target.writestr(name, blob, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def refused(data: bytes, filename: str = "review.docx") -> str:
    with pytest.raises(UnreadableFile) as error:
        safety.check_upload(data, filename)
    return str(error.value)


def test_a_plain_docx_passes(plain):
    archive = safety.check_upload(plain, "review.docx")
    assert "word/document.xml" in archive.namelist()
    assert safety.main_part(archive) == "word/document.xml"


def test_empty():
    assert refused(b"") == "The file is empty."


def test_too_large(settings, plain):
    settings.WORD_IMPORT_MAX_BYTES = 1024 * 1024
    message = refused(plain + b"\0" * (1024 * 1024))
    assert message.startswith("The file is too large: 1 MB. Files up to 1 MB are accepted")
    settings.WORD_IMPORT_MAX_BYTES = len(plain)
    safety.check_upload(plain, "review.docx")


def test_pdf():
    assert "This is a PDF file" in refused(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "review.docx")


OLE = safety.OLE_SIGNATURE + b"\0" * 504


def test_old_doc_is_told_to_save_as_docx():
    message = refused(OLE + "WordDocument".encode("utf-16-le") + b"\0" * 64, "review.doc")
    assert "old Word document (.doc)" in message
    assert "save it as a Word document (.docx)" in message


def test_encrypted_docx_is_told_to_remove_the_password():
    container = OLE + "EncryptionInfo".encode("utf-16-le") + b"\0" * 50
    container += "EncryptedPackage".encode("utf-16-le") + b"\0" * 64
    message = refused(container)
    assert "protected by a password" in message
    assert "Remove the password" in message
    assert ".doc)" not in message


def test_rtf():
    assert "Rich Text (.rtf)" in refused(b"{\\rtf1\\ansi Hello}")


def test_not_a_zip():
    assert refused(b"Hello, this is plain text.").startswith("This is not a Word document")
    assert refused(b"PK\x03\x04 broken").startswith("This is not a Word document")


def test_a_zip_that_is_not_word(plain):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert refused(out.getvalue()).startswith("This is not a Word document")
    no_body = repack(plain, drop={"word/document.xml"})
    assert refused(no_body).startswith("This is not a Word document")
    no_types = repack(plain, drop={"[Content_Types].xml"})
    assert refused(no_types).startswith("This is not a Word document")


MACROS = "contains macros or ActiveX controls"


def test_macros_are_refused(plain):
    assert MACROS in refused(plain, "review.docm")
    with_project = repack(plain, add={"word/vbaProject.bin": b"\0" * 100})
    assert MACROS in refused(with_project)
    types = part(plain, "[Content_Types].xml").replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    assert MACROS in refused(repack(plain, replace={"[Content_Types].xml": types}))
    activex = repack(plain, add={"word/activeX/activeX1.xml": b"<ax/>"})
    assert MACROS in refused(activex)


def test_outside_links_are_refused_but_hyperlinks_pass(plain):
    rels = part(plain, "word/_rels/document.xml.rels")
    template = (
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/attachedTemplate" Target="file:///C:/evil.dotm" '
        b'TargetMode="External"/></Relationships>'
    )
    bad = repack(
        plain, replace={"word/_rels/document.xml.rels": rels.replace(b"</Relationships>", template)}
    )
    message = refused(bad)
    assert "refers to content outside itself (attachedTemplate)" in message
    link = template.replace(b"attachedTemplate", b"hyperlink")
    good = repack(
        plain, replace={"word/_rels/document.xml.rels": rels.replace(b"</Relationships>", link)}
    )
    safety.check_upload(good, "review.docx")


SUSPICIOUS = "compressed contents are too large or unusual"


def test_zip_bomb_is_refused_from_the_directory(plain):
    bomb = repack(plain, add={"word/media/big.xml": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024  # small upload, huge content
    assert SUSPICIOUS in refused(bomb)


def test_too_many_parts(plain):
    many = repack(plain, add={f"word/media/{n}.xml": b"<a/>" for n in range(1001)})
    assert SUSPICIOUS in refused(many)


def test_too_much_in_total(plain, monkeypatch):
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", len(plain))
    assert SUSPICIOUS in refused(plain)


def test_a_lying_directory_cannot_blow_up_memory(plain):
    """The directory says 100 bytes; the entry inflates to 2 MB: reading stops at the cap."""
    data = bytearray(repack(plain, add={"word/lie.xml": b"a" * (2 * 1024 * 1024)}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/lie.xml")
    data[info.header_offset + 22 : info.header_offset + 26] = (100).to_bytes(4, "little")
    central = bytes(data).index(b"PK\x01\x02")
    while True:  # the central record of word/lie.xml
        name_length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + name_length] == b"word/lie.xml":
            break
        central = bytes(data).index(b"PK\x01\x02", central + 4)
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    archive = safety.check_upload(bytes(data), "review.docx")
    assert archive.getinfo("word/lie.xml").file_size == 100
    with pytest.raises(UnreadableFile):
        safety.read_part(archive, "word/lie.xml")


DAMAGED = "damaged or contains content the tracker does not read"


def test_xml_with_a_doctype_is_refused(plain):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><a>&lol2;</a>'
    )
    with pytest.raises(UnreadableFile, match=DAMAGED):
        safety.parse_xml(laughs)
    document = part(plain, "word/document.xml")
    document = document.replace(b"?>", b"?><!DOCTYPE w:document SYSTEM 'http://x/y.dtd'>", 1)
    with pytest.raises(UnreadableFile, match=DAMAGED):
        read_docx(repack(plain, replace={"word/document.xml": document}), "review.docx")
    types = part(plain, "[Content_Types].xml").replace(b"?>", b"?><!DOCTYPE Types>", 1)
    assert DAMAGED in refused(repack(plain, replace={"[Content_Types].xml": types}))


def test_broken_xml_is_refused(plain):
    with pytest.raises(UnreadableFile, match=DAMAGED):
        read_docx(repack(plain, replace={"word/document.xml": b"<w:document"}), "review.docx")


def test_malformed_values_are_refused_not_crashed(plain):
    document = part(plain, "word/document.xml").replace(
        b"</w:p>",
        b'<w:commentRangeStart w:id="x"/><w:r><w:commentReference w:id="y"/></w:r></w:p>',
        1,
    )
    with pytest.raises(UnreadableFile, match=DAMAGED):
        read_docx(repack(plain, replace={"word/document.xml": document}), "review.docx")


def test_the_main_part_may_take_its_type_from_a_default(plain):
    types = (
        part(plain, "[Content_Types].xml")
        .replace(
            b'<Override PartName="/word/document.xml"', b'<Override PartName="/word/elsewhere.xml"'
        )
        .replace(
            b'<Default Extension="xml" ContentType="application/xml"/>',
            b'<Default Extension="xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'wordprocessingml.document.main+xml"/>',
        )
    )
    safety.check_upload(repack(plain, replace={"[Content_Types].xml": types}), "review.docx")


def test_a_file_with_too_many_paragraphs_is_refused(monkeypatch):
    from guidelines.imports import reader

    monkeypatch.setattr(reader, "MAX_PARAGRAPHS", 5)
    data = _docx_with_paragraphs(6)
    with pytest.raises(UnreadableFile, match="more than 5 paragraphs"):
        reader.read_docx(data, "big.docx")
    assert len(reader.read_docx(_docx_with_paragraphs(5), "ok.docx").paragraphs) == 5


def _docx_with_paragraphs(n: int) -> bytes:
    import io

    from docx import Document as WordDocument

    document = WordDocument()
    for paragraph in list(document.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    for i in range(n):
        document.add_paragraph(f"Paragraph {i}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
