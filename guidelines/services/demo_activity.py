"""Demo proposals and comments for `seed_demo`, made through the same services as in the
browser (so history, attribution and anchors are real)."""

from datetime import date

from ..models import Document, Proposal, Section, Standard, User
from .proposals import proposal_accept, proposal_create, proposal_reject


def seed_demo_proposals(document: Document, report) -> None:
    if Proposal.objects.for_document(document).exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["facilitator", "member-au", "member-cn"])
    }
    if len(users) < 3:
        return
    sections = {s.key: s for s in Section.objects.live().for_document(document)}

    def amend(who: str, key: str, old: str, new: str, rationale: str) -> Proposal | None:
        section = Section.objects.get(pk=sections[key].pk)
        if old not in section.body:
            return None
        return proposal_create(
            user=users[who],
            section=section,
            kind="amend",
            rationale=rationale,
            heading=section.heading,
            body=section.body.replace(old, new),
        )

    accepted = amend(
        "member-au",
        "management-summary",
        "assess risk before loading",
        "assess risk before goods are loaded",
        "Clearer for readers outside the maritime context.",
    )
    if accepted:
        proposal_accept(
            proposal=accepted,
            user=users["facilitator"],
            expected_version=Section.objects.get(pk=accepted.section_id).version,
        )
    amend(
        "member-au",
        "seals",
        "high-security mechanical seals",
        "high-security seals, mechanical or electronic,",
        "Electronic seals are now used by several administrations and should be covered.",
    )
    competing = amend(
        "member-cn",
        "seals",
        "meet the relevant ISO standard",
        "meet ISO 17712",
        "Name the standard so that the requirement can be checked.",
    )
    if competing:
        from .comments import comment_create, comment_reply

        thread = comment_create(
            user=users["member-au"],
            section=competing.section,
            proposal=competing,
            body="Australia supports naming ISO 17712.",
        )
        comment_reply(
            user=users["facilitator"],
            parent=thread,
            body="Noted; both proposals on seals will be taken together.",
        )
    standard = Standard.objects.filter(pillar__number=3, number=3).first()
    if standard and "data-pipeline" in sections:
        proposal_create(
            user=users["member-cn"],
            section=sections["data-pipeline"],
            kind="map_add",
            standard=standard,
            relation="supports",
            rationale="Data pipelines rely on information sharing between agencies.",
        )
    if "annex-data-elements" in sections:
        deletion = proposal_create(
            user=users["member-cn"],
            section=sections["annex-data-elements"],
            kind="delete",
            rationale="The data elements are maintained in the SAFE FoS.",
        )
        proposal_reject(
            proposal=deletion,
            user=users["facilitator"],
            reason="Keep until the SAFE FoS annex has been confirmed.",
        )
    report.add("proposals", Proposal.objects.for_document(document).count())


def seed_demo_comments(document: Document, report) -> None:
    """Two demo threads: one open on a quoted sentence with a reply, one resolved."""
    from ..models import Comment
    from .comments import comment_create, comment_reply, comment_resolve

    if Comment.objects.filter(document=document, proposal__isnull=True).exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["facilitator", "member-au", "member-cn"])
    }
    sections = {s.key: s for s in Section.objects.live().for_document(document)}
    if len(users) < 3 or "risk-assessment" not in sections or "data-pipeline" not in sections:
        return
    sentence = (
        "Low-risk consignments of Authorized Economic Operators should receive the fewest "
        "interventions."
    )
    thread = comment_create(
        user=users["member-au"],
        section=sections["risk-assessment"],
        body="Should this say *how* the interventions are reduced?",
        quote=sentence if sentence in sections["risk-assessment"].body.replace("\n", " ") else "",
    )
    comment_reply(
        user=users["facilitator"],
        parent=thread,
        body="Good point: I will add a reference to the AEO benefits in Pillar 2.",
    )
    done = comment_create(
        user=users["member-cn"],
        section=sections["data-pipeline"],
        body="China can share lessons from its pilot on this.",
    )
    comment_resolve(user=users["facilitator"], thread=done)
    report.add("comment threads", 2)


def seed_demo_milestone(document: Document, report) -> None:
    """A first named draft, taken before the demo proposals are decided (so comparing it with
    the current text shows changes)."""
    from ..models import Milestone
    from .milestones import milestone_create

    facilitator = User.objects.filter(username="facilitator").first()
    if facilitator is None or Milestone.objects.filter(document=document).exists():
        return
    milestone_create(
        document=document,
        user=facilitator,
        name="Draft 1 for the SAFE Review Sub-Group, December 2017",
        description="Structure of the 2018 update with the first drafting text.",
    )
    report.add("milestones")


