import pytest

from guidelines.rendering.outline import render_outline
from guidelines.selectors.documents import document_tree
from tests.factories import DocumentFactory, SectionFactory


@pytest.mark.django_db
def test_outline_is_nested_numbered_escaped_and_marks_current():
    doc = DocumentFactory()
    chapter = SectionFactory(document=doc, heading="Chapter <b>one</b>", kind="chapter", position=0)
    child = SectionFactory(document=doc, parent=chapter, heading="Child", position=0)
    html = str(
        render_outline(
            document_tree(doc).nodes,
            url_for=lambda k: f"/s/{k}/",
            current_key=child.key,
            counts={child.pk: 2},
            comments={child.pk: 3},
        )
    )
    # Badges say what they count (open ones only), outside the link; no link inside a <summary>.
    assert '</a> <span class="outline-count">2 open proposals</span>' in html
    assert '<span class="outline-count outline-count--comments">3 open comments</span>' in html
    assert "<summary><a" not in html
    # A branch: its toggle first (Tab order = screen order), then its link, then its subsections.
    assert html.index("<summary>") < html.index('<span class="num">1</span>')
    assert html.index('<span class="num">1</span>') < html.index('<span class="num">1.1</span>')
    assert (
        '<li class="branch"><details class="outline-toggle" open><summary>'
        '<span class="visually-hidden">Subsections of 1 Chapter &lt;b&gt;'
    ) in html
    assert '</summary></details><a href="/s/' in html
    assert "Chapter &lt;b&gt;one&lt;/b&gt;" in html
    assert f'href="/s/{child.key}/" aria-current="page"' in html
    assert '<span class="num">1.1</span>' in html


@pytest.mark.django_db
def test_outline_flags_french_out_of_date_or_missing_only_when_given_the_states():
    from guidelines.models import Language
    from guidelines.selectors.translations import translation_states
    from guidelines.services.translations import translation_save
    from tests.factories import UserFactory

    doc = DocumentFactory()
    done = SectionFactory(document=doc, heading="Done", position=0)
    SectionFactory(document=doc, heading="Not yet", position=1)
    translation_save(section=done, language=Language.FRENCH, heading="Fait", body="",
                     source_version=1, expected_version=0, user=UserFactory(role="secretariat"),
                     reason="Traduction")  # fmt: skip
    tree = document_tree(doc)
    states = translation_states(tree, Language.FRENCH)
    html = str(render_outline(tree.nodes, url_for=lambda k: f"/s/{k}/", translations=states))
    assert html.count("FR missing") == 1 and "FR out of date" not in html
    assert html.index("Not yet") < html.index(
        '<span class="outline-count outline-count--translation">FR missing</span>'
    )
    assert "FR missing" not in str(render_outline(tree.nodes, url_for=lambda k: f"/s/{k}/"))


@pytest.mark.django_db
def test_outline_shows_the_translated_headings_and_marks_the_english_ones():
    from guidelines.models import Language
    from guidelines.selectors.readings import document_readings
    from guidelines.services.translations import translation_save
    from tests.factories import UserFactory

    doc = DocumentFactory()
    chapter = SectionFactory(document=doc, heading="Scope", kind="chapter", position=0)
    SectionFactory(document=doc, parent=chapter, heading="Seals", position=0)
    translation_save(section=chapter, language=Language.FRENCH, heading="Champ <d’application>",
                     body="", source_version=chapter.version, expected_version=0,
                     user=UserFactory(role="secretariat"), reason="Traduction")  # fmt: skip
    tree = document_tree(doc)
    html = str(
        render_outline(
            tree.nodes,
            url_for=lambda k: f"/s/{k}/",
            readings=document_readings(tree, Language.FRENCH),
            english_lang="en",
        )
    )
    assert '<span class="heading">Champ &lt;d’application&gt;</span>' in html  # escaped
    assert "Subsections of 1 Champ &lt;d’application&gt;" in html
    assert '<span class="heading"><span lang="en">Seals</span></span>' in html  # no translation
    assert "Scope" not in html
    english = str(render_outline(tree.nodes, url_for=lambda k: f"/s/{k}/"))
    assert '<span class="heading">Scope</span>' in english and 'lang="en"' not in english
