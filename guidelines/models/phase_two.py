"""Phase two: the SAFE Framework's own text, the overlaps the duplication finder found between it
and the Guidelines (and between sections), and each section's decided phase-two disposition.

The proposal of a disposition is a ``Proposal`` of kind ``ProposalKind.DISPOSE`` (fields
``disposition``, ``integrate_as``, ``standard`` for the target standard and ``target`` for the
section it duplicates); accepting it writes the section's ``Disposition``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .documents import Document, Section
from .safe import Standard
from .translations import Language


class FrameworkTextQuerySet(models.QuerySet):
    def live(self) -> "FrameworkTextQuerySet":
        return self.filter(is_deleted=False, standard__is_deleted=False)


class FrameworkText(models.Model):
    """A piece of the SAFE Framework's text in one language: the text of a standard itself
    (``spec`` empty) or of one of its technical specifications (``spec`` its number, e.g.
    "1.2"). Written by the secretariat (admin, or the import of a YAML/Markdown file); every
    change is a history row with who and why."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="texts"
    )
    spec = models.CharField(
        _("technical specification"), max_length=20, blank=True,
        help_text=_("Empty for the standard's own text; otherwise the number, such as 1.2."),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=300, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    body = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_deleted = models.BooleanField(_("removed"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = FrameworkTextQuerySet.as_manager()

    class Meta:
        ordering = ["standard__pillar__number", "standard__number", "spec", "language"]
        verbose_name = _("SAFE Framework text")
        verbose_name_plural = _("SAFE Framework texts")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "spec", "language"],
                condition=models.Q(is_deleted=False),
                name="framework_text_unique_live",
            ),
        ]

    def __str__(self) -> str:
        code = self.standard.code + (f" TS {self.spec}" if self.spec else "")
        return f"{code} ({self.language})"


class OverlapSource(models.TextChoices):
    FRAMEWORK = "framework", _("SAFE Framework text")
    SECTION = "section", _("another section")


class Overlap(models.Model):
    """What the duplication finder found for one section in one language: a Framework text or
    another section saying the same thing. Written only by the finder's task (a recomputation
    replaces a section's rows); never edited by hand, so it has no history."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="overlaps")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="overlaps")
    language = models.CharField(max_length=8, choices=Language.choices)
    source = models.CharField(max_length=10, choices=OverlapSource.choices)
    framework_text = models.ForeignKey(
        FrameworkText, on_delete=models.CASCADE, null=True, blank=True, related_name="overlaps"
    )
    other_section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(_("similarity"))  # 0..1
    # [{"mine": str, "theirs": str, "score": float}, ...] best first: the passages that overlap
    passages = models.JSONField(default=list)
    section_version = models.PositiveIntegerField()  # the version of the text compared
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["section_id", "-score", "id"]
        indexes = [
            models.Index(fields=["document", "score"]),
            models.Index(fields=["section", "score"]),
        ]

    def __str__(self) -> str:
        other = self.framework_text_id or self.other_section_id
        return f"{self.section_id} ~ {other}: {self.score:.2f}"


class DispositionChoice(models.TextChoices):
    INTEGRATE = "integrate", _("Integrate into a SAFE standard")
    KEEP = "keep", _("Keep as stand-alone guidance")
    DELETE = "delete", _("Delete as duplicate")
    DISCUSS = "discuss", _("Needs discussion")


class IntegrateAs(models.TextChoices):
    SPECIFICATION = "spec", _("as technical specification")
    EXAMPLE = "example", _("as annex example")
    GUIDANCE = "guidance", _("as implementation guidance")


class Disposition(models.Model):
    """The decided phase-two disposition of a section (one per section; every change, with who
    decided and why, is a history row). ``standard``: the target standard (integrate) or the
    standard it duplicates (delete); ``duplicate_of``: the section it duplicates (delete)."""

    section = models.OneToOneField(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="disposition"
    )
    disposition = models.CharField(
        _("disposition"), max_length=10, choices=DispositionChoice.choices
    )
    integrate_as = models.CharField(
        _("integrate as"), max_length=10, choices=IntegrateAs.choices, blank=True
    )
    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="dispositions",
    )  # fmt: skip
    duplicate_of = models.ForeignKey(
        Section, verbose_name=_("duplicate of"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    note = models.TextField(_("note"), blank=True)
    proposal = models.ForeignKey(
        "guidelines.Proposal", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phase-two disposition")
        verbose_name_plural = _("phase-two dispositions")

    def __str__(self) -> str:
        return f"{self.section}: {self.get_disposition_display()}"
