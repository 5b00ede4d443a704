"""The search index: one row per searchable thing (a section in a language, a past version of
a section, a proposal, a comment or reply, a working document), kept in step by
``services.search_index`` and read by ``selectors.search``.

PostgreSQL searches ``search_vector`` (maintained with the entry's own text search config,
weighted: title A, text B; GIN index) and falls back to trigram similarity for typos. SQLite
searches an FTS5 table (``guidelines_search_fts``, rowid = this row's id) holding stemmed
copies of ``title`` and ``text``; both are created by migration 0021 on their own database only.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .accounts import Delegation
from .documents import Document, Section
from .proposals import Proposal
from .translations import Language

FTS_TABLE = "guidelines_search_fts"


class SearchKind(models.TextChoices):
    """What a search result is, in the order the filter lists them."""

    SECTION = "section", _("section")
    PAST_VERSION = "past_version", _("past section version")
    PROPOSAL = "proposal", _("proposal")
    COMMENT = "comment", _("comment")
    WORKING_DOCUMENT = "working_document", _("working document")


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=SearchKind.choices)
    # The indexed object's id: a section's, a history row's (past versions), a proposal's, a
    # comment's, a working document's.
    object_id = models.PositiveBigIntegerField()
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    proposal = models.ForeignKey(  # a proposal, or the proposal a comment discusses
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, blank=True)
    version = models.PositiveIntegerField(null=True, blank=True)  # a section's, a past version's
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(_("updated at"))
    search_vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "object_id"], name="search_entry_unique"
            ),
        ]
        indexes = [models.Index(fields=["document", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.language})"
