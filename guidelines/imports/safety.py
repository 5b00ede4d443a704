"""What an uploaded file must pass before the reader opens it: a real .docx, of a sensible size,
without macros, ActiveX controls or links to content outside itself, and not a zip bomb. Every
refusal is ``UnreadableFile`` with a translated message telling the person what to do.

The zip is judged from its central directory before anything is decompressed, and every part is
then read with a hard cap (``read_part``), so a directory that lies about sizes cannot exhaust
memory. XML is parsed without entities, network or document type declarations (``parse_xml``).
"""

import io
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree

from .types import UnreadableFile

# The largest upload read (the setting WORD_IMPORT_MAX_BYTES overrides it).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A review file has some 20 parts; Word files with many images have a few hundred.
MAX_ENTRIES = 1000
# The sum of the parts' uncompressed sizes, as the zip's directory declares them.
MAX_TOTAL_UNCOMPRESSED = 100 * 1024 * 1024
# XML compresses some 10:1, rarely 50:1; a bomb 1000:1 or more. Checked per part above
# RATIO_FROM bytes (tiny parts compress oddly) and for the whole archive.
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and encrypted .docx
ENCRYPTION_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
MACRO_EXTENSIONS = (".docm", ".dotm")
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = re.compile(r"/relationships/officeDocument$")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


