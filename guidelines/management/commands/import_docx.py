"""import_docx SLUG FILE --delegation NAME [--submit] [--user USERNAME]: the Word import from
the shell (the secretariat's batch of e-mailed files), through the services the pages use."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from guidelines.imports.types import ImportPreview, UnreadableFile
from guidelines.models import Delegation, Document, ProposalKind, User
from guidelines.permissions import SECRETARIAT
from guidelines.selectors import word_imports as reads
from guidelines.services.word_imports import (
    BASE,
    MERGED,
    check_size,
    word_import_submit,
    word_import_upload,
)


class Command(BaseCommand):
    help = (
        "Read a marked-up 'Word for review' file and print what it would create (proposals, "
        "comments, messages); with --submit, create them for the delegation as the page does."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("file")
        parser.add_argument("--delegation", required=True, help="its name or code")
        parser.add_argument("--submit", action="store_true", help="create everything found")
        parser.add_argument("--user", help="recorded as (default: the first secretariat user)")

    def handle(self, *args, slug, file, delegation, submit, user, **options) -> None:
        document = Document.objects.filter(slug=slug).first()
        if document is None:
            raise CommandError(f"No document with the slug {slug!r}.")
        chosen = Delegation.objects.filter(
            Q(name__iexact=delegation) | Q(code__iexact=delegation)
        ).first()
        if chosen is None:
            raise CommandError(f"No delegation named {delegation!r}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            check_size(path.stat().st_size)
            data = path.read_bytes()
            preview = reads.build(document, reads.read_file(data, path.name))
        except (UnreadableFile, ValidationError) as error:
            raise CommandError(f"{path.name}: {_message(error)}") from error
        self._print(preview)
        if not submit:
            return
        actor = self._actor(user)
        self.stdout.write(f"Recorded as: {actor.username} ({actor.display_name()})")
        try:
            with transaction.atomic():  # no import left waiting when the submission is refused
                word_import = word_import_upload(
                    user=actor, document=document, filename=path.name, data=data,
                    delegation=chosen,
                )  # fmt: skip
                done = word_import_submit(
                    user=actor, word_import=word_import, **_everything(preview)
                )
        except ValidationError as error:
            raise CommandError(_message(error)) from error
        except PermissionDenied as error:
            raise CommandError(
                f"{actor.username} may not import for {chosen.name}: use --user with a "
                "secretariat or facilitator account, or a member of that delegation."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Submitted for {chosen.name}: {done.proposals.count()} proposal(s), "
                f"{done.comments.filter(parent__isnull=True).count()} comment(s)."
            )
        )

    def _actor(self, username: str | None) -> User:
        if username:
            actor = User.objects.filter(username=username, is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {username!r}.")
            return actor
        actor = User.objects.filter(is_active=True, groups__name=SECRETARIAT).order_by("pk").first()
        if actor is None:
            raise CommandError("No active secretariat user: give --user.")
        return actor

    def _print(self, preview: ImportPreview) -> None:
        out = self.stdout.write
        out(f"{preview.filename}: made from {preview.version_set_label}")
        if preview.authors:
            out(f"Authors in the file: {', '.join(preview.authors)}")
        for notice in preview.notices:
            out(f"[{notice.level}] {notice.message}")
        for item in preview.proposals:
            labels = [
                x for x, on in (("tracked", item.tracked), ("untracked", item.untracked)) if on
            ]
            if item.matched_by_heading:
                labels.append("matched by heading")
            where = f"{item.label} {item.heading}"
            if item.kind == ProposalKind.INSERT:  # the new heading, and where it goes
                where = f"“{item.proposed_heading}” {item.placement} {where}"
            out(
                f"- {item.kind} {where}: +{item.words_inserted} "
                f"-{item.words_deleted} words ({', '.join(labels) or 'no changes'})"
            )
            if item.conflict is not None:
                merge = "clean merge" if item.conflict.clean else "no clean merge"
                out(f"    conflict: now version {item.conflict.current_version}, {merge}")
        for item in preview.comments:
            found = "quote found" if item.quote_found else "quote not found"
            if not item.quote:
                found = "no quote"
            out(f"- comment on {item.label} {item.heading} by {item.author}: {found}")
            for reply in item.replies:
                out(f"    reply by {reply.author}")
        if preview.empty:
            out("Nothing to import.")


def _everything(preview: ImportPreview) -> dict:
    """All items, with the prefilled rationale (else "Imported from Word: <file>"); a conflict:
    the automatic merge when clean, else the file's text on its version."""
    fallback = f"Imported from Word: {preview.filename}"
    return {
        "selected": {i.ref for i in preview.proposals} | {i.ref for i in preview.comments},
        "rationales": {i.ref: i.rationale or fallback for i in preview.proposals},
        "resolutions": {
            i.ref: MERGED if i.conflict.clean else BASE for i in preview.proposals if i.conflict
        },
        "fingerprint": preview.fingerprint,
    }


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
