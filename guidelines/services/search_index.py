"""Keeping the search index (``SearchEntry``) in step with what it indexes.

Called from ``signals.py`` after every save of a section, translation, proposal, comment or
working document (the one place all their writes converge: ``save_versioned``), so that no write
path can forget it; ``rebuild_all`` (the ``rebuild_search_index`` command, migration 0021, the
demo seed and the bench) recomputes everything. Hidden and deleted comments are removed, and so
are soft-deleted sections with their past versions; restoring brings them back.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone

from ..models import (
    Comment,
    Document,
    Proposal,
    SearchEntry,
    SearchKind,
    Section,
    SectionTranslation,
    WorkingDocument,
)
from ..models.search import FTS_TABLE
from ..rendering.anchoring import plain_text
from ..rendering.markdown import render_markdown
from ..rendering.xrefs import XrefResolver, XrefTarget, resolve_xrefs, xref_keys
from ..selectors.search_query import clean_text, stemmed_text

CONFIGS = {"en": "english", "fr": "french"}


def markdown_text(markdown: str, document_id: int | None = None) -> str:
    """Plain text of Markdown as a reader sees it, without the characters search never takes.
    With ``document_id``, a ``[[key]]`` reference reads as the heading it names (its number is
    left out: it changes with every insertion before it, and is shown on the page)."""
    html = render_markdown(markdown or "")
    keys = xref_keys(str(html)) if document_id is not None else []
    if keys:
        headings = Section.objects.filter(
            document_id=document_id, key__in=keys, is_deleted=False
        ).values_list("key", "heading")
        targets = {key: XrefTarget("", key, "#") for key in keys}  # a broken one: its key
        targets |= {key: XrefTarget("", heading, "#") for key, heading in headings}
        html = resolve_xrefs(str(html), XrefResolver(targets))
    return clean_text(plain_text(str(html))).strip()


def _fts_write(entries: list[SearchEntry]) -> None:
    if connection.vendor != "sqlite" or not entries:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(e.pk,) for e in entries])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (%s, %s, %s)",
            [
                (e.pk, stemmed_text(e.title, e.language), stemmed_text(e.text, e.language))
                for e in entries
            ],
        )


def fts_delete(ids: list[int]) -> None:
    if connection.vendor != "sqlite" or not ids:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(i,) for i in ids])


def _vectors(queryset) -> None:
    """PostgreSQL: each entry's vector in its own language's configuration."""
    if connection.vendor != "postgresql":
        return
    for language, config in CONFIGS.items():
        queryset.filter(language=language).update(
            search_vector=SearchVector("title", weight="A", config=config)
            + SearchVector("text", weight="B", config=config)
        )


# During ``rebuild_all``: the entries to write in bulk (None: write each at once).
_collected: ContextVar[list | None] = ContextVar("search_entries_collected", default=None)
_deferred: ContextVar[bool] = ContextVar("search_index_deferred", default=False)


@contextmanager
def indexing_deferred():
    """Saves inside the block do not index (a bulk load such as ``seed_demo``): the caller runs
    ``rebuild_all`` for what it wrote when the block ends."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def indexing_is_deferred() -> bool:
    return _deferred.get()


def _put(kind: str, object_id: int, language: str, **fields) -> SearchEntry:
    fields["title"] = clean_text(fields.get("title", ""))[:300]
    fields.setdefault("updated_at", timezone.now())
    collected = _collected.get()
    if collected is not None:
        entry = SearchEntry(kind=kind, language=language, object_id=object_id, **fields)
        collected.append(entry)
        return entry
    entry, _created = SearchEntry.objects.update_or_create(
        kind=kind, language=language, object_id=object_id, defaults=fields
    )
    _vectors(SearchEntry.objects.filter(pk=entry.pk))
    _fts_write([entry])
    return entry


def _remove(queryset) -> None:
    # Deleting sends post_delete for each entry: signals.py drops its FTS5 row.
    queryset.delete()