def seed_demo_round(document: Document, report) -> None:
    """A consultation round on the first draft, open for two weeks, with Australia's "no
    comments" declaration."""
    from datetime import timedelta

    from django.utils import timezone

    from ..models import ConsultationRound, Delegation, Milestone
    from ..models.accounts import DelegationKind
    from .rounds import round_declare_no_comments, round_open

    facilitator = User.objects.filter(username="facilitator").first()
    milestone = Milestone.objects.filter(document=document).order_by("taken_at").first()
    if facilitator is None or milestone is None or ConsultationRound.objects.exists():
        return
    invited = Delegation.objects.exclude(kind=DelegationKind.SECRETARIAT).exclude(
        pk=facilitator.delegation_id
    )
    consultation = round_open(
        user=facilitator,
        document=document,
        milestone=milestone,
        title="Written procedure on Draft 1",
        instructions="Please send your proposals and comments on Draft 1, or declare that you "
        "have none.",
        # the end of the day, two weeks from now, in the secretariat's time zone
        deadline=timezone.localtime().replace(hour=23, minute=59, second=0, microsecond=0)
        + timedelta(days=14),
        delegations=invited,
    )
    member = User.objects.filter(username="member-au").first()
    if member is not None:
        round_declare_no_comments(user=member, consultation=consultation)
    report.add("consultation rounds")


DEMO_COVER_NOTE = """# Background

Earlier sessions of the Permanent Technical Committee (PTC) and of the SAFE Working Group (SWG)
asked for the Customs Guidelines on Integrated Supply Chain Management to be brought up to date,
and entrusted the work to a SAFE Mini-Group led by the Netherlands.

Members noted that much of the integrated approach is now common practice, while some parts,
such as data taken directly from commercial systems, are only beginning to be used.

The Mini-Group was asked to look at the update from three angles:

- aligning the Guidelines with the SAFE Framework of Standards;
- giving practical guidance on implementation;
- drawing on projects and pilots of the past decade.

# Work of the SAFE Mini-Group

The Mini-Group (Australia, Belgium, China, New Zealand, Russian Federation, the Netherlands,
Vietnam and the Global Express Association) worked in ISCM Tracker on a shared draft, with
proposals and comments recorded for each section.

The draft annexed to this document shows the text as agreed so far, with the changes made since
the first draft marked, and the disposition of every proposal received.

# Action Requested

The PTC is invited to take note of the work carried out and to provide guidance on the areas of
the Guidelines that need further work.
"""

DEMO_COVER_NOTE_FR = """# Contexte

Lors de leurs précédentes sessions, le Comité technique permanent (PTC) et le Groupe de travail
SAFE (GTS) ont demandé la mise à jour des Directives douanières sur la gestion intégrée de la
chaîne logistique, et en ont confié la tâche à un mini-groupe SAFE dirigé par les Pays-Bas.

Les Membres ont relevé qu'une grande part de l'approche intégrée est aujourd'hui d'usage courant,
tandis que certains volets, comme les données tirées directement des systèmes commerciaux, ne
font que commencer à être utilisés.

Le mini-groupe a été invité à aborder la mise à jour sous trois angles :

- l'alignement des Directives sur le Cadre de normes SAFE ;
- des orientations pratiques pour la mise en œuvre ;
- les enseignements des projets et projets pilotes de la dernière décennie.

# Travaux du mini-groupe SAFE

Le mini-groupe (Australie, Belgique, Chine, Nouvelle-Zélande, Fédération de Russie, Pays-Bas,
Viet Nam et Global Express Association) a travaillé dans ISCM Tracker sur un projet commun, où
les propositions et les commentaires sont consignés section par section.

Le projet annexé au présent document présente le texte tel qu'il a été arrêté à ce jour, avec
les modifications apportées depuis le premier projet et la suite donnée à chaque proposition
reçue.

# Mesures à prendre

Le PTC est invité à prendre note des travaux menés et à donner des orientations sur les parties
des Directives qui doivent encore être approfondies.
"""


def seed_demo_working_document(document: Document, report) -> None:
    from ..models import Milestone, WorkingDocument
    from .working_documents import working_document_save

    secretariat = User.objects.filter(username="secretariat").first()
    first = Milestone.objects.filter(document=document).order_by("taken_at").first()
    if secretariat is None or WorkingDocument.objects.filter(document=document).exists():
        return
    working_document_save(
        user=secretariat,
        document=document,
        values={
            "reference": "PC0999E1",
            "place_date": "Brussels, 21 September 2017.",
            "title": "Integrated Supply Chain Management (ISCM)",
            "subtitle": "Draft updated ISCM Guidelines",
            "agenda_item": "Item XV on the Agenda",
            "purpose": "",
            "cover_note": DEMO_COVER_NOTE,
            "milestone": None,
            "redline_against": first,
            "include_disposition": True,
            "include_mappings": True,
            # The French edition (PC0999F1); the annexed draft stays in English for now.
            "place_fr": "Bruxelles",
            "date": date(2017, 9, 21),
            "title_fr": "Gestion intégrée de la chaîne logistique (ISCM)",
            "subtitle_fr": "Projet de Directives ISCM mises à jour",
            "agenda_item_fr": "Point XV de l'ordre du jour",
            "cover_note_fr": DEMO_COVER_NOTE_FR,
        },
    )
    report.add("working documents")
