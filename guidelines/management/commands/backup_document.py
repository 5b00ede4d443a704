import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guidelines.models import Document
from guidelines.selectors.backup import backup_counts, document_backup


class Command(BaseCommand):
    help = (
        "Write one document with everything of it (history, proposals, phase-two dispositions, "
        "comments, milestones, working documents, export jobs' metadata) to a versioned JSON "
        "file."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--output", required=True, help="the JSON file to write")

    def handle(self, *args, slug: str, output: str, **options) -> None:
        document = Document.objects.filter(slug=slug).first()
        if document is None:
            raise CommandError(f"no document {slug!r}")
        payload = document_backup(document)
        path = Path(output)
        partial = path.with_name(f".{path.name}.partial")
        # Written whole, then renamed: an interrupted backup never leaves a half file behind.
        partial.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(partial, path)
        counts = backup_counts(payload)
        self.stdout.write(
            f"wrote {output}: {counts['sections']} sections "
            f"({counts['sections_history']} versions), {counts['proposals']} proposals, "
            f"{counts['dispositions']} dispositions, "
            f"{counts['comments']} comments, {counts['milestones']} milestones, "
            f"{counts['working_documents']} working documents"
        )
