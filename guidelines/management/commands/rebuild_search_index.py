"""Recompute the search index (all documents, or one): after a restore from a backup, a bulk
load, or to check that the index matches the data."""

from django.core.management.base import BaseCommand, CommandError

from guidelines.models import Document
from guidelines.services.search_index import rebuild_all


class Command(BaseCommand):
    help = (
        "Recompute the search index from the sections, proposals, comments and working documents."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", help="only this document (its slug)")

    def handle(self, *args, document=None, **options):
        target = None
        if document:
            target = Document.objects.filter(slug=document).first()
            if target is None:
                raise CommandError(f"No document {document!r}.")
        count = rebuild_all(document=target)
        self.stdout.write(f"Search index rebuilt: {count} entries.")
