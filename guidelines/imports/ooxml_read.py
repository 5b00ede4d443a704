"""The parts of a .docx around its body, for ``reader``: relationships, styles (names, outline
levels, numbering, monospace fonts), numbering formats, comments with their replies, and the
document properties. Every part is read through ``safety`` (capped, no DTD)."""

import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from .safety import parse_xml, read_part
from .types import WordComment

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
CORE_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
MONOSPACE = re.compile(
    r"courier|consolas|mono|menlo|monaco|lucida console|lucida sans typewriter|source code|"
    r"fira code|inconsolata|andale|ocr|fixedsys|terminal",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_LIST = re.compile(r"^list (bullet|number)(?:\s*([2-9]))?$", re.IGNORECASE)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def val(element, tag: str) -> str | None:
    """The w:val of the child ``tag`` of ``element`` (None: no such child)."""
    if element is None:
        return None
    child = element.find(w(tag))
    return None if child is None else child.get(w("val"), "")


def on(element, tag: str) -> bool | None:
    """A toggle property (w:b, w:i…): True, False (w:val="0"/"false"/"off"), None (absent)."""
    value = val(element, tag)
    if value is None:
        return None
    return value.lower() not in ("0", "false", "off", "none")


def monospace(rpr) -> bool:
    fonts = rpr.find(w("rFonts")) if rpr is not None else None
    if fonts is None:
        return False
    font = fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or ""
    return bool(MONOSPACE.search(font))


def normalise_style_name(name: str) -> str:
    """ "heading 2" (Word's stored built-in name) and "Heading 2" are the same style: built-in
    names stored in lower case are capitalised word by word; LibreOffice's ids ("Heading2")
    read as names when no styles part names them."""
    name = (name or "").strip()
    match = re.fullmatch(r"(Heading|Title|Subtitle)\s*(\d?)", name, re.IGNORECASE)
    if match and not name.islower():
        return f"{match.group(1).capitalize()} {match.group(2)}".strip()
    return (
        " ".join(word[:1].upper() + word[1:] for word in name.split()) if name.islower() else name
    )


@dataclass
class Style:
    name: str
    based_on: str | None = None
    outline: int | None = None  # 0-based, as in the XML
    num_id: str | None = None
    num_level: int | None = None
    code: bool = False


class Context:
    """Everything the body walk looks up, read once per file."""

    def __init__(self, archive: zipfile.ZipFile, main: str):
        self.archive, self.main = archive, main
        self.rels = self._rels(main)
        self.styles = self._styles()
        self.numbering = self._numbering()

    def part(self, name: str | None):
        if name is None or name not in self.archive.namelist():
            return None
        return parse_xml(read_part(self.archive, name))

    def _rels(self, part: str) -> dict[str, str]:
        folder, base = posixpath.split(part)
        root = self.part(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return {}
        out = {}
        for rel in root.iter(f"{{{REL}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode", "").lower() != "external":
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            out[rel.get("Id")] = target
            out["type:" + rel.get("Type", "").rsplit("/", 1)[-1]] = target
        return out

    def _styles(self) -> dict[str, Style]:
        root = self.part(self.rels.get("type:styles"))
        styles: dict[str, Style] = {}
        if root is None:
            return styles
        for element in root.iter(w("style")):
            ppr = element.find(w("pPr"))
            numpr = ppr.find(w("numPr")) if ppr is not None else None
            outline = val(ppr, "outlineLvl")
            level = val(numpr, "ilvl")
            styles[element.get(w("styleId"), "")] = Style(
                name=normalise_style_name(val(element, "name") or element.get(w("styleId"), "")),
                based_on=val(element, "basedOn"),
                outline=int(outline) if outline and outline.isdigit() else None,
                num_id=val(numpr, "numId"),
                num_level=int(level) if level and level.isdigit() else None,
                code=monospace(element.find(w("rPr"))),
            )
        return styles

    def _numbering(self) -> dict[str, dict[int, str]]:
        """numId -> {level: numFmt}."""
        root = self.part(self.rels.get("type:numbering"))
        if root is None:
            return {}
        abstract = {}
        for element in root.iter(w("abstractNum")):
            abstract[element.get(w("abstractNumId"))] = {
                int(lvl.get(w("ilvl"), "0")): val(lvl, "numFmt") or "decimal"
                for lvl in element.iter(w("lvl"))
            }
        out = {}
        for num in root.iter(w("num")):
            formats = dict(abstract.get(val(num, "abstractNumId"), {}))
            for override in num.iter(w("lvlOverride")):
                lvl = override.find(w("lvl"))
                if lvl is not None and val(lvl, "numFmt"):
                    formats[int(override.get(w("ilvl"), "0"))] = val(lvl, "numFmt")
            out[num.get(w("numId"))] = formats
        return out

    def style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def style_name(self, style_id: str | None) -> str:
        if not style_id:
            return "Normal"
        style = self.styles.get(style_id)
        return style.name if style else normalise_style_name(style_id)

    def heading_level(self, style_id: str | None, outline: str | None) -> int | None:
        match = _HEADING.match(self.style_name(style_id))
        if match:
            return int(match.group(1))
        if outline is None:
            outline = next(
                (str(s.outline) for s in self.style_chain(style_id) if s.outline is not None), None
            )
        if outline and outline.isdigit() and int(outline) < 9:
            return int(outline) + 1
        return None

    def list_of(self, style_id: str | None, num_id: str | None, level: str | None):
        """(kind, level) of a paragraph: "bullet"/"number"/"" and its 0-based level."""
        chain = list(self.style_chain(style_id))
        named = _LIST.match(self.style_name(style_id))
        if named and num_id is None:  # "List Bullet 2": the style's numbering is at level 0
            kind = "bullet" if named.group(1).lower() == "bullet" else "number"
            return kind, int(named.group(2) or 1) - 1
        if num_id is None:
            num_id = next((s.num_id for s in chain if s.num_id is not None), None)
        if level is None:
            level = next((str(s.num_level) for s in chain if s.num_level is not None), None)
        depth = int(level) if level and level.isdigit() else 0
        if num_id and num_id != "0":
            fmt = self.numbering.get(num_id, {}).get(depth, "decimal")
            if fmt != "none":
                return ("bullet" if fmt == "bullet" else "number"), depth
        return "", 0

    def style_code(self, style_id: str | None) -> bool:
        return any(s.code for s in self.style_chain(style_id))

    # Comments and properties -------------------------------------------------------------------
    def comments(self) -> tuple[WordComment, ...]:
        root = self.part(self.rels.get("type:comments"))
        if root is None:
            return ()
        parents = {}
        extended = self.part(self.rels.get("type:commentsExtended"))
        if extended is not None:
            for entry in extended.iter(f"{{{W15}}}commentEx"):
                if entry.get(f"{{{W15}}}paraIdParent"):
                    parents[entry.get(f"{{{W15}}}paraId")] = entry.get(f"{{{W15}}}paraIdParent")
        by_para, found = {}, []
        for element in root.iter(w("comment")):
            paragraphs = element.findall(w("p"))
            text = "\n\n".join(
                "".join(_comment_text(p)).strip() for p in paragraphs if "".join(_comment_text(p))
            )
            para = paragraphs[-1].get(f"{{{W14}}}paraId") if paragraphs else None
            comment_id = int(element.get(w("id"), "-1"))
            by_para[para] = comment_id
            found.append((comment_id, element, text.strip(), para))
        return tuple(
            WordComment(
                id=comment_id,
                author=element.get(w("author"), ""),
                text=text,
                date=element.get(w("date"), ""),
                initials=element.get(w("initials"), ""),
                parent=by_para.get(parents.get(para)) if para in parents else None,
            )
            for comment_id, element, text, para in found
        )

    def properties(self) -> tuple[dict[str, str], str, str]:
        """Custom properties (name -> text), last modified by, application."""
        custom: dict[str, str] = {}
        package_rels = self._rels("")  # the package's own: _rels/.rels
        root = self.part(package_rels.get("type:custom-properties", "docProps/custom.xml"))
        if root is not None:
            for prop in root.iter(f"{{{CUSTOM}}}property"):
                custom[prop.get("name", "")] = "".join(prop.itertext()).strip()
        core = self.part(package_rels.get("type:core-properties", "docProps/core.xml"))
        modified_by = core.find(f"{{{CORE_CP}}}lastModifiedBy") if core is not None else None
        app = self.part(package_rels.get("type:extended-properties", "docProps/app.xml"))
        application = app.find(f"{{{EXTENDED}}}Application") if app is not None else None
        return (
            custom,
            (modified_by.text or "").strip() if modified_by is not None else "",
            (application.text or "").strip() if application is not None else "",
        )


def _comment_text(p):
    for element in p.iter(w("t"), w("tab"), w("br")):
        if element.tag == w("t"):
            yield element.text or ""
        else:
            yield "\t" if element.tag == w("tab") else "\n"


__all__ = ["Context", "etree"]
