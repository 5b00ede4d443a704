from .accounts import Delegation, User
from .documents import Document, Section, SectionKind
from .safe import Mapping, MappingRelation, Pillar, Standard

__all__ = [
    "Delegation",
    "Document",
    "Mapping",
    "MappingRelation",
    "Pillar",
    "Section",
    "SectionKind",
    "Standard",
    "User",
]
