"""The Word template shipped with the project: A4, WCO-like styles, list and margin numbering.

``TEMPLATE`` (``wco-a4.docx`` beside this module) is what every Word export starts from. It is
made by :func:`build_template` from python-docx's own default document, so that it can be
rebuilt and reviewed as code: ``python manage.py build_word_template`` writes it again.
"""

from pathlib import Path

from docx import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TEMPLATE = Path(__file__).with_name("wco-a4.docx")
SERIF, SANS, MONO = "Times New Roman", "Arial", "Courier New"

# Numbering definitions the exporter refers to (abstract ids; a w:num of the same id each).
BULLETS, DECIMAL, DRAFT_PARAGRAPHS = 90, 91, 92

# name: (base style, font, size in pt, bold, italic, alignment, space before, space after)
PARAGRAPH_STYLES = {
    "ISCM Reference": ("Normal", SANS, 11, True, False, "right", 0, 0),
    "ISCM Place Date": ("Normal", SERIF, 11, False, False, "right", 2, 24),
    "ISCM Document Title": ("Normal", SANS, 13, True, False, "center", 12, 4),
    "ISCM Subtitle": ("Normal", SERIF, 11, True, False, "center", 0, 4),
    "ISCM Agenda Item": ("Normal", SERIF, 11, False, True, "center", 4, 18),
    "ISCM Cover Paragraph": ("Normal", SERIF, 11, False, False, "justify", 0, 6),
    "ISCM End Mark": ("Normal", SERIF, 11, False, False, "center", 18, 0),
    "ISCM Annex Label": ("Normal", SANS, 9.5, False, False, "right", 0, 12),
    "ISCM Legend": ("Normal", SANS, 9, False, True, "left", 0, 6),
    "ISCM First Footer": ("Normal", SANS, 8, False, False, "left", 0, 3),
    "ISCM Table Text": ("Normal", SERIF, 9, False, False, "left", 0, 0),
    "ISCM Code": ("Normal", MONO, 9, False, False, "left", 0, 6),
    "ISCM Draft Paragraph": ("Normal", SERIF, 11, False, False, "justify", 0, 6),
    "ISCM Spacer": ("Normal", SERIF, 4, False, False, "left", 0, 0),
}
HEADING_SIZES = {1: 13, 2: 12, 3: 11, 4: 11, 5: 10.5, 6: 10.5, 7: 10, 8: 10, 9: 10}
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _fonts(rpr, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _style_font(style, name: str, size: float, bold=None, italic=None) -> None:
    style.font.name = name
    _fonts(style.element.get_or_add_rPr(), name)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor(0, 0, 0)


def _level(
    ilvl: int, fmt: str, text: str, left: int, hanging: int, *, small: bool = False
) -> OxmlElement:
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), str(ilvl))
    for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        lvl.append(child)
    jc = OxmlElement("w:lvlJc")
    jc.set(qn("w:val"), "left" if left >= 0 else "right")
    lvl.append(jc)
    ppr = OxmlElement("w:pPr")
    tabs = OxmlElement("w:tabs")  # the text after the number starts at the indent
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "num")
    tab.set(qn("w:pos"), str(left))
    tabs.append(tab)
    ppr.append(tabs)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(left))
    ind.set(qn("w:hanging"), str(hanging))
    ppr.append(ind)
    lvl.append(ppr)
    if small:  # a margin number: small and grey, like the PDF's
        rpr = OxmlElement("w:rPr")
        for tag, value in (("w:color", "555555"), ("w:sz", "15")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            rpr.append(child)
        lvl.append(rpr)
    return lvl


def _abstract(numbering, abstract_id: int, levels: list) -> None:
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    kind = OxmlElement("w:multiLevelType")
    kind.set(qn("w:val"), "hybridMultilevel" if len(levels) > 1 else "singleLevel")
    abstract.append(kind)
    for level in levels:
        abstract.append(level)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(abstract_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    numbering.append(num)


def _numbering(document) -> None:
    numbering = document.part.numbering_part.element
    bullets = ["•", "◦", "▪"] * 3
    _abstract(
        numbering,
        BULLETS,
        [_level(i, "bullet", bullets[i], 567 * (i + 1), 283) for i in range(9)],
    )
    _abstract(
        numbering,
        DECIMAL,
        [_level(i, "decimal", f"%{i + 1}.", 567 * (i + 1), 397) for i in range(9)],
    )
    # Paragraph numbers in the left margin: the number hangs 12 mm left of the text.
    margin = _level(0, "decimal", "%1", 0, 567, small=True)
    _abstract(numbering, DRAFT_PARAGRAPHS, [margin])


def build_template(path: Path | str = TEMPLATE) -> Path:
    """Write the template: A4 with the PDF's margins, WCO-like styles, numbering."""
    document = WordDocument()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(22), Mm(22)
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    styles = document.styles
    normal = styles["Normal"]
    _style_font(normal, SERIF, 11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in HEADING_SIZES.items():
        heading = styles[f"Heading {level}"]
        _style_font(heading, SANS, size, bold=True, italic=level >= 5 or None)
        heading.paragraph_format.space_before = Pt(12 if level <= 2 else 8)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
    title = styles["Title"]
    _style_font(title, SANS, 14, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    for border in title.element.xpath("w:pPr/w:pBdr"):
        border.getparent().remove(border)
    _style_font(styles["Header"], SANS, 9)
    _style_font(styles["Footer"], SANS, 9)
    for name, (base, font, size, bold, italic, align, before, after) in PARAGRAPH_STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        _style_font(style, font, size, bold=bold or None, italic=italic or None)
        style.paragraph_format.alignment = _ALIGN[align]
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
    styles["ISCM Document Title"].font.all_caps = True
    cover = styles["ISCM Cover Paragraph"].paragraph_format
    cover.left_indent, cover.first_line_indent = Mm(10), Mm(-10)
    cover.tab_stops.add_tab_stop(Mm(10))
    styles["ISCM Legend"].font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    styles["ISCM Spacer"].paragraph_format.line_spacing = Pt(4)
    _numbering(document)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "World Customs Organization"
    properties.title = properties.subject = properties.comments = properties.keywords = ""
    properties.revision = 1
    document.save(str(path))
    return Path(path)


def set_language(document, code: str) -> None:
    """The language Word checks spelling in, for all text (e.g. "en-GB", "fr-FR")."""
    rpr = document.styles.element.find(qn("w:docDefaults"))
    rpr = rpr.find(qn("w:rPrDefault")).find(qn("w:rPr")) if rpr is not None else None
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), code)


def open_template():
    """A new document from the shipped template, with an empty body."""
    return WordDocument(str(TEMPLATE))