def _index_past_versions(section: Section) -> None:
    """Past versions of a section (its history rows older than the current version, the last
    row of each version), and of its translations."""
    sources = [(section.history.model, {"id": section.pk}, "en", section.version, "section_id")]
    for translation in SectionTranslation.objects.filter(section=section):
        model = translation.history.model
        sources.append((model, {"id": translation.pk}, translation.language,
                        translation.version, "section_id"))  # fmt: skip
    for model, lookup, language, current, _field in sources:
        rows = model.objects.filter(**lookup, version__lt=current).order_by("history_id")
        last = {v: h for v, h in rows.values_list("version", "history_id")}
        keep = set(last.values())
        existing = SearchEntry.objects.filter(
            kind=SearchKind.PAST_VERSION, language=language, section=section
        )
        _remove(existing.exclude(object_id__in=keep))
        have = set(existing.values_list("object_id", flat=True))
        for row in model.objects.filter(history_id__in=keep - have):
            _put(
                SearchKind.PAST_VERSION, row.history_id, language,
                document_id=section.document_id, section=section, version=row.version,
                title=row.heading, text=markdown_text(row.body, section.document_id),
                updated_at=row.history_date,
            )  # fmt: skip


def index_section(section: Section) -> None:
    """A section's current text (English), its translations and its past versions; removed
    with all of them when the section is deleted."""
    if section.is_deleted:
        remove_section(section)
        return
    if _collected.get() is None:
        indexed = SearchEntry.objects.filter(
            kind=SearchKind.SECTION, language="en", object_id=section.pk
        ).values_list("version", flat=True)
        if section.version in indexed:
            return  # a move, an indent: the text (and so its version) did not change
    common = {"document_id": section.document_id, "section": section}
    _put(SearchKind.SECTION, section.pk, "en", title=section.heading,
         text=markdown_text(section.body, section.document_id), updated_at=section.updated_at,
         version=section.version, **common)  # fmt: skip
    for translation in SectionTranslation.objects.filter(section=section):
        index_translation(translation, section=section)
    _index_past_versions(section)


def index_translation(translation: SectionTranslation, *, section: Section | None = None) -> None:
    section = section or translation.section
    if section.is_deleted:
        return
    _put(
        SearchKind.SECTION, section.pk, translation.language,
        document_id=section.document_id, section=section, title=translation.heading,
        text=markdown_text(translation.body, section.document_id),
        updated_at=translation.updated_at,
    )  # fmt: skip


def remove_section(section: Section) -> None:
    _remove(SearchEntry.objects.filter(
        kind__in=[SearchKind.SECTION, SearchKind.PAST_VERSION], section=section
    ))  # fmt: skip


def index_proposal(proposal: Proposal) -> None:
    text = "\n".join(
        t
        for t in (
            markdown_text(proposal.rationale, proposal.document_id),
            markdown_text(proposal.proposed_body, proposal.document_id),
        )
        if t
    )
    _put(
        SearchKind.PROPOSAL, proposal.pk, proposal.language or "en",
        document_id=proposal.document_id, section_id=proposal.section_id, proposal=proposal,
        delegation_id=proposal.delegation_id, status=proposal.status,
        title=proposal.proposed_heading, text=text,
        updated_at=proposal.decided_at or proposal.created_at,
    )  # fmt: skip


def _comment_status(comment: Comment) -> str:
    root = comment if comment.parent_id is None else comment.parent
    return "resolved" if root.resolved_at else "open"


def index_comment(comment: Comment) -> None:
    """A comment or reply; hidden and deleted ones are never in the index."""
    if comment.is_hidden or comment.is_deleted:
        remove_comment(comment)
        return
    status = _comment_status(comment)
    _put(
        SearchKind.COMMENT, comment.pk, comment.language or "en",
        document_id=comment.document_id, section_id=comment.section_id,
        proposal_id=comment.proposal_id, delegation_id=comment.delegation_id, status=status,
        title="", text=markdown_text(comment.body, comment.document_id),
        updated_at=comment.edited_at or comment.created_at,
    )  # fmt: skip
    if comment.parent_id is None and _collected.get() is None:
        # a thread resolved or reopened: its replies follow
        replies = Comment.objects.filter(parent=comment).values_list("pk", flat=True)
        SearchEntry.objects.filter(kind=SearchKind.COMMENT, object_id__in=replies).update(
            status=status
        )


