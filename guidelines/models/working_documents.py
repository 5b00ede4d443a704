"""PTC working documents: the cover note and the annexes the secretariat sends to a meeting."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .documents import Document
from .milestones import Milestone

REFERENCE_PATTERN = r"^PC\d{4}[EF]\d+[a-z]?$"
reference_validator = RegexValidator(
    REFERENCE_PATTERN,
    _(
        "A WCO reference is PC, four digits, the language letter E or F, the version number and "
        "an optional letter, e.g. PC0345E1 or PC0345E1a."
    ),
)


class WorkingDocument(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="working_documents"
    )
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, validators=[reference_validator]
    )
    place_date = models.CharField(
        _("place and date"), max_length=120, help_text=_("e.g. “Brussels, 21 September 2017.”")
    )
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    agenda_item = models.CharField(
        _("agenda item"), max_length=120, help_text=_("e.g. “Item XV on the Agenda”")
    )
    purpose = models.TextField(_("purpose"), blank=True)
    cover_note = models.TextField(
        _("cover note"),
        help_text=_(
            "Markdown. Start each part with a heading line such as “# Background”; "
            "parts are numbered I, II, III and paragraphs 1, 2, 3 … across the parts. "
            "End with “# Action Requested”."
        ),
    )
    # The French edition (…F1): its reference is derived from the English one
    # (rendering/editions.py); an empty field prints the English with a warning on the list.
    place_fr = models.CharField(
        _("place in French"), max_length=80, blank=True, help_text=_("e.g. “Bruxelles”")
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "The French edition prints it in French. Taken from the place and date when a date "
            "can be read there (“21 September 2017”)."
        ),
    )
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    subtitle_fr = models.CharField(_("subtitle in French"), max_length=300, blank=True)
    agenda_item_fr = models.CharField(
        _("agenda item in French"),
        max_length=120,
        blank=True,
        help_text=_("e.g. “Point XV de l’ordre du jour”"),
    )
    purpose_fr = models.TextField(_("purpose in French"), blank=True)
    cover_note_fr = models.TextField(
        _("cover note in French"),
        blank=True,
        help_text=_("Markdown, the parts and paragraphs as in the English cover note."),
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("annexed draft"),
        help_text=_("Empty: the current text."),
    )
    redline_against = models.ForeignKey(
        Milestone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("redlined against"),
        help_text=_("Empty: a clean draft."),
    )
    round = models.ForeignKey(
        "guidelines.ConsultationRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("annex the summary of the consultation round"),
        help_text=_("Empty: no such annex."),
    )
    include_disposition = models.BooleanField(_("annex the disposition table"), default=True)
    include_mappings = models.BooleanField(_("annex the SAFE mapping table"), default=True)
    include_integration = models.BooleanField(
        _("annex the phase-two integration report"), default=False
    )
    line_numbers = models.BooleanField(
        _("number the paragraphs of the draft in the margin"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("working document")
        verbose_name_plural = _("working documents")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        """The English place and date is the source: a date read there is the date."""
        from ..rendering.editions import parse_place_date

        super().clean()
        parsed = parse_place_date(self.place_date)[1]
        if parsed is not None:
            self.date = parsed

    @property
    def french_reference(self) -> str:
        """The French edition's reference (PC0345E1 → PC0345F1), "" if it cannot be derived."""
        from ..rendering.editions import french_reference

        try:
            return french_reference(self.reference)
        except ValueError:
            return ""

    @property
    def french_missing(self) -> list[str]:
        """The French edition's fields that are empty, so print the English (their labels)."""
        from ..rendering.editions import french_missing

        return french_missing(self)
