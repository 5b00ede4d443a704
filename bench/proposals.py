"""Proposals at scale: list and disposition table with 2,000 proposals; a section page with
50 open proposals, each rendered as a word-level redline."""

import random

from django.urls import reverse


def run(client, measure) -> list[tuple[str, int, float, float, float]]:
    from guidelines.models import Document, Proposal, Section, User

    document = Document.objects.get(slug="synthetic-300")
    author = User.objects.get(username="member-au")
    sections = list(Section.objects.filter(document=document))
    rng = random.Random(4)
    statuses = ["open", "accepted", "rejected", "withdrawn"]
    proposals = []
    for n in range(2000):
        s = rng.choice(sections)
        words = s.body.split(" ")
        words[rng.randrange(len(words))] = "amended"
        proposals.append(
            Proposal(
                document=document,
                section=s,
                kind="amend",
                author=author,
                delegation_id=author.delegation_id,
                rationale=f"Rationale number {n} for the change.",
                base_version=s.version,
                base_heading=s.heading,
                base_body=s.body,
                proposed_heading=s.heading,
                proposed_body=" ".join(words),
                status="rejected" if n % 7 == 0 else rng.choice(statuses),
            )
        )
    busy = sections[-1]
    for n in range(50):
        words = busy.body.split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = f"change{n}"
        proposals.append(
            Proposal(
                document=document,
                section=busy,
                kind="amend",
                author=author,
                delegation_id=author.delegation_id,
                rationale=f"Busy section proposal {n}.",
                base_version=busy.version,
                base_heading=busy.heading,
                base_body=busy.body,
                proposed_heading=busy.heading,
                proposed_body=" ".join(words),
                status="open",
            )
        )
    Proposal.objects.filter(section=busy).update(status="withdrawn")
    Proposal.objects.bulk_create(proposals)
    kwargs = {"slug": document.slug}
    section_url = reverse("guidelines:section_detail", kwargs={**kwargs, "key": busy.key})
    return [
        (
            "proposal list (2,050)",
            *measure(client, reverse("guidelines:proposal_list", kwargs=kwargs)),
        ),
        ("disposition table", *measure(client, reverse("guidelines:disposition", kwargs=kwargs))),
        ("section, 50 open proposals", *measure(client, section_url)),
    ]
