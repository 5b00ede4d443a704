"""The French edition of a working document: reference, date line, fields and fallbacks."""

from datetime import date

import pytest

from guidelines.models import WorkingDocument
from guidelines.rendering.editions import (
    edition_of,
    french_date,
    french_missing,
    french_reference,
    parse_place_date,
)


@pytest.mark.parametrize(
    ("english", "french"),
    [("PC0345E1", "PC0345F1"), ("PC0345E12", "PC0345F12"), ("PC0345E1a", "PC0345F1a"),
     ("PC0345F1", "PC0345F1"), ("PC0345E1-Rev1", "PC0345F1-Rev1"),
     ("PC0345E1/Rev.1", "PC0345F1/Rev.1"), ("PC01234E1", "PC01234F1")],
)  # fmt: skip
def test_french_reference(english, french):
    assert french_reference(english) == french


@pytest.mark.parametrize("bad", ["", "PC0345", "PC0345E", "XX0345E1", "PC0345E1 ", "PC0345X1"])
def test_french_reference_refuses_what_is_not_an_english_reference(bad):
    if bad.strip() == "PC0345E1":
        assert french_reference(bad) == "PC0345F1"  # surrounding spaces are not part of it
        return
    with pytest.raises(ValueError):
        french_reference(bad)


@pytest.mark.parametrize(
    ("text", "place", "when"),
    [
        ("Brussels, 21 September 2017.", "Brussels", date(2017, 9, 21)),
        ("Brussels, 1st October 2018", "Brussels", date(2018, 10, 1)),
        ("Geneva, March 3, 2019", "Geneva", date(2019, 3, 3)),
        ("Brussels, 31 February 2017", "Brussels", None),
        ("sometime", "", None),
        ("21 September 2017, Brussels", "Brussels", date(2017, 9, 21)),
        ("Brussels 21 September 2017", "Brussels", date(2017, 9, 21)),
        ("Brussels, 1 Oct 2017", "Brussels", date(2017, 10, 1)),
        ("Brussels, 21 Sept. 2017", "Brussels", date(2017, 9, 21)),
    ],
)
def test_parse_place_date(text, place, when):
    assert parse_place_date(text) == (place, when)


def test_french_date_months_and_first_of_the_month():
    assert french_date(date(2017, 9, 21)) == "21 septembre 2017"
    assert french_date(date(2018, 2, 1)) == "1er février 2018"
    assert french_date(date(2018, 8, 15)) == "15 août 2018"


def _working(**values):
    fields = {
        "reference": "PC0345E1",
        "place_date": "Brussels, 21 September 2017.",
        "title": "Integrated Supply Chain Management",
        "agenda_item": "Item III on the Agenda",
        "cover_note": "# Background\n\nText.",
    }
    return WorkingDocument(**(fields | values))


def test_french_edition_falls_back_to_the_english_and_says_which():
    edition = edition_of(_working(), "fr")
    assert edition.reference == "PC0345F1"
    assert edition.place_date == "Bruxelles, le 21 septembre 2017"
    assert edition.title == "Integrated Supply Chain Management"
    assert edition.agenda == "(Item III on the Agenda)"
    assert edition.missing == ("title in French", "agenda item in French", "cover note in French")


def test_french_edition_uses_its_fields():
    working = _working(
        title_fr="Gestion intégrée de la chaîne logistique",
        agenda_item_fr="Point III de l'ordre du jour",
        cover_note_fr="# Historique\n\nTexte.",
        place_fr="Genève",
        date=date(2017, 12, 1),
    )
    edition = edition_of(working, "fr")
    assert edition.place_date == "Genève, le 1er décembre 2017"
    assert edition.agenda == "(Point III de l'ordre du jour)"
    assert edition.cover_note.startswith("# Historique")
    assert french_missing(working) == []


def test_english_edition_is_as_typed():
    edition = edition_of(_working(), "en")
    assert (edition.reference, edition.place_date) == ("PC0345E1", "Brussels, 21 September 2017.")


def test_the_date_follows_the_english_place_and_date_where_it_can_be_read():
    working = _working(date=date(2016, 1, 1))
    working.clean()
    assert working.date == date(2017, 9, 21)
    unreadable = _working(place_date="Bruxelles, le 3 mars 2019.", date=date(2019, 3, 3))
    unreadable.clean()
    assert unreadable.date == date(2019, 3, 3)  # kept: nothing to read in the text


def test_a_reference_that_cannot_be_made_french_is_reported_missing():
    working = _working(reference="WCO-2017-ISCM")
    assert "reference in French" in french_missing(working)
    assert edition_of(working, "fr").reference == "WCO-2017-ISCM"
