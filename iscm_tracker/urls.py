from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from guidelines.api import urls as api_urls
from guidelines.permissions import rule
from guidelines.views import accounts

admin.site.site_header = "ISCM Tracker administration"

urlpatterns = [
    path(
        "accounts/login/",
        rule("public")(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("accounts/two-factor/", accounts.two_factor, name="two_factor"),
    path("accounts/two-factor/verify/", accounts.two_factor_verify, name="two_factor_verify"),
    path("accounts/logout/", rule("public_post")(auth_views.LogoutView.as_view()), name="logout"),
    path("i18n/setlang/", rule("public_post")(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls),
    path("", include("guidelines.urls")),
]
