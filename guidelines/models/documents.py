"""Documents and their sections: a tree of versioned records with stable keys."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Document(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def title_in(self, language: str) -> str:
        """The title in ``language``: the French where there is one, otherwise the English."""
        return self.title_fr if language[:2] == "fr" and self.title_fr else self.title

    def description_in(self, language: str) -> str:
        if language[:2] == "fr" and self.description_fr:
            return self.description_fr
        return self.description

    @property
    def shown_title(self) -> str:
        """The title in the active language (the interface's, or an export's)."""
        return self.title_in(get_language() or "en")

    @property
    def shown_description(self) -> str:
        return self.description_in(get_language() or "en")

    @property
    def title_lang(self) -> str:
        """ "en" where a page in another language shows the English title (for ``lang=``)."""
        language = (get_language() or "en")[:2]
        return "en" if language != "en" and self.shown_title == self.title else ""

    @property
    def description_lang(self) -> str:
        language = (get_language() or "en")[:2]
        return "en" if language != "en" and self.shown_description == self.description else ""


class SectionRevision(models.Model):
    """Extra columns of every history row of a section: the proposal it came from, if any, so a
    version is attributed to both the proposer and the person who accepted it."""

    proposal = models.ForeignKey(
        "guidelines.Proposal", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class SectionKind(models.TextChoices):
    FRONT = "front", _("Front matter (unnumbered)")
    PART = "part", _("Part")
    CHAPTER = "chapter", _("Chapter")
    SECTION = "section", _("Section")
    ANNEX = "annex", _("Annex")


class SectionQuerySet(models.QuerySet):
    def live(self) -> "SectionQuerySet":
        return self.filter(is_deleted=False)

    def deleted(self) -> "SectionQuerySet":
        return self.filter(is_deleted=True)

    def for_document(self, document: Document) -> "SectionQuerySet":
        return self.filter(document=document)

    def in_tree_order(self) -> "SectionQuerySet":
        return self.order_by("parent_id", "position", "id")


class Section(models.Model):
    """A node of a document: heading and Markdown body, numbered from its place in the tree.

    ``key`` is given once at creation and never changes, so links, comments and proposals
    survive renumbering and moves. ``version`` counts the real changes (history rows carry it).
    """

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="sections"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position among siblings"), default=0)
    kind = models.CharField(
        _("kind"), max_length=10, choices=SectionKind.choices, default=SectionKind.SECTION
    )
    key = models.SlugField(_("stable key"), max_length=80)
    heading = models.CharField(_("heading"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(bases=[SectionRevision])

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["document_id", "parent_id", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="section_key_unique"),
        ]
        indexes = [models.Index(fields=["document", "parent", "position"])]

    def __str__(self) -> str:
        return self.heading
