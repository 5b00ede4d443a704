from .accounts import Delegation, User
from .documents import Document, Section, SectionKind
from .proposals import Placement, Proposal, ProposalKind, ProposalReply, ProposalStatus
from .safe import Mapping, MappingRelation, Pillar, Standard

__all__ = [
    "Delegation",
    "Document",
    "Mapping",
    "MappingRelation",
    "Pillar",
    "Placement",
    "Proposal",
    "ProposalKind",
    "ProposalReply",
    "ProposalStatus",
    "Section",
    "SectionKind",
    "Standard",
    "User",
]
