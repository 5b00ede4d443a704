from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guidelines.exports.context import VARIANTS, WORKING_DOCUMENT, export_content
from guidelines.exports.pdf import PdfExporter
from guidelines.models import Document, Milestone, WorkingDocument


class Command(BaseCommand):
    help = "Export a document (clean, redline) or a PTC working document as PDF."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--variant", choices=VARIANTS, default="clean")
        parser.add_argument("--milestone", help="milestone id or name (default: current text)")
        parser.add_argument("--against", help="earlier milestone id or name, for a redline")
        parser.add_argument("--working-document", dest="reference", help="e.g. PC0345E1")
        parser.add_argument("--output", required=True)
        parser.add_argument("--html-output", help="also write the HTML that WeasyPrint lays out")
        parser.add_argument("--language", default="en", choices=["en", "fr"])

    def handle(
        self,
        *args,
        slug,
        variant,
        milestone,
        against,
        reference,
        output,
        html_output,
        language,
        **options,
    ) -> None:
        try:
            document = Document.objects.get(slug=slug)
        except Document.DoesNotExist:
            raise CommandError(f"no document {slug!r}") from None
        working = None
        if variant == WORKING_DOCUMENT:
            if not reference:
                raise CommandError("--working-document REF is needed for this variant")
            working = WorkingDocument.objects.filter(document=document, reference=reference).first()
            if working is None:
                raise CommandError(f"no working document {reference!r} for {slug!r}")
        try:
            content = export_content(
                document=document,
                variant=variant,
                milestone=self._milestone(document, milestone),
                against=self._milestone(document, against),
                working_document=working,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        exporter = PdfExporter(content, language=language)
        html = exporter.html()
        if html_output:
            Path(html_output).write_text(html, encoding="utf-8")
        Path(output).write_bytes(exporter.render(html))
        self.stdout.write(f"wrote {output}")

    def _milestone(self, document, ref):
        if not ref:
            return None
        found = Milestone.objects.filter(document=document)
        found = found.filter(pk=int(ref)) if ref.isdigit() else found.filter(name=ref)
        if not found.exists():
            raise CommandError(f"no milestone {ref!r}")
        return found.get()
