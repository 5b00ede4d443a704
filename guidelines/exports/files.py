"""One entry point for the task, the views and the command: what an export is (its cache key,
file name and format) and how to render it as bytes."""

from collections.abc import Callable
from dataclasses import dataclass

from .bilingual import bilingual_content
from .cache import export_key
from .context import BILINGUAL, REVIEW, export_content
from .docx import DocxExporter
from .pdf import PdfExporter
from .word.bilingual import BilingualDocxExporter
from .word.review import ReviewDocxExporter

FORMATS = {
    "pdf": (PdfExporter, "application/pdf"),
    "docx": (
        DocxExporter,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}

Progress = Callable[[str, int], None]


def _silent(_stage: str, _percent: int) -> None:
    return None


PLAN_OPTIONS = (
    "document",
    "variant",
    "fmt",
    "language",
    "milestone",
    "against",
    "working_document",
)


@dataclass(frozen=True)
class ExportPlan:
    """The inputs of one export; ``key`` changes whenever anything the file shows changes."""

    document: object
    variant: str
    fmt: str
    language: str
    milestone: object
    against: object
    working_document: object
    key: str

    @property
    def mime_type(self) -> str:
        return FORMATS[self.fmt][1]

    def options(self) -> dict:
        """The inputs by name (what an export job stores, and gives back to ``export_plan``)."""
        return {name: getattr(self, name) for name in PLAN_OPTIONS}

    def content(self):
        """What the file shows, as values (an ``ExportContent``, or a ``BilingualContent``)."""
        if self.variant == BILINGUAL:
            return bilingual_content(document=self.document, language=self.language)
        return export_content(
            document=self.document,
            variant=self.variant,
            milestone=self.milestone,
            against=self.against,
            working_document=self.working_document,
            language=self.language,
        )

    def exporter(self, content):
        if self.variant == BILINGUAL and self.fmt == "docx":
            return BilingualDocxExporter(content, language=self.language)
        if self.variant == REVIEW:
            return ReviewDocxExporter(content, language=self.language)
        return FORMATS[self.fmt][0](content, language=self.language)

    def render(self, progress: Progress = _silent) -> bytes:
        """The file's bytes; ``progress(stage, percent)`` is called between the stages."""
        progress("gathering", 10)
        content = self.content()
        progress("layout", 30)
        return self.exporter(content).render(progress=progress)


def export_plan(
    *,
    document,
    variant: str,
    fmt: str = "pdf",
    language: str = "en",
    milestone=None,
    against=None,
    working_document=None,
) -> ExportPlan:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if working_document is not None:
        milestone, against = working_document.milestone, working_document.redline_against
    if variant == BILINGUAL:  # the current text and translations, nothing else
        milestone = against = working_document = None
    if variant == REVIEW:  # the English draft (proposals amend it) at a milestone or now
        if fmt != "docx":
            raise ValueError("the Word for review file is a .docx: use --format docx")
        language, against, working_document = "en", None, None
    key = export_key(
        document=document,
        variant=variant,
        fmt=fmt,
        language=language,
        milestone=milestone,
        against=against,
        working_document=working_document,
    )
    return ExportPlan(
        document=document,
        variant=variant,
        fmt=fmt,
        language=language,
        milestone=milestone,
        against=against,
        working_document=working_document,
        key=key,
    )
