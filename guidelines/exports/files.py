"""One entry point for the views and the command: an export as bytes, cached by its inputs."""

from collections.abc import Callable

from .cache import cached_export, export_key
from .context import export_content
from .docx import DocxExporter
from .pdf import PdfExporter

FORMATS = {
    "pdf": (PdfExporter, "application/pdf"),
    "docx": (
        DocxExporter,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


def export_job(
    *,
    document,
    variant: str,
    fmt: str = "pdf",
    language: str = "en",
    milestone=None,
    against=None,
    working_document=None,
) -> tuple[str, Callable[[bool], tuple[bytes, bool]]]:
    """The cache key of an export and a function ``run(use_cache)`` -> (bytes, from_cache)."""
    exporter_class, _mime = FORMATS[fmt]
    if working_document is not None:
        milestone, against = working_document.milestone, working_document.redline_against
    key = export_key(
        document=document,
        variant=variant,
        fmt=fmt,
        language=language,
        milestone=milestone,
        against=against,
        working_document=working_document,
    )

    def render() -> bytes:
        content = export_content(
            document=document,
            variant=variant,
            milestone=milestone,
            against=against,
            working_document=working_document,
            language=language,
        )
        return exporter_class(content, language=language).render()

    def run(use_cache: bool = True) -> tuple[bytes, bool]:
        return cached_export(key=key, suffix=fmt, render=render, use_cache=use_cache)

    return key, run


def export_file(*, use_cache: bool = True, **options) -> tuple[bytes, bool]:
    """(bytes, served_from_cache)."""
    _key, run = export_job(**options)
    return run(use_cache)
