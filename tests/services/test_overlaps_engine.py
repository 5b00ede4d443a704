"""The duplication finder's engine on known pairs."""

from guidelines.services.overlaps_engine import compare, shared_stems, split_passages, text_of

SECTION = """Customs should receive advance electronic cargo information before the goods are \
loaded at the port of departure, so that the risk assessment can be completed in time.

The exporting Customs administration seals high-risk containers with a high-security seal \
and records the seal number in the export declaration.

Both administrations exchange the results of their controls under a mutual recognition \
arrangement, using the Unique Consignment Reference to link the messages."""

# The same text copied into a standard, paragraphs reordered and lightly edited.
STANDARD = """Both Customs administrations should exchange the results of their controls \
under a mutual recognition arrangement, and use the Unique Consignment Reference to link \
their messages.

Advance electronic cargo information should be received by Customs before the goods are \
loaded at the port of departure, so that risk assessment can be completed in time.

The Customs administration of export seals the high-risk containers with a high-security \
seal and records the number of the seal in the export declaration."""

UNRELATED = """Members of the working group elect a chairperson for two years. The meeting \
agenda is circulated six weeks ahead, and the minutes are approved at the next meeting.

Travel of delegates from least developed countries may be funded by the trust fund."""

SECTION_FR = """La douane devrait recevoir les informations électroniques préalables sur le \
fret avant le chargement des marchandises au port de départ, afin que l'évaluation des risques \
soit achevée à temps.

L'administration des douanes d'exportation scelle les conteneurs à haut risque avec un \
scellé de haute sécurité et inscrit le numéro du scellé dans la déclaration d'exportation."""

STANDARD_FR = """L'administration douanière d'exportation scelle les conteneurs à haut \
risque au moyen d'un scellé de haute sécurité et inscrit le numéro de ce scellé dans la \
déclaration d'exportation.

Les informations électroniques préalables sur le fret devraient être reçues par la douane \
avant le chargement des marchandises au port de départ, afin d'achever à temps l'évaluation \
des risques."""


def _score(found, owner, other):
    return next(f.score for f in found if f.owner == owner and f.other == other)


def test_a_section_copied_with_light_edits_and_reordering_scores_high():
    texts = [
        text_of(("section", 1), "en", SECTION),
        text_of(("framework", 1), "en", STANDARD, probe=False),
        text_of(("framework", 2), "en", UNRELATED, probe=False),
    ]
    found = compare(texts)
    assert _score(found, ("section", 1), ("framework", 1)) > 0.6
    assert all(f.other != ("framework", 2) for f in found)  # < the storage floor
    assert all(f.owner != ("framework", 1) for f in found)  # Framework texts do not probe
    best = next(f for f in found if f.other == ("framework", 1))
    assert len(best.passages) == 3
    assert best.passages[0].score >= best.passages[-1].score  # best first
    assert "Unique Consignment Reference" in best.passages[0].theirs


def test_unrelated_texts_score_low():
    texts = [
        text_of(("section", 1), "en", SECTION),
        text_of(("section", 2), "en", UNRELATED),
    ]
    found = compare(texts, floor=0.0)
    assert all(f.score < 0.2 for f in found)


def test_a_french_pair_is_found_and_languages_are_kept_apart():
    texts = [
        text_of(("section", 1), "fr", SECTION_FR),
        text_of(("framework", 1), "fr", STANDARD_FR, probe=False),
        text_of(("framework", 2), "en", STANDARD, probe=False),
    ]
    found = compare(texts)
    assert _score(found, ("section", 1), ("framework", 1)) > 0.6
    assert {f.other for f in found} == {("framework", 1)}
    assert found[0].language == "fr"


def test_section_pairs_have_both_directions_and_only_restricts_to_a_section():
    texts = [
        text_of(("section", 1), "en", SECTION),
        text_of(("section", 2), "en", STANDARD),
        text_of(("section", 3), "en", UNRELATED),
    ]
    every = compare(texts)
    assert {(f.owner, f.other) for f in every} == {
        (("section", 1), ("section", 2)),
        (("section", 2), ("section", 1)),
    }
    only = compare(texts, only={("section", 2)})
    assert {(f.owner, f.other, f.score) for f in only} == {
        (f.owner, f.other, f.score) for f in every
    }
    assert compare(texts, only={("section", 3)}) == []


def test_empty_texts_and_long_paragraphs():
    assert text_of(("section", 1), "en", "") is None
    assert text_of(("section", 1), "en", "   \n\n  ") is None
    long = " ".join(f"Sentence number {i} about customs seals." for i in range(30))
    passages = split_passages([long])
    assert len(passages) > 5 and all(len(p.split()) < 40 for p in passages)
    assert compare([text_of(("section", 1), "en", "the and of")]) == []


def test_shared_stems_fold_accents_and_forms():
    assert {"scel", "conteneur"} <= shared_stems(
        "Les conteneurs scellés", "un conteneur est scellé", "fr"
    )


def test_cross_references_read_as_the_headings_they_name():
    from guidelines.services.overlaps_engine import markdown_paragraphs

    body = "Lodge the declaration in time (see [[advance-declarations]] and [[gone]])."
    headings = {"advance-declarations": "Advance electronic declarations"}
    (paragraph,) = markdown_paragraphs(body, headings)
    assert "[[" not in paragraph
    assert "(see Advance electronic declarations and gone)" in paragraph
    assert "[[advance-declarations]]" in markdown_paragraphs(body)[0]  # without: as written
