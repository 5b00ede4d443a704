from django.urls import path, register_converter

from .api import aliases as api_aliases
from .models.translations import TRANSLATION_LANGUAGE_CODES
from .views import (
    api_tokens,
    audit,
    comments,
    decisions,
    documents,
    editing,
    exports,
    framework,
    history,
    integration,
    markdown_editor,
    milestones,
    outbox,
    overlaps,
    phase_two,
    proposals,
    proposing,
    references,
    rounds,
    safe,
    search,
    translations,
    word_imports,
    workqueue,
)


class ExportFormat:
    regex = "pdf|docx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "fmt")


class ReportFormat(ExportFormat):
    regex = "csv|xlsx|docx|pdf"


register_converter(ReportFormat, "reportfmt")


class LanguageCode:
    """A language sections are translated into (not English, the source); any other is a 404."""

    regex = "|".join(TRANSLATION_LANGUAGE_CODES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageCode, "lang")


app_name = "guidelines"

S = "documents/<slug:slug>/sections/<slug:key>/"
P = "documents/<slug:slug>/proposals/<int:pk>/"
C = "documents/<slug:slug>/comments/<int:pk>/"
J = "documents/<slug:slug>/exports/<int:pk>/"
R = "documents/<slug:slug>/rounds/<int:pk>/"
W = "documents/<slug:slug>/imports/<int:pk>/"

