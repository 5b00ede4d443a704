"""The duplication finder's pages: a section's overlaps, the redundant pairs, the coverage."""

import pytest
from django.urls import reverse

from guidelines.models import Document, FrameworkText, Overlap, Section, Standard
from guidelines.services.framework import framework_text_remove
from guidelines.services.history import save_versioned
from guidelines.services.overlaps import overlaps_recompute
from tests.services.test_overlaps import framework_text
from tests.services.test_overlaps_engine import SECTION, STANDARD

SLUG = "iscm-guidelines"


def overlaps_url(key):
    return reverse("guidelines:section_overlaps", kwargs={"slug": SLUG, "key": key})


PAIRS_URL = reverse("guidelines:overlaps", kwargs={"slug": SLUG})


@pytest.fixture
def copied(seeded):
    """The demo's "seals" section given SECTION, and P1.S6's text a light edit of it with a
    script in it."""
    document = Document.objects.get(slug=SLUG)
    section = Section.objects.get(document=document, key="seals")
    section.body = SECTION
    section.version += 1
    save_versioned(section, user=None, reason="Test")
    standard = Standard.objects.get(pillar__number=1, number=6)
    body = STANDARD.replace(
        "export declaration.", "export declaration `<script>alert(1)</script>`."
    )
    assert body != STANDARD
    framework_text(standard, body)
    overlaps_recompute(document=document)
    return section


@pytest.mark.django_db
def test_section_overlaps_side_by_side(client_for, copied):
    page = client_for("observer").get(overlaps_url("seals")).content.decode()
    assert "P1.S6" in page and "SAFE Framework text" in page
    assert "<mark>seal</mark>" in page or "<mark>seals</mark>" in page
    assert "<mark>Customs</mark>" in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "being recomputed" not in page
    assert "No overlaps found" not in page
    percent = round(Overlap.objects.filter(section=copied).order_by("-score")[0].score * 100)
    assert f"{percent} % similar" in page
    section_page = client_for("observer").get(
        reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": "seals"})
    )
    assert overlaps_url("seals") in section_page.content.decode()


@pytest.mark.django_db
def test_results_older_than_the_text_say_so(client_for, copied):
    Section.objects.filter(pk=copied.pk).update(version=copied.version + 1)
    page = client_for("member").get(overlaps_url("seals")).content.decode()
    assert "being recomputed" in page


@pytest.mark.django_db
def test_no_overlaps_and_no_framework_text(client_for, seeded):
    for text in FrameworkText.objects.live():  # the demo's texts removed: an empty Framework
        framework_text_remove(text=text, user=None, reason="Test")
    Overlap.objects.all().delete()
    page = client_for("member").get(overlaps_url("seals")).content.decode()
    assert "No overlaps found." in page
    assert "No Framework text yet" in page
    assert client_for("member").get(overlaps_url("no-such-key")).status_code == 404


@pytest.mark.django_db
def test_redundant_pairs_above_the_threshold(client_for, copied):
    client = client_for("member")
    page = client.get(PAIRS_URL).content.decode()  # default: 50 %
    assert 'value="50"' in page and "P1.S6" in page
    assert overlaps_url("seals") in page
    page = client.get(PAIRS_URL, {"threshold": "100"}).content.decode()
    assert "No pair at or above this similarity." in page and 'value="100"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["150", "-3", "abc", "12.5"])
def test_a_bad_threshold_says_so_keeps_the_value_and_uses_the_default(client_for, copied, typed):
    page = client_for("member").get(PAIRS_URL, {"threshold": typed}).content.decode()
    assert "50 % is used" in page
    assert f'value="{typed}"' in page and 'aria-invalid="true"' in page
    assert "P1.S6" in page  # the default threshold's pairs


@pytest.mark.django_db
def test_coverage_cells_are_shaded_by_overlap_with_the_score_as_text(client_for, copied):
    page = client_for("member").get(reverse("guidelines:coverage", kwargs={"slug": SLUG}))
    text = page.content.decode()
    score = Overlap.objects.filter(section=copied, framework_text__isnull=False)[0].score
    assert f"Overlap with the standard's text: {round(score * 100)} %" in text
    assert "overlap-4" in text or "overlap-3" in text


@pytest.mark.django_db
def test_finder_pages_have_constant_queries(client_for, copied, django_assert_max_num_queries):
    client = client_for("member")
    with django_assert_max_num_queries(11):
        client.get(overlaps_url("seals"))
    with django_assert_max_num_queries(11):
        client.get(PAIRS_URL, {"threshold": "0"})


@pytest.mark.django_db
def test_redundant_pairs_show_the_section_numbers(client_for, copied):
    page = client_for("member").get(PAIRS_URL).content.decode()
    assert "3.7 Seals" in page
