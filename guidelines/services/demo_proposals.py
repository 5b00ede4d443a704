"""Demo proposals for `seed_demo`: open, stale, accepted and rejected ones, made through the
same services as in the browser (so history and attribution are real)."""

from ..models import Document, Proposal, Section, Standard, User
from .proposals import proposal_accept, proposal_create, proposal_reject, proposal_reply


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
        proposal_accept(proposal=accepted, user=users["facilitator"])
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
        proposal_reply(
            proposal=competing, user=users["member-au"], body="Australia supports naming ISO 17712."
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
