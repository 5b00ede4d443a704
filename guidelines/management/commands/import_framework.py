"""import_framework FILE [--reason ...] [--user USERNAME]: load the SAFE Framework's text from a
YAML or Markdown file (see guidelines/imports/framework.py), all or nothing, as the page does."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from guidelines.imports.framework import MAX_BYTES, FrameworkFileError, parse_framework
from guidelines.models import User
from guidelines.services.framework import framework_import
from guidelines.services.versions import VersionConflict


class Command(BaseCommand):
    help = "Import the SAFE Framework's text (standards and technical specifications)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--reason", default="Imported from a file", help="for the history")
        parser.add_argument("--user", help="recorded as (default: nobody, a system change)")

    def handle(self, *args, file, reason, user, **options) -> None:
        reason = (reason or "").strip()
        if not reason:
            raise CommandError("The reason for the change (--reason) must not be blank.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        who = None
        if user:
            who = User.objects.filter(username=user).first()
            if who is None:
                raise CommandError(f"No user named {user!r}.")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        try:
            parsed = parse_framework(data, filename=path.name)
            counts = framework_import(parsed=parsed, user=who, reason=reason)
        except FrameworkFileError as error:
            raise CommandError("\n".join([f"{file}:", *error.messages])) from None
        except (ValidationError, VersionConflict) as error:
            raise CommandError(f"{file}: {error}") from None
        self.stdout.write(
            f"{counts.created} created, {counts.changed} changed, {counts.unchanged} unchanged."
        )
