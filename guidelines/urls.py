from django.urls import path

from .views import api, documents, safe

app_name = "guidelines"

urlpatterns = [
    path("", documents.document_index, name="home"),
    path("documents/", documents.document_index, name="document_list"),
    path("documents/<slug:slug>/", documents.document_detail, name="document_detail"),
    path("documents/<slug:slug>/coverage/", safe.coverage, name="coverage"),
    path(
        "documents/<slug:slug>/sections/<slug:key>/",
        documents.section_detail,
        name="section_detail",
    ),
    path(
        "documents/<slug:slug>/sections/<slug:key>/history/",
        documents.section_history_view,
        name="section_history",
    ),
    path("safe/", safe.safe_index, name="safe"),
    path("api/documents/", api.api_documents, name="api_documents"),
    path("api/documents/<slug:slug>/", api.api_document, name="api_document"),
]