def max_bytes() -> int:
    return int(getattr(settings, "WORD_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_upload(data: bytes, filename: str) -> zipfile.ZipFile:
    """The upload as an open zip, once it passed every check; ``UnreadableFile`` otherwise."""
    if not data:
        raise UnreadableFile(_("The file is empty."))
    limit = max_bytes()
    if len(data) > limit:
        raise UnreadableFile(
            _("The file is too large: %(size)s MB. Files up to %(limit)s MB are accepted.")
            % {"size": _megabytes(len(data)), "limit": _megabytes(limit)}
        )
    _check_signature(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableFile(_not_word()) from error
    _check_directory(archive)
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names:
        raise UnreadableFile(_not_word())
    types = parse_xml(read_part(archive, "[Content_Types].xml"))
    _check_macros(filename, names, types)
    main = main_part(archive)
    if main not in names or _content_type(types, main) not in MAIN_TYPES:
        raise UnreadableFile(_not_word())
    _check_relationships(archive)
    return archive


def main_part(archive: zipfile.ZipFile) -> str:
    """The name of the main document part (word/document.xml in practice)."""
    if "_rels/.rels" in archive.namelist():
        for rel in parse_xml(read_part(archive, "_rels/.rels")).iter(f"{_REL}Relationship"):
            if _OFFICE_DOCUMENT.search(rel.get("Type", "")):
                return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, never more than its declared size (and the overall limit)."""
    info = archive.getinfo(name)
    cap = min(info.file_size, MAX_TOTAL_UNCOMPRESSED)
    chunks, total = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(64 * 1024):
                total += len(chunk)
                if total > cap:
                    raise UnreadableFile(_suspicious())
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise UnreadableFile(damaged_message()) from error
    return b"".join(chunks)


def parse_xml(blob: bytes) -> etree._Element:
    """A part's XML, parsed safely: no entities, no network, and no DTD at all."""
    if _DOCTYPE.search(blob[:4096]):
        raise UnreadableFile(damaged_message())
    try:
        root = etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as error:
        raise UnreadableFile(damaged_message()) from error
    if root.getroottree().docinfo.doctype:
        raise UnreadableFile(damaged_message())
    return root


def _content_type(types: etree._Element, name: str) -> str:
    """A part's content type: its Override, else the Default for its extension."""
    for override in types.iter(f"{_CT}Override"):
        if override.get("PartName", "").lstrip("/").lower() == name.lower():
            return override.get("ContentType", "")
    extension = name.rsplit(".", 1)[-1].lower()
    for default in types.iter(f"{_CT}Default"):
        if default.get("Extension", "").lower() == extension:
            return default.get("ContentType", "")
    return ""


def _check_signature(data: bytes) -> None:
    head = data[:8]
    if head.startswith(b"%PDF"):
        raise UnreadableFile(
            _(
                "This is a PDF file, not a Word document. Upload the Word file (.docx) you "
                "downloaded from ISCM Tracker and reviewed."
            )
        )
    if head == OLE_SIGNATURE:
        if any(stream in data for stream in ENCRYPTION_STREAMS):
            raise UnreadableFile(
                _(
                    "The Word file is protected by a password, so it cannot be read. Remove the "
                    "password (in Word: File > Info > Protect Document > Encrypt with Password, "
                    "and clear it), save, and upload it again."
                )
            )
        raise UnreadableFile(
            _(
                "This is an old Word document (.doc). Open it in Word or LibreOffice, save it as "
                "a Word document (.docx) and upload that file."
            )
        )
    if data.lstrip()[:5] == b"{\\rtf":
        raise UnreadableFile(
            _(
                "This is a Rich Text (.rtf) file. Open it in Word or LibreOffice, save it as a "
                "Word document (.docx) and upload that file."
            )
        )
    if not head.startswith(b"PK"):
        raise UnreadableFile(_not_word())


def _check_directory(archive: zipfile.ZipFile) -> None:
    """Zip bomb limits, from the directory alone (nothing decompressed yet)."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise UnreadableFile(_suspicious())
    total = compressed = 0
    for info in infos:
        if info.flag_bits & 0x1:  # an encrypted zip entry
            raise UnreadableFile(_not_word())
        total += info.file_size
        compressed += info.compress_size
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableFile(_suspicious())
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise UnreadableFile(_suspicious())
    if total > RATIO_FROM and total > MAX_RATIO * max(compressed, 1):
        raise UnreadableFile(_suspicious())


def _check_macros(filename: str, names: set[str], types: etree._Element) -> None:
    content_types = [e.get("ContentType", "").lower() for e in types]
    if (
        filename.lower().endswith(MACRO_EXTENSIONS)
        or any("macroenabled" in t or "vbaproject" in t or "activex" in t for t in content_types)
        or any(
            n.lower().rsplit("/", 1)[-1] in ("vbaproject.bin", "vbadata.xml")
            or n.lower().startswith("word/activex/")
            for n in names
        )
    ):
        raise UnreadableFile(
            _(
                "The file contains macros or ActiveX controls, which ISCM Tracker does not "
                "accept. Save it as a plain Word document (.docx, not .docm) and upload it again."
            )
        )


def _check_relationships(archive: zipfile.ZipFile) -> None:
    """Links to outside content (an attached template, a linked object or picture, a
    subdocument…) are refused: only hyperlinks may point outside the file."""
    for name in archive.namelist():
        if not name.endswith(".rels"):
            continue
        for rel in parse_xml(read_part(archive, name)).iter(f"{_REL}Relationship"):
            if rel.get("TargetMode", "").lower() == "external" and rel.get("Type") != HYPERLINK:
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                raise UnreadableFile(
                    _(
                        "The file refers to content outside itself (%(kind)s), which ISCM "
                        "Tracker does not accept. Remove the link (for an attached template: "
                        "Developer > Document Template), save, and upload it again."
                    )
                    % {"kind": kind}
                )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}" if size >= 1024 * 1024 else f"{size / (1024 * 1024):.1f}"


def _not_word() -> str:
    return _(
        "This is not a Word document (.docx). Upload the Word file you downloaded from ISCM "
        "Tracker and reviewed, saved in Word format (.docx)."
    )


def _suspicious() -> str:
    return _(
        "The file’s compressed contents are too large or unusual to be a Word document "
        "(too many parts, or parts that expand too much). It was not read."
    )


def damaged_message() -> str:
    return _(
        "The Word file is damaged or contains content the tracker does not read. Open it in "
        "Word or LibreOffice, save it again as .docx and upload it again."
    )
