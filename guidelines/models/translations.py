"""Translations of a section's heading and text, each recording the English version it
translates, so that a change of the English makes it "out of date" without any extra write."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .documents import Section


class Language(models.TextChoices):
    """The WCO's working languages: the language a proposal or a comment is written in, and
    (French only, ``TRANSLATION_LANGUAGES``) the languages a section is translated into."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


# The English is the source, on ``Section``: a section is translated into the other languages.
TRANSLATION_LANGUAGES = [(Language.FRENCH.value, Language.FRENCH.label)]
TRANSLATION_LANGUAGE_CODES = [code for code, _label in TRANSLATION_LANGUAGES]


def language_of(code: str | None) -> str:
    """The ``Language`` of an interface language code ("fr-ca" → French); English otherwise."""
    base = (code or "").split("-")[0].lower()
    return base if base in Language.values else Language.ENGLISH


class Parity(models.TextChoices):
    """How a translation stands against the current English, in a fixed order."""

    UP_TO_DATE = "up_to_date", _("up to date")
    OUT_OF_DATE = "out_of_date", _("out of date")
    MISSING = "missing", _("missing")


class SectionTranslation(models.Model):
    """The translation of a section into ``language``. ``source_version`` is the English
    ``Section.version`` it translates; ``version`` counts its own saves (its token)."""

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=8, choices=TRANSLATION_LANGUAGES)
    heading = models.CharField(_("heading"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    source_version = models.PositiveIntegerField(_("English version translated"))
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section_id", "language"]
        verbose_name = _("section translation")
        verbose_name_plural = _("section translations")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "language"], name="section_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.heading} ({self.language})"

    def parity(self, english_version: int) -> str:
        if self.source_version >= english_version:
            return Parity.UP_TO_DATE
        return Parity.OUT_OF_DATE
