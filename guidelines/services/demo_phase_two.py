"""Demo phase-two dispositions for ``seed_demo``, made through the same services as in the
browser: member delegations propose dispositions (proposals of kind DISPOSE), the facilitator
accepts some and sets others directly, and two proposals stay open awaiting a decision. So the
phase-two draft, the outline's badges, the coverage matrix and the report show something."""

from ..models import (
    Disposition,
    DispositionChoice,
    Document,
    IntegrateAs,
    Proposal,
    ProposalKind,
    Section,
    Standard,
    User,
)
from ..selectors.phase_two import disposition_version
from .phase_two import disposition_set
from .proposals import proposal_accept, proposal_create

D = DispositionChoice


def seed_demo_dispositions(document: Document, report) -> None:
    """Idempotent: nothing is added once the demo has a disposition or a disposition proposal
    (a database seeded before phase two gets them, once)."""
    proposals = Proposal.objects.for_document(document).filter(kind=ProposalKind.DISPOSE)
    if proposals.exists() or Disposition.objects.filter(section__document=document).exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["facilitator", "member-au", "member-cn"])
    }
    sections = {s.key: s for s in Section.objects.live().for_document(document)}
    standards = {
        (s.pillar.number, s.number): s
        for s in Standard.objects.filter(is_deleted=False).select_related("pillar")
    }
    if len(users) < 3:
        return
    facilitator = users["facilitator"]

    def propose(who: str, key: str, disposition: str, rationale: str, **fields) -> Proposal:
        return proposal_create(
            user=users[who],
            section=sections[key],
            kind=ProposalKind.DISPOSE,
            disposition=disposition,
            rationale=rationale,
            **fields,
        )

    def accept(proposal: Proposal, note: str = "") -> None:
        section = Section.objects.get(pk=proposal.section_id)
        proposal_accept(
            proposal=proposal,
            user=facilitator,
            expected_version=section.version,
            expected_disposition=disposition_version(section),
            note=note,
        )

    def decide(key: str, disposition: str, reason: str, **fields) -> None:
        disposition_set(
            section=sections[key],
            disposition=disposition,
            user=facilitator,
            reason=reason,
            expected_version=disposition_version(sections[key]),
            **fields,
        )

    wanted = {"seals", "mutual-recognition-of-aeo-programmes", "authorized-supply-chain",
              "data-privacy-and-data-protection", "data-pipeline", "risk-assessment",
              "advance-electronic-declarations"}  # fmt: skip
    if not wanted <= sections.keys() or not {(1, 4), (1, 5), (1, 6), (2, 3), (3, 5)} <= set(
        standards
    ):
        return
    # decided on a member's proposal
    accept(
        propose(
            "member-au",
            "seals",
            D.INTEGRATE,
            "The seal requirements are the technical detail of Standard 5 on high-risk "
            "containers; they belong there as a technical specification.",
            standard=standards[(1, 5)],
            integrate_as=IntegrateAs.SPECIFICATION,
        ),  # fmt: skip
        note="Agreed at the Mini-Group's meeting.",
    )
    accept(
        propose(
            "member-cn",
            "mutual-recognition-of-aeo-programmes",
            D.DELETE,
            "Standard 5 of Pillar 3 and the SAFE FoS annex on mutual recognition already say "
            "this; the Guidelines need not repeat it.",
            standard=standards[(3, 5)],
        ),  # fmt: skip
    )
    # set by the facilitator directly
    decide(
        "authorized-supply-chain", D.INTEGRATE,
        "The authorized supply chain explains how to apply the AEO authorization.",
        standard=standards[(2, 3)], integrate_as=IntegrateAs.GUIDANCE,
    )  # fmt: skip
    decide(
        "data-privacy-and-data-protection", D.KEEP,
        "No SAFE standard covers data protection; the guidance stays on its own.",
    )  # fmt: skip
    decide(
        "data-pipeline", D.DISCUSS,
        "New material since 2018: the Mini-Group will discuss where it fits.",
        note="To be discussed with the SAFE Working Group.",
    )  # fmt: skip
    # open, awaiting the facilitator's decision
    propose(
        "member-au", "risk-assessment", D.INTEGRATE,
        "The risk assessment steps are guidance on applying Standard 4.",
        standard=standards[(1, 4)], integrate_as=IntegrateAs.GUIDANCE,
    )  # fmt: skip
    propose(
        "member-cn", "advance-electronic-declarations", D.INTEGRATE,
        "The time limits for advance declarations are an example of Standard 6 in practice.",
        standard=standards[(1, 6)], integrate_as=IntegrateAs.EXAMPLE,
    )  # fmt: skip
    report.add("disposition proposals", 4)
    report.add("dispositions", Disposition.objects.filter(section__document=document).count())
