from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guidelines.exports.context import VARIANTS, WORKING_DOCUMENT
from guidelines.exports.files import export_plan
from guidelines.models import Document, Milestone, WorkingDocument
from guidelines.services.exports import export_file


class Command(BaseCommand):
    help = (
        "Export a document (clean, redline), a PTC working document, or the bilingual review "
        "(English | French, for the translators) as PDF or Word."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--variant", choices=VARIANTS, default="clean")
        parser.add_argument("--milestone", help="milestone id or name (default: current text)")
        parser.add_argument("--against", help="earlier milestone id or name, for a redline")
        parser.add_argument("--working-document", dest="reference", help="e.g. PC0345E1")
        parser.add_argument("--output", required=True)
        parser.add_argument("--html-output", help="also write the HTML that WeasyPrint lays out")
        parser.add_argument("--language", default="en", choices=["en", "fr"])
        parser.add_argument("--format", dest="fmt", default="pdf", choices=["pdf", "docx"])
        parser.add_argument("--no-cache", action="store_true", help="render even if cached")

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
        fmt,
        no_cache,
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
        milestone, against = (
            self._milestone(document, milestone),
            self._milestone(document, against),
        )
        try:
            if html_output and fmt == "pdf":  # the HTML too: render it here, uncached
                plan = export_plan(
                    document=document,
                    variant=variant,
                    language=language,
                    milestone=milestone,
                    against=against,
                    working_document=working,
                )
                exporter = plan.exporter(plan.content())
                html = exporter.html()
                Path(html_output).write_text(html, encoding="utf-8")
                data, hit = exporter.render(html), False
            else:
                data, hit = export_file(
                    document=document,
                    variant=variant,
                    fmt=fmt,
                    language=language,
                    milestone=milestone,
                    against=against,
                    working_document=working,
                    use_cache=not no_cache,
                )
        except ValueError as error:
            raise CommandError(str(error)) from None
        Path(output).write_bytes(data)
        self.stdout.write(f"wrote {output}" + (" (from the cache)" if hit else ""))

    def _milestone(self, document, ref):
        if not ref:
            return None
        found = Milestone.objects.filter(document=document)
        found = found.filter(pk=int(ref)) if ref.isdigit() else found.filter(name=ref)
        if not found.exists():
            raise CommandError(f"no milestone {ref!r}")
        return found.get()
