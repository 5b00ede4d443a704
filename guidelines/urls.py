from django.urls import path

from .views import api, documents, editing, history, safe

app_name = "guidelines"

S = "documents/<slug:slug>/sections/<slug:key>/"

urlpatterns = [
    path("", documents.document_index, name="home"),
    path("documents/", documents.document_index, name="document_list"),
    path("documents/<slug:slug>/", documents.document_detail, name="document_detail"),
    path("documents/<slug:slug>/coverage/", safe.coverage, name="coverage"),
    path("documents/<slug:slug>/activity/", history.document_activity_view, name="activity"),
    path("documents/<slug:slug>/preview/", editing.section_preview, name="preview"),
    path(S, documents.section_detail, name="section_detail"),
    path(S + "edit/", editing.section_edit, name="section_edit"),
    path(S + "add/", editing.section_add, name="section_add"),
    path(S + "delete/", editing.section_delete_view, name="section_delete"),
    path(S + "structure/", editing.section_structure, name="section_structure"),
    path(S + "history/", history.section_history_view, name="section_history"),
    path(S + "compare/", history.section_compare_view, name="section_compare"),
    path(
        S + "history/<int:history_id>/restore/",
        editing.section_restore_version_view,
        name="section_restore_version",
    ),
    path("safe/", safe.safe_index, name="safe"),
    path("api/documents/", api.api_documents, name="api_documents"),
    path("api/documents/<slug:slug>/", api.api_document, name="api_document"),
]
