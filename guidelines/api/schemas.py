"""What the API answers, as pydantic schemas (the OpenAPI schema is generated from them)."""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Schema

from ..selectors.comments import comment_url


def _absolute(context, name: str, **kwargs) -> str:
    return context["request"].build_absolute_uri(reverse(name, kwargs=kwargs))


class Error(Schema):
    detail: str
    code: str


class Index(Schema):
    documents: str
    schema_: str = Field(alias="schema")


class DocumentItem(Schema):
    slug: str
    title: str
    html_url: str
    api_url: str

    @staticmethod
    def resolve_html_url(obj, context) -> str:
        return _absolute(context, "guidelines:document_detail", slug=obj.slug)

    @staticmethod
    def resolve_api_url(obj, context) -> str:
        return _absolute(context, "api:document", slug=obj.slug)


class MappingOut(Schema):
    pillar: int
    standard: int
    standard_title: str
    relation: str
    note: str


class SectionOut(Schema):
    key: str
    number: str
    heading: str
    kind: str
    body: str
    parent_key: str | None
    depth: int
    version: int
    html_url: str
    mappings: list[MappingOut]


class DocumentOut(Schema):
    slug: str
    title: str
    html_url: str
    milestone: int | None
    sections: list[SectionOut]


class ProposalOut(Schema):
    id: int
    section_key: str
    kind: str
    status: str
    delegation: str
    author: str
    language: str
    rationale: str
    base_version: int | None
    proposed_heading: str
    proposed_body: str
    placement: str
    target_key: str | None
    standard: str | None
    relation: str
    created_at: datetime | None
    decided_at: datetime | None
    html_url: str

    @staticmethod
    def resolve_section_key(obj) -> str:
        return obj.section.key

    @staticmethod
    def resolve_delegation(obj) -> str:
        return obj.delegation.code

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.display_name()

    @staticmethod
    def resolve_target_key(obj) -> str | None:
        return obj.target.key if obj.target_id else None

    @staticmethod
    def resolve_standard(obj) -> str | None:
        if not obj.standard_id:
            return None
        return f"P{obj.standard.pillar.number}.S{obj.standard.number}"

    @staticmethod
    def resolve_html_url(obj, context) -> str:
        slug = context["request"].resolver_match.kwargs["slug"]
        return _absolute(context, "guidelines:proposal_detail", slug=slug, pk=obj.pk)


class CommentOut(Schema):
    id: int
    thread: int | None
    section_key: str
    proposal: int | None
    author: str
    delegation: str | None
    language: str
    body: str
    quote: str
    is_hidden: bool
    is_deleted: bool
    section_version: int | None
    created_at: datetime | None
    edited_at: datetime | None
    resolved_at: datetime | None
    html_url: str

    @staticmethod
    def resolve_thread(obj) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_section_key(obj) -> str:
        return obj.section.key

    @staticmethod
    def resolve_proposal(obj) -> int | None:
        return obj.proposal_id

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.display_name()

    @staticmethod
    def resolve_delegation(obj) -> str | None:
        return obj.delegation.code if obj.delegation_id else None

    @staticmethod
    def resolve_body(obj) -> str:  # a hidden or deleted comment's text: never
        return "" if obj.is_hidden or obj.is_deleted else obj.body

    @staticmethod
    def resolve_quote(obj) -> str:
        return "" if obj.is_hidden or obj.is_deleted else obj.quote

    @staticmethod
    def resolve_html_url(obj, context) -> str:
        return context["request"].build_absolute_uri(comment_url(obj))


class MilestoneOut(Schema):
    id: int
    name: str
    description: str
    taken_at: datetime
    created_by: str | None
    api_url: str

    @staticmethod
    def resolve_created_by(obj) -> str | None:
        return obj.created_by.display_name() if obj.created_by_id else None

    @staticmethod
    def resolve_api_url(obj, context) -> str:
        slug = context["request"].resolver_match.kwargs["slug"]
        url = _absolute(context, "api:document", slug=slug)
        return f"{url}?milestone={obj.pk}"


class ParitySection(Schema):
    key: str
    number: str
    heading: str
    chapter_key: str
    state: str
    english_version: int
    source_version: int | None
    version: int | None


class ParityOut(Schema):
    slug: str
    language: str
    totals: dict[str, int]
    sections: list[ParitySection]
