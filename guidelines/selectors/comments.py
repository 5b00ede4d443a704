"""Reads of comments: a section's threads (anchored to today's text), a proposal's discussion,
counts, the inbox, and where a comment is shown (``comment_url``)."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.urls import reverse
from django.utils.translation import get_language

from ..models import Comment, Document, Proposal, Section, SectionFollow
from ..models.translations import TRANSLATION_LANGUAGE_CODES
from ..rendering.anchoring import LOST, Anchor, anchor, plain_text
from ..rendering.markdown import render_markdown
from ..rendering.xrefs import resolve_xrefs, xref_resolver
from .documents import document_tree
from .readings import section_readings


@dataclass(frozen=True)
class Thread:
    root: Comment
    replies: list[Comment]
    anchor: Anchor | None  # None: a comment on the whole section

    @property
    def shown(self) -> bool:
        """A thread whose starter is hidden or deleted stays (as a placeholder, without its
        text) while a visible reply needs it for context."""
        visible = [c for c in (self.root, *self.replies) if not (c.is_hidden or c.is_deleted)]
        return bool(visible)

    @property
    def passage_changed(self) -> bool:
        return self.anchor is not None and self.anchor.status == LOST


def comment_url(comment) -> str:
    """The address of ``comment`` on the page that shows it: the proposal page for a comment of
    a proposal's discussion, otherwise its section's page; with ``#comment-N``. Takes a comment
    or a historical comment (its ``document`` and ``section`` are read: select them)."""
    slug = comment.document.slug
    if comment.proposal_id:
        kwargs = {"slug": slug, "pk": comment.proposal_id}
        url = reverse("guidelines:proposal_detail", kwargs=kwargs)
    else:
        url = reverse(
            "guidelines:section_detail", kwargs={"slug": slug, "key": comment.section.key}
        )
    return f"{url}#comment-{comment.id}"


def _with_people(rows: QuerySet) -> QuerySet:
    return rows.select_related("author__delegation")


def _complete(comments: list[Comment]) -> None:
    """Who resolved a thread, and the Word file a comment was imported from ("Imported from
    Word (file…)": its name; WordImport's base manager leaves its bytes), one query each and
    none when no comment has one: most have neither, and every relation joined is one more for
    the database to plan."""
    prefetch_related_objects(comments, "resolved_by", "word_import")


def section_reading(section: Section, language: str | None = None) -> str:
    """The section's text as a reader sees it, whitespace-normalised: what a comment quotes
    and where its highlight goes. Cross-references read as the page shows them, with today's
    number and heading ("3.7 Seals"), not as typed; the headings in ``language`` where the page
    reads them in a translation ("fr"), else in English (the tree is read only if there is a
    reference)."""
    html = str(render_markdown(section.body, id_prefix=section.key))
    if 'class="xref"' in html:
        tree = document_tree(section.document)
        headings = {}
        if language in TRANSLATION_LANGUAGE_CODES:
            readings = section_readings(tree, language, section)
            headings = {pk: (reading.heading, "") for pk, reading in readings.items()}
        html = str(resolve_xrefs(html, xref_resolver(tree.nodes, str, headings=headings)))
    return plain_text(html)


def page_language() -> str:
    return (get_language() or "en")[:2]


def _threads(roots: QuerySet) -> list[Comment]:
    replies = _with_people(Comment.objects.order_by("created_at", "id"))
    threads = list(
        _with_people(roots.threads())
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="all_replies"))
        .order_by("created_at", "id")
    )
    _complete([c for root in threads for c in (root, *root.all_replies)])
    return threads


def proposal_threads(proposal: Proposal) -> list[Thread]:
    """The proposal's discussion: its threads, replies in order (2 queries)."""
    return [Thread(root, root.all_replies, None) for root in _threads(proposal.comments.all())]


def section_threads(section: Section) -> list[Thread]:
    """Every thread on the section itself (not those of its proposals' discussions), replies in
    order, each quote re-found in the current text (3 queries whatever the number of threads;
    one more when some are resolved, one when some came from a Word file)."""
    roots = _threads(Comment.objects.filter(section=section, proposal__isnull=True))
    text = section_reading(section, page_language()) if roots else ""
    threads = []
    for root in roots:
        found = None
        if root.quote:
            found = anchor(
                text, root.quote, prefix=root.prefix, suffix=root.suffix, hint=root.quote_start
            )
        threads.append(Thread(root, root.all_replies, found))
    return threads


def open_comment_counts(document: Document) -> dict[int, int]:
    return dict(
        Comment.objects.filter(
            document=document,
            parent__isnull=True,
            proposal__isnull=True,
            resolved_at__isnull=True,
            is_hidden=False,
            is_deleted=False,
        )
        .values_list("section_id")
        .annotate(n=Count("id"))
        .values_list("section_id", "n")
    )


@dataclass(frozen=True)
class InboxFilters:
    delegation: str = ""
    section: str = ""
    state: str = ""  # "open" | "resolved" | ""
    q: str = ""


def inbox(user, filters: InboxFilters) -> QuerySet:
    """Threads the user started or replied in, newest activity first, with the number of
    replies by others since the user last marked the inbox as read. The search reads only
    visible text: a hidden or deleted comment (thread starter or reply) never matches, and the
    template shows a placeholder instead of a hidden starter's text."""
    took_part = Comment.objects.filter(parent=OuterRef("pk"), author=user)
    seen = user.inbox_seen_at
    new_filter = Q(replies__created_at__gt=seen) if seen else Q(replies__isnull=False)
    rows = (
        Comment.objects.threads()
        .filter(Q(author=user) | Exists(took_part))
        .select_related("document", "section", "author__delegation", "resolved_by")
        .annotate(
            last_activity=Max("replies__created_at"),
            reply_count=Count("replies", distinct=True),
            new_replies=Count(
                "replies", filter=new_filter & ~Q(replies__author=user), distinct=True
            ),
        )
    )
    if filters.delegation:
        rows = rows.filter(delegation__code=filters.delegation)
    if filters.section:  # words of the heading (or the section's address, from older links)
        rows = rows.filter(
            Q(section__heading__icontains=filters.section) | Q(section__key=filters.section)
        )
    if filters.state == "open":
        rows = rows.filter(resolved_at__isnull=True)
    elif filters.state == "resolved":
        rows = rows.filter(resolved_at__isnull=False)
    if filters.q:
        matching = Comment.objects.visible().filter(
            parent=OuterRef("pk"), body__icontains=filters.q
        )
        visible_body = Q(body__icontains=filters.q, is_hidden=False, is_deleted=False)
        rows = rows.filter(visible_body | Q(quote__icontains=filters.q) | Exists(matching))
    return rows.order_by("-created_at", "-id")


def comment_get(document: Document, pk: int) -> Comment | None:
    """One comment of the document (with its document, section and thread), or None."""
    rows = Comment.objects.select_related("document", "section", "parent")
    return rows.filter(pk=pk, document=document).first()


def comment_history(comment: Comment) -> list:
    """Every version of one comment, newest first, text included even when hidden or deleted:
    for the secretariat only (the view's rule), the one place that shows such a text."""
    return list(comment.history.select_related("history_user").order_by("-history_date"))


def is_following(user, section: Section) -> bool:
    return SectionFollow.objects.filter(user=user, section=section).exists()
