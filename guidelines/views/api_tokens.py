"""The "API tokens" page: one's personal tokens for the API, made and revoked here."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.api_tokens import ApiTokenForm
from ..permissions import rule
from ..selectors.api_tokens import api_token_of, api_tokens_of
from ..services.api_tokens import api_token_create, api_token_revoke

NEW_TOKEN = "iscm_new_api_token"  # the session key that carries a new token to the next GET


@rule("account")
def token_list(request: HttpRequest) -> HttpResponse:
    """The list, and the form that makes a token. A POST that makes one redirects here
    (a refresh makes no second token); its value is shown once, on that GET, then forgotten."""
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created, plain = api_token_create(
            user=request.user, name=form.cleaned_data["name"], by=request.user,
            reason="Created on the API tokens page.",
        )  # fmt: skip
        request.session[NEW_TOKEN] = {"name": created.name, "plain": plain}
        return redirect("guidelines:api_tokens")
    new = request.session.pop(NEW_TOKEN, None) if request.method == "GET" else None
    context = {
        "form": form,
        "tokens": api_tokens_of(request.user),
        "created": new,
        "plain": new["plain"] if new else None,
        "schema_url": request.build_absolute_uri(reverse("api:openapi-json")),
        "api_root": request.build_absolute_uri("/api/v1/documents/"),
    }
    response = render(request, "guidelines/api_tokens.html", context)
    if new:
        response["Cache-Control"] = "no-store"
    return response


@rule("account_post")
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = api_token_of(request.user, pk)
    if token is None:
        raise Http404(_("No such token."))
    api_token_revoke(token=token, by=request.user, reason="Revoked on the API tokens page.")
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("guidelines:api_tokens")
