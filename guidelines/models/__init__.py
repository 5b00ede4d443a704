from .accounts import Delegation, NotifyMode, User
from .api_tokens import ApiToken
from .audit import AccountChange, AppendOnlyError, LoginEvent, LoginOutcome
from .comments import Comment, Notification, NotificationKind, SectionFollow
from .documents import Document, Section, SectionKind
from .jobs import ACTIVE_STATUSES, ExportFailure, ExportFormat, ExportJob, ExportStage, ExportStatus
from .milestones import Milestone
from .phase_two import (
    Disposition,
    DispositionChoice,
    FrameworkText,
    IntegrateAs,
    Overlap,
    OverlapSource,
)
from .proposals import Placement, Proposal, ProposalKind, ProposalStatus
from .rounds import (
    ConsultationRound,
    RoundDeclaration,
    RoundReminder,
    RoundStatus,
)
from .safe import Mapping, MappingRelation, Pillar, Standard
from .search import SearchEntry, SearchKind
from .translations import Language, Parity, SectionTranslation
from .word_imports import WordImport, WordImportStatus
from .working_documents import WorkingDocument
from .workqueue import QueueSeen

__all__ = [
    "ApiToken",
    "AccountChange",
    "AppendOnlyError",
    "LoginEvent",
    "LoginOutcome",
    "ACTIVE_STATUSES",
    "Comment",
    "ConsultationRound",
    "RoundDeclaration",
    "RoundReminder",
    "RoundStatus",
    "Delegation",
    "Notification",
    "NotificationKind",
    "NotifyMode",
    "SectionFollow",
    "Disposition",
    "DispositionChoice",
    "Document",
    "FrameworkText",
    "IntegrateAs",
    "Overlap",
    "OverlapSource",
    "ExportFailure",
    "ExportFormat",
    "ExportJob",
    "ExportStage",
    "ExportStatus",
    "Language",
    "Mapping",
    "Milestone",
    "MappingRelation",
    "Pillar",
    "Parity",
    "Placement",
    "Proposal",
    "QueueSeen",
    "ProposalKind",
    "ProposalStatus",
    "SearchEntry",
    "SearchKind",
    "Section",
    "SectionKind",
    "SectionTranslation",
    "Standard",
    "User",
    "WorkingDocument",
    "WordImport",
    "WordImportStatus",
]