urlpatterns = [
    path("", documents.document_index, name="home"),
    path("documents/", documents.document_index, name="document_list"),
    path("documents/<slug:slug>/", documents.document_detail, name="document_detail"),
    path("documents/<slug:slug>/outline/", documents.outline_fragment, name="outline_fragment"),
    path("documents/<slug:slug>/coverage/", safe.coverage, name="coverage"),
    path("documents/<slug:slug>/overlaps/", overlaps.redundant_pairs_view, name="overlaps"),
    path(
        "documents/<slug:slug>/phase-two/report.<reportfmt:fmt>",
        integration.integration_report_file,
        name="integration_report",
    ),
    path("documents/<slug:slug>/activity/", history.document_activity_view, name="activity"),
    path("documents/<slug:slug>/preview/", editing.section_preview, name="preview"),
    path("documents/<slug:slug>/text-preview/", markdown_editor.text_preview, name="text_preview"),
    path(
        "documents/<slug:slug>/comment-preview/",
        markdown_editor.comment_preview,
        name="comment_preview",
    ),
    path(
        "documents/<slug:slug>/section-links/",
        markdown_editor.section_links,
        name="section_links",
    ),
    path("documents/<slug:slug>/references/", references.references, name="references"),
    path(
        "documents/<slug:slug>/references/convert/",
        references.typed_reference_convert_view,
        name="typed_reference_convert",
    ),
    path(S, documents.section_detail, name="section_detail"),
    path(S + "edit/", editing.section_edit, name="section_edit"),
    path(S + "add/", editing.section_add, name="section_add"),
    path(S + "delete/", editing.section_delete_view, name="section_delete"),
    path(S + "structure/", editing.section_structure, name="section_structure"),
    path(S + "history/", history.section_history_view, name="section_history"),
    path(S + "overlaps/", overlaps.section_overlaps_view, name="section_overlaps"),
    path(S + "compare/", history.section_compare_view, name="section_compare"),
    path(
        S + "history/<int:history_id>/restore/",
        editing.section_restore_version_view,
        name="section_restore_version",
    ),
    path(
        S + "translate/<lang:language>/",
        translations.section_translate,
        name="section_translate",
    ),
    path(
        "documents/<slug:slug>/translations/",
        translations.document_translations,
        name="translations",
    ),
    path(
        "documents/<slug:slug>/translations/bilingual.<fmt:fmt>",
        exports.translations_export,
        name="translations_export",
    ),
    path(S + "propose/", proposals.proposal_new, name="proposal_new"),
    path(S + "propose/preview/", proposing.proposal_preview, name="proposal_preview"),
    path("documents/<slug:slug>/proposals/", proposals.proposal_index, name="proposal_list"),
    path("documents/<slug:slug>/disposition/", proposals.disposition, name="disposition"),
    path(P, proposals.proposal_detail, name="proposal_detail"),
    path(P + "accept/", decisions.proposal_accept, name="proposal_accept"),
    path(
        P + "accept-with-changes/",
        decisions.proposal_accept_changes,
        name="proposal_accept_changes",
    ),
    path(P + "reject/", decisions.proposal_reject, name="proposal_reject"),
    path(P + "withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path(P + "comment/", comments.proposal_comment_create, name="proposal_comment_create"),
    path(S + "comment/", comments.comment_create, name="comment_create"),
    path(S + "follow/", comments.section_follow, name="section_follow"),
    path(C + "reply/", comments.comment_reply, name="comment_reply"),
    path(C + "state/", comments.comment_state, name="comment_state"),
    path(C + "edit/", comments.comment_edit, name="comment_edit"),
    path(C + "delete/", comments.comment_delete, name="comment_delete"),
    path(C + "hide/", comments.comment_hide, name="comment_hide"),
    path(C + "history/", comments.comment_history_page, name="comment_history"),
    path("inbox/", comments.comment_inbox, name="inbox"),
    path("todo/", workqueue.todo, name="todo"),
    path("todo/seen/", workqueue.todo_all_seen, name="todo_all_seen"),
    path("todo/proposals/<int:pk>/seen/", workqueue.todo_proposal_seen, name="todo_proposal_seen"),
    path("todo/threads/<int:pk>/seen/", workqueue.todo_thread_seen, name="todo_thread_seen"),
    path("notifications/", workqueue.notification_list, name="notifications"),
    path("notifications/read/", workqueue.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/open/", workqueue.notification_open, name="notification_open"),
    path("account/tokens/", api_tokens.token_list, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", api_tokens.token_revoke, name="api_token_revoke"),
    path("account/notifications/", comments.notification_settings, name="notification_settings"),
    path("documents/<slug:slug>/milestones/", milestones.milestone_list, name="milestones"),
    path("documents/<slug:slug>/milestones/new/", milestones.milestone_new, name="milestone_new"),
    path(
        "documents/<slug:slug>/compare/", milestones.document_compare_view, name="document_compare"
    ),
    path("documents/<slug:slug>/export.<fmt:fmt>", exports.document_export, name="document_export"),
    path("documents/<slug:slug>/review.docx", word_imports.review_export, name="review_export"),
    path("documents/<slug:slug>/imports/", word_imports.word_import_new, name="word_import_new"),
    path(W, word_imports.word_import_detail, name="word_import_detail"),
    path(f"{W}submit/", word_imports.word_import_submit_view, name="word_import_submit"),
    path(f"{W}discard/", word_imports.word_import_discard_view, name="word_import_discard"),
    path("documents/<slug:slug>/ptc/", exports.working_document_list, name="working_documents"),
    path(
        "documents/<slug:slug>/ptc/new/", exports.working_document_edit, name="working_document_new"
    ),
    path(
        "documents/<slug:slug>/ptc/<int:pk>/",
        exports.working_document_edit,
        name="working_document_edit",
    ),
    path(
        "documents/<slug:slug>/ptc/<int:pk>/export.<fmt:fmt>",
        exports.working_document_export,
        name="working_document_export",
    ),
    path("documents/<slug:slug>/exports/", exports.export_job_index, name="export_jobs"),
    path(J, exports.export_job_detail, name="export_job"),
    path(J + "status/", exports.export_job_status, name="export_job_status"),
    path(J + "download/", exports.export_job_download, name="export_job_download"),
    path("documents/<slug:slug>/rounds/", rounds.round_index, name="rounds"),
    path("documents/<slug:slug>/rounds/new/", rounds.round_new, name="round_new"),
    path(R, rounds.round_detail, name="round_detail"),
    path(R + "declare/", rounds.round_declare, name="round_declare"),
    path(R + "update/", rounds.round_update, name="round_update"),
    path(R + "summary.csv", rounds.round_summary_csv, name="round_summary_csv"),
    path("audit/", audit.audit_trail, name="audit"),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/retry/", outbox.outbox_retry, name="outbox_retry"),
    path("safe/", safe.safe_index, name="safe"),
    path("safe/import/", framework.framework_import_page, name="framework_import"),
    path(
        "safe/texts/<int:pk>/history/",
        framework.framework_text_history_page,
        name="framework_text_history",
    ),
    # Phase two: dispositions (integrate, keep, delete as duplicate, discuss) and the draft
    path(S + "phase-two/", phase_two.section_phase_two, name="section_phase_two"),
    path(S + "phase-two/propose/", phase_two.disposition_propose, name="disposition_propose"),
    path(S + "phase-two/set/", phase_two.disposition_set_view, name="disposition_set"),
    path("documents/<slug:slug>/phase-two/", phase_two.phase_two_draft_view, name="phase_two"),
    path("search/", search.search_page, name="search"),
    *api_aliases,  # the first API's paths (guidelines/api/__init__.py)
]
