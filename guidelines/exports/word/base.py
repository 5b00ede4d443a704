"""What every Word export shares: the project's template opened in the edition's language, the
file's properties, the running header and "Page X of Y" footer, and the rendering itself. A
subclass (``DocxExporter``, ``BilingualDocxExporter``) writes its body in ``_write``."""

import io
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ...rendering.typography import french_spacing
from .html import Context, HtmlWriter
from .ooxml import Tracker, field
from .template import open_template, set_language

LANGUAGES = {"en": "en-GB", "fr": "fr-FR"}


class WordExporter:
    """``Exporter(content, language=...).render()`` -> .docx bytes."""

    def __init__(self, content, *, language: str = "en") -> None:
        self.content = content
        self.language = language

    def render(self, progress=None) -> bytes:
        with translation.override(self.language):
            self.document = open_template()
            self.tracker = Tracker(self._credit)
            self.writer = HtmlWriter(self.document, self.tracker)
            self.body = Context(self.document)
            self._properties()
            self._page_furniture()
            self._write()
            self.writer.finish()
            if progress is not None:
                progress("writing", 80)
            out = io.BytesIO()
            self.document.save(out)
            return out.getvalue()

    def _write(self) -> None:
        raise NotImplementedError

    def _credit(self, by: tuple[int, ...]) -> tuple[str, datetime | None]:
        """Who a tracked change is credited to (an export without tracked changes: us)."""
        return "ISCM Tracker", None

    def _titles(self) -> tuple[str, str]:
        """The file's title and subject."""
        raise NotImplementedError

    def _properties(self) -> None:
        properties = self.document.core_properties
        properties.title, properties.subject = self._titles()
        properties.author = "World Customs Organization"
        properties.last_modified_by = "ISCM Tracker"
        properties.comments = _("Exported by ISCM Tracker")
        properties.keywords = "WCO; SAFE; ISCM"
        properties.language = LANGUAGES.get(self.language, self.language)
        properties.created = properties.modified = self.content.generated_at or timezone.now()
        properties.revision = 1
        set_language(self.document, properties.language)

    def _page_furniture(self) -> None:
        """Running reference in the header, "Page X of Y" in the footer, none on the first
        page."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.text = self.content.reference
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(f"{_('Page')} ")
        field(footer, "PAGE")
        footer.add_run(f" {_('of')} ")
        field(footer, "NUMPAGES")

    def _typeset(self, text: str) -> str:
        """Text in the edition's language with its typography (French spacing in French)."""
        return french_spacing(str(text)) if self.language == "fr" else str(text)
