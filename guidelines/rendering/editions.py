"""The English and French editions of a PTC working document: the French reference derived from
the English one (PC0345E1 → PC0345F1), the date line in either language ("Brussels, 21 September
2017." / "Bruxelles, le 21 septembre 2017"), and which French fields fall back to the English."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from .cover_note import agenda_line

LANGUAGES = ("en", "fr")
# PC0345E1, PC0345E1a, PC01234E1, PC0345E1-Rev1, PC0345E1/Rev.1: the E after the number.
_ENGLISH_REFERENCE = re.compile(r"^(PC\d{4,5})E(\d+\S*)$")
_FRENCH_REFERENCE = re.compile(r"^PC\d{4,5}F\d+\S*$")
_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split(),
        start=1,
    )
}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DATE = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)"
    r"\s+(\d{4})\b"
)
# The places the WCO meets at most, in French; others are typed in the French fields.
PLACES_FR = {"Brussels": "Bruxelles", "Geneva": "Genève", "The Hague": "La Haye"}


def french_reference(reference: str) -> str:
    """PC0345E1 → PC0345F1 (PC0345E1a → PC0345F1a); a reference that is already French is
    returned as it is. ``ValueError`` for anything that is not an English or French WCO
    reference."""
    reference = (reference or "").strip()
    if _FRENCH_REFERENCE.fullmatch(reference):
        return reference
    found = _ENGLISH_REFERENCE.match(reference)
    if found is None:
        raise ValueError(f"{reference!r} is not a WCO reference ending in E and a number")
    return f"{found[1]}F{found[2]}"


def parse_place_date(text: str) -> tuple[str, date | None]:
    """ "Brussels, 21 September 2017." → ("Brussels", date(2017, 9, 21)); also "21 Sept. 2017,
    Brussels" or "Brussels 21 September 2017": the place is what is left once the date is taken
    out. The date is None where none can be read (the place is then the text before the first
    comma)."""
    text = (text or "").strip().rstrip(".")
    for found in _DATE.finditer(text):
        day, month = (found[1], found[2]) if found[1] else (found[4], found[3])
        number = _MONTHS.get(month.lower().rstrip("."))
        if number is None:
            continue
        try:
            when = date(int(found[5]), number, int(day))
        except ValueError:
            continue
        place = f"{text[: found.start()]} {text[found.end() :]}"
        return re.sub(r"\s+", " ", place).strip(" ,;.–-"), when
    return (text.split(",", 1)[0].strip() if "," in text else ""), None


def french_date(value: date) -> str:
    """ "21 septembre 2017", "1er octobre 2017" (Django's French month names)."""
    with translation.override("fr"):
        month_year = formats.date_format(value, "F Y")
    return f"{'1er' if value.day == 1 else value.day} {month_year}"


@dataclass(frozen=True)
class Edition:
    """What the cover of one edition prints (values; the French fall back to the English)."""

    language: str
    reference: str
    place_date: str
    title: str
    subtitle: str
    agenda: str  # the cover's "(Item XV on the Agenda)" line, or ""
    purpose: str  # Markdown
    cover_note: str  # Markdown
    missing: tuple[str, ...] = ()  # French fields printed in English (their labels)
    dated: date | None = None  # the date its date line prints, where known
    langs: dict = field(default_factory=dict)  # field name → "en" where the English stands in

    def typeset(self, name: str) -> bool:
        """Whether the field is in the edition's language (so gets its typography)."""
        return name not in self.langs


def french_missing(working) -> list[str]:
    """The French fields that are empty although the English is not (labels, for the
    "French edition incomplete" warning)."""
    place, parsed = parse_place_date(working.place_date)
    pairs = (
        (_("reference in French"), working.french_reference, working.reference),
        (_("place in French"), working.place_fr or PLACES_FR.get(place), place),
        (_("date"), working.date or parsed, True),
        (_("title in French"), working.title_fr, working.title),
        (_("subtitle in French"), working.subtitle_fr, working.subtitle),
        (_("agenda item in French"), working.agenda_item_fr, working.agenda_item),
        (_("purpose in French"), working.purpose_fr, working.purpose),
        (_("cover note in French"), working.cover_note_fr, working.cover_note),
    )
    return [str(label) for label, french, english in pairs if english and not french]


def edition_of(working, language: str = "en") -> Edition:
    """The English edition as typed, or the French one (reference …F1, French date line and
    fields, each falling back to the English where empty)."""
    if language != "fr":
        return Edition(
            "en",
            working.reference,
            working.place_date,
            working.title,
            working.subtitle,
            agenda_line(working.agenda_item, title=working.title, subtitle=working.subtitle),
            working.purpose,
            working.cover_note,
            dated=working.date,
        )
    try:
        reference = french_reference(working.reference)
    except ValueError:
        reference = working.reference
    place, parsed = parse_place_date(working.place_date)
    place_fr = working.place_fr or PLACES_FR.get(place, place)
    when = working.date or parsed
    if when is not None:
        place_date = f"{place_fr}, le {french_date(when)}" if place_fr else french_date(when)
    else:
        place_date = working.place_date
    title = working.title_fr or working.title
    subtitle = working.subtitle_fr or working.subtitle
    english = {
        "title": working.title_fr,
        "subtitle": working.subtitle_fr,
        "agenda": working.agenda_item_fr,
        "purpose": working.purpose_fr,
        "cover_note": working.cover_note_fr,
    }
    return Edition(
        "fr",
        reference,
        place_date,
        title,
        subtitle,
        agenda_line(working.agenda_item_fr or working.agenda_item, title=title, subtitle=subtitle),
        working.purpose_fr or working.purpose,
        working.cover_note_fr or working.cover_note,
        missing=tuple(french_missing(working)),
        langs={name: "en" for name, french in english.items() if not french},
        dated=when,
    )
