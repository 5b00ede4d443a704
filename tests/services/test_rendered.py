import pytest

from guidelines.models import Language
from guidelines.rendering.markdown import (
    forget_in_process,
    render_markdown,
    rendered_count,
    warm,
)
from guidelines.selectors.documents import document_tree
from guidelines.selectors.readings import document_readings
from guidelines.services.overlaps import overlaps_suspended
from guidelines.services.rendered import rendered_fill
from guidelines.services.sections import section_update
from guidelines.services.translations import translation_save
from tests.factories import SectionFactory, UserFactory


def renders_for(pairs) -> int:
    """How many of the texts a worker that just started would have to render."""
    forget_in_process()
    before = rendered_count()
    warm(pairs)
    return rendered_count() - before


@pytest.mark.django_db
def test_saving_a_section_renders_its_new_text_into_the_shared_cache(
    django_capture_on_commit_callbacks,
):
    section = SectionFactory(body="The old text.")
    with django_capture_on_commit_callbacks(execute=True):
        section_update(
            section=section, heading=section.heading, body="The *new* text.",
            base_version=section.version, user=None, reason="Edit",
        )  # fmt: skip
    assert renders_for([("The *new* text.", section.key)]) == 0
    assert renders_for([("The *newer* text.", section.key)]) == 1  # what was not saved: rendered


@pytest.mark.django_db
def test_saving_a_translation_fills_the_cache_under_the_pages_id_prefix(
    django_capture_on_commit_callbacks,
):
    section = SectionFactory(body="English.")
    with django_capture_on_commit_callbacks(execute=True):
        translation_save(
            section=section, language=Language.FRENCH, heading="Titre", body="Le *texte*.",
            source_version=section.version, expected_version=0,
            user=UserFactory(role="secretariat"), reason="Traduction",
        )  # fmt: skip
    reading = document_readings(document_tree(section.document), Language.FRENCH)[section.pk]
    assert renders_for([(reading.body, reading.id_prefix)]) == 0


@pytest.mark.django_db
def test_the_task_fills_what_this_process_already_holds_and_skips_what_is_gone():
    section = SectionFactory(body="Held *here*.")
    warm([(section.body, "elsewhere")])
    render_markdown(section.body, id_prefix=section.key)  # in this process only
    assert rendered_fill(section_id=section.pk) == 0  # stored without rendering again
    assert renders_for([(section.body, section.key)]) == 0
    assert rendered_fill(section_id=10**9, translation_id=10**9) == 0


@pytest.mark.django_db
def test_bulk_writes_schedule_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, overlaps_suspended():
        SectionFactory(body="Seeded.")
    assert callbacks == []
