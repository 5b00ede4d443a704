"""Reading in French (issue 14): the 300-section document with a French translation of three
sections in four, a third of those then out of date (the English edited since), read with the
interface in English and in French; its French PDF and its bilingual review."""

import statistics
import time

RUNS = 3


def translate_300() -> tuple[int, int]:
    """Translate the document through the service, then edit the English of a third of the
    translated sections: (sections translated, of which out of date)."""
    from guidelines.models import Document, Language, Section, User
    from guidelines.services.sections import section_update
    from guidelines.services.translations import translation_save

    document = Document.objects.get(slug="synthetic-300")
    user = User.objects.get(username="secretariat")
    sections = list(Section.objects.filter(document=document, is_deleted=False).order_by("id"))
    translated = [s for i, s in enumerate(sections) if i % 4]
    for s in translated:
        translation_save(
            section=s, language=Language.FRENCH, heading=f"{s.heading} (fr)",
            body=f"Texte « traduit » : {s.body}", source_version=s.version,
            expected_version=0, user=user, reason="bench",
        )  # fmt: skip
    stale = translated[::3]
    for s in stale:
        s.refresh_from_db()
        section_update(section=s, heading=s.heading, body=f"{s.body} Amended.",
                       base_version=s.version, user=user, reason="bench")  # fmt: skip
    return len(translated), len(stale)


def pages(client, measure) -> list[tuple[str, int, float, float, float]]:
    from django.urls import reverse

    from guidelines.models import SectionTranslation

    stale = next(
        t.section
        for t in SectionTranslation.objects.filter(section__document__slug="synthetic-300")
        .select_related("section")
        .order_by("section_id")
        if t.source_version < t.section.version
    )
    urls = {
        "document page": reverse("guidelines:document_detail", kwargs={"slug": "synthetic-300"}),
        "section page (out of date)": reverse(
            "guidelines:section_detail", kwargs={"slug": "synthetic-300", "key": stale.key}
        ),
    }
    rows = []
    for language in ("en", "fr"):
        client.cookies["django_language"] = language
        for name, url in urls.items():
            queries, cold, median, iqr = measure(client, url)
            rows.append((f"{name}, {language}", queries, cold, median, iqr))
    client.cookies["django_language"] = "en"
    return rows


def exports() -> dict[str, float]:
    """Median seconds of the 300-section PDF made in English and in French, and of the
    bilingual review (PDF and Word), made afresh each time."""
    from guidelines.models import Document
    from guidelines.services.exports import export_file

    document = Document.objects.get(slug="synthetic-300")
    cases = {
        "clean PDF, English": {"variant": "clean", "language": "en"},
        "clean PDF, French": {"variant": "clean", "language": "fr"},
        "bilingual review, PDF": {"variant": "bilingual", "language": "fr"},
        "bilingual review, Word": {"variant": "bilingual", "language": "fr", "fmt": "docx"},
    }
    result = {}
    for name, options in cases.items():
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            export_file(document=document, use_cache=False, **options)
            times.append(time.perf_counter() - start)
        result[name] = statistics.median(times)
    return result
