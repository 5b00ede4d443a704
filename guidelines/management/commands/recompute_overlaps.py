"""Recompute the duplication finder's overlaps (all documents, or one): after a bulk load, a
restore from a backup, or to check the stored results."""

from django.core.management.base import BaseCommand, CommandError

from guidelines.models import Document
from guidelines.services.overlaps import overlaps_recompute


class Command(BaseCommand):
    help = "Recompute the overlaps between the sections and the SAFE Framework's text."

    def add_arguments(self, parser):
        parser.add_argument("--document", help="only this document (its slug)")

    def handle(self, *args, document=None, **options):
        documents = Document.objects.order_by("slug")
        if document:
            documents = documents.filter(slug=document)
            if not documents.exists():
                raise CommandError(f"No document {document!r}.")
        for target in documents:
            count = overlaps_recompute(document=target)
            self.stdout.write(f"{target.slug}: {count} overlaps.")