def remove_comment(comment: Comment) -> None:
    _remove(SearchEntry.objects.filter(kind=SearchKind.COMMENT, object_id=comment.pk))


def index_working_document(working: WorkingDocument) -> None:
    for language, suffix in (("en", ""), ("fr", "_fr")):
        title = " ".join(
            v for v in (getattr(working, "title" + suffix), getattr(working, "subtitle" + suffix))
            if v
        )  # fmt: skip
        text = "\n".join(
            markdown_text(getattr(working, name + suffix))
            for name in ("purpose", "cover_note")
            if getattr(working, name + suffix)
        )
        if not (title or text):
            remove_working_document(working, language=language)
            continue
        _put(SearchKind.WORKING_DOCUMENT, working.pk, language, document_id=working.document_id,
             title=title, text=text, updated_at=working.updated_at)  # fmt: skip


def remove_working_document(working: WorkingDocument, *, language: str | None = None) -> None:
    entries = SearchEntry.objects.filter(kind=SearchKind.WORKING_DOCUMENT, object_id=working.pk)
    _remove(entries.filter(language=language) if language else entries)


def _settle_postgres() -> None:
    """After a bulk rebuild: the GIN indexes' pending lists merged (until autovacuum came by,
    every trigram search scanned the thousands of pending entries linearly: 1.4 s, not 6 ms)
    and fresh statistics for the rewritten table."""
    with connection.cursor() as cursor:
        for index in ("search_entry_vector", "search_entry_title_trgm", "search_entry_text_trgm"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")


def rebuild_all(*, document: Document | None = None) -> int:
    """Recompute the whole index (or one document's), written in bulk; the number of entries."""
    with transaction.atomic():
        entries = SearchEntry.objects.all()
        if document is not None:
            entries = entries.filter(document=document)
        ids = list(entries.values_list("pk", flat=True))
        entries._raw_delete(entries.db)
        fts_delete(ids)
        scope = {"document": document} if document is not None else {}
        collected: list[SearchEntry] = []
        token = _collected.set(collected)
        try:
            for section in Section.objects.filter(**scope, is_deleted=False):
                index_section(section)
            for proposal in Proposal.objects.filter(**scope):
                index_proposal(proposal)
            for comment in Comment.objects.filter(**scope).select_related("parent"):
                index_comment(comment)
            for working in WorkingDocument.objects.filter(**scope):
                index_working_document(working)
        finally:
            _collected.reset(token)
        # An entry a concurrent save wrote meanwhile (after the delete above: PostgreSQL's
        # READ COMMITTED) is overwritten with the same content, not a unique-key error.
        unique = ["kind", "language", "object_id"]
        created = SearchEntry.objects.bulk_create(
            collected,
            batch_size=500,
            update_conflicts=True,
            unique_fields=unique,
            update_fields=[
                f.name
                for f in SearchEntry._meta.concrete_fields
                if not f.primary_key and f.name not in unique
            ],
        )
        if connection.vendor == "sqlite" and any(e.pk is None for e in created):
            created = list(SearchEntry.objects.filter(**scope))  # ids not returned: read them
        _fts_write(created)
        _vectors(SearchEntry.objects.filter(**scope))
        if connection.vendor == "postgresql":
            _settle_postgres()
        return len(created)


# Keyed by the model classes themselves: the historical models of a migration's state (same
# names, other classes) are not indexed.
INDEXERS = {
    Section: index_section,
    SectionTranslation: index_translation,
    Proposal: index_proposal,
    Comment: index_comment,
    WorkingDocument: index_working_document,
}


def on_delete(instance) -> None:
    """A row deleted: an entry's FTS5 row goes with it; a comment or working document deleted
    outright takes its entries (sections, proposals, documents: their entries cascade)."""
    if isinstance(instance, SearchEntry):
        fts_delete([instance.pk])
    elif isinstance(instance, Comment):
        remove_comment(instance)
    elif isinstance(instance, WorkingDocument):
        remove_working_document(instance)
