"""Demo French translations for ``seed_demo``, written fresh for the demo (not the WCO's text),
saved through the translators' service so their history is real. Every parity state shows:
some sections are up to date, two are out of date (one because the seed then edits the
English, one because a demo proposal is accepted into it afterwards), the rest are missing."""

from ..models import Document, Language, Proposal, Section, SectionTranslation, User
from ..rendering.reasons import SEED_REASON
from .sections import section_update
from .translations import translation_save

NBSP, NNBSP = "\u00a0", "\u202f"  # before « : » and inside « », before « ; ? ! »

FRENCH: dict[str, tuple[str, str]] = {
    "foreword": (
        "Avant-propos",
        "Les menaces qui pèsent sur la chaîne logistique internationale ont changé la façon "
        "dont travaille la douane. Les contrôles doivent protéger la société sans arrêter le "
        "commerce légitime à chaque frontière.\n\n"
        "Les présentes Directives décrivent comment les administrations des douanes peuvent "
        "relier leurs contrôles, du point d’exportation au point d’importation, afin que les "
        "marchandises circulent de manière sûre et rapide.",
    ),
    # Translated from version 1: the demo proposal accepted afterwards makes it out of date.
    "management-summary": (
        "Synthèse",
        "La gestion intégrée de la chaîne logistique considère le mouvement des marchandises "
        "comme **un processus continu** plutôt que comme deux événements distincts à la "
        "frontière. Les administrations échangent des données électroniques préalables, "
        "évaluent le risque avant le chargement et reconnaissent mutuellement leurs "
        "contrôles.\n\n"
        f"La synthèse ci-dessous présente les principaux éléments{NBSP}:\n\n"
        f"- les informations électroniques préalables sur les envois{NNBSP};\n"
        f"- une approche commune de l’évaluation du risque{NNBSP};\n"
        "- la coopération entre administrations à l’exportation et à l’importation.",
    ),
    "integrated-customs-control-procedures": (
        "Procédures de contrôle douanier intégré",
        "Ce chapitre suit un envoi à l’exportation, en transit et à l’importation, et décrit "
        "les étapes de contrôle que chaque administration accomplit ainsi que les données "
        "qu’elle partage.",
    ),
    "export-procedures": (
        "Procédures à l’exportation",
        "L’exportateur ou son représentant dépose une déclaration d’exportation avant le "
        "chargement des marchandises. Le bureau d’exportation vérifie la déclaration, applique "
        "son évaluation du risque et, si nécessaire, examine les marchandises avant leur "
        "départ.",
    ),
    "transit-procedures": (
        "Procédures de transit",
        "Lorsque les marchandises traversent un ou plusieurs pays avant d’atteindre leur "
        "destination, la déclaration de transit reprend les données d’exportation. Les scellés "
        "apposés au départ sont vérifiés à chaque passage de frontière au lieu d’être "
        "remplacés.",
    ),
    # Translated, then the seed edits the English below: out of date.
    "import-procedures": (
        "Procédures à l’importation",
        "L’administration d’importation reçoit les données préalables, les compare avec ses "
        "propres renseignements et décide si l’envoi peut obtenir la mainlevée dès son arrivée "
        "ou s’il doit être retenu pour examen.",
    ),
    "risk-assessment": (
        "Évaluation du risque",
        "Chaque administration évalue le risque au moyen d’une sélectivité automatisée et des "
        "renseignements que ses partenaires lui communiquent. Les envois à faible risque des "
        f"opérateurs économiques agréés («{NBSP}OEA{NBSP}») devraient faire l’objet du moins "
        "d’interventions possible.",
    ),
}

ENGLISH_EDIT = (
    "import-procedures",
    "be held for examination.",
    "be held for examination. The decision is recorded against the Unique Consignment "
    "Reference, so that the exporting administration can see it.",
    "Say where the release decision is recorded.",
)


def seed_demo_translations(document: Document, report) -> None:
    """The French translations above, each once (a section translated already is left as it
    is, never a second translation); then, on a fresh demo only, one edit of the English.

    Idempotent: on an already seeded database, including one seeded before there were
    translations, it writes no English version. The English edit is made only when the
    translation it makes out of date was written by this run and the demo's proposals are
    not there yet (they are seeded after the translations: a database that has them was
    seeded before)."""
    users = {
        u.username: u for u in User.objects.filter(username__in=["secretariat", "facilitator"])
    }
    if len(users) < 2:
        return
    translated = set(
        SectionTranslation.objects.filter(
            section__document=document, language=Language.FRENCH
        ).values_list("section_id", flat=True)
    )
    fresh = not Proposal.objects.for_document(document).exists()
    sections = {s.key: s for s in Section.objects.live().for_document(document)}
    written = set()
    for key, (heading, body) in FRENCH.items():
        section = sections.get(key)
        if section is None or section.pk in translated:
            continue
        translation_save(
            section=section, language=Language.FRENCH, heading=heading, body=body,
            source_version=section.version, expected_version=0, user=users["secretariat"],
            reason=SEED_REASON,
        )  # fmt: skip
        written.add(key)
        report.add("translations")
    key, old, new, reason = ENGLISH_EDIT
    section = sections.get(key)
    if fresh and key in written and old in section.body and new not in section.body:
        section = Section.objects.get(pk=section.pk)
        section_update(
            section=section, heading=section.heading, body=section.body.replace(old, new),
            base_version=section.version, user=users["facilitator"], reason=reason,
        )  # fmt: skip
