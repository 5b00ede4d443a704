from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guidelines.services.backup import (
    RestoreRefused,
    backup_parse,
    document_restore,
    restore_summary,
)


class Command(BaseCommand):
    help = (
        "Restore one document from a file written by backup_document (one transaction: on any "
        "failure nothing is written). Users missing here are created inactive."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the document with the same slug, and everything of it, first",
        )

    def handle(self, *args, file: str, replace: bool, **options) -> None:
        try:
            text = Path(file).read_text(encoding="utf-8")
            payload = backup_parse(text)
            document_restore(payload=payload, replace=replace)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"refused: cannot read {file}: {error}") from None
        except RestoreRefused as error:
            raise CommandError(f"refused: {error}") from None
        self.stdout.write(f"restored {restore_summary(payload)}")
