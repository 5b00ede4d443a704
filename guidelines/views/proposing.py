"""The live redline while proposing: what the member types, against the section's current text
(the text the proposal will be based on), rendered as the proposal page will show it.

One view, one action (a preview; nothing is saved): an htmx request gets the preview fragment,
a plain form post (the "Preview changes" button, without JavaScript) gets the whole Propose page
again with what was typed and the redline, so the form works the same without scripts.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..forms.proposals import ProposalForm
from ..models import Language, ProposalKind, Section
from ..models.translations import language_of
from ..permissions import rule
from ..rendering.proposals import text_redline
from ..selectors.documents import document_get
from ..selectors.history import section_get
from ..selectors.proposals import section_numbers
from ..selectors.rounds import rounds_for_contributor
from ..selectors.translations import state_of, translation_get
from ..services.sections import clean_text, validate_body
from .editing import deleted_page

HEADING_MAX = 300  # the proposal form's limit


def draft_preview(section, heading: str | None, body: str | None) -> dict:
    """What the preview shows: the typed heading and text as a redline against the section's
    current ones, or, for a text the proposal would refuse as too long, that message (nothing
    is compared)."""
    heading, body = clean_text(heading or ""), clean_text(body or "")
    try:
        validate_body(body)
        if len(heading) > HEADING_MAX:
            raise ValidationError(
                _("The heading is longer than %(n)s characters.") % {"n": HEADING_MAX}
            )
    except ValidationError as error:
        return {"draft": None, "preview_error": " ".join(error.messages)}
    limit = settings.LIVE_REDLINE_MAX_BYTES
    if max(len(body.encode()), len(section.body.encode())) > limit:
        # A word diff of two long, very different texts costs seconds of a server's time: not
        # on every pause in typing (the proposal page shows the redline once submitted).
        return {
            "draft": None,
            "preview_note": _(
                "This text is longer than %(n)s KB: its changes are not shown as you type. "
                "Submit the proposal to see them as a redline on its page."
            )
            % {"n": limit // 1024},
        }
    draft = text_redline(
        old_heading=section.heading,
        old_body=section.body,
        heading=heading,
        body=body,
        id_prefix="preview",
    )
    return {"draft": draft}


def french_reference(section) -> dict:
    """In the French interface, the section's French translation (read-only, for reference
    beside the English a proposal amends) and its parity; nothing in the English interface or
    when there is no translation."""
    if language_of(get_language()) != Language.FRENCH:
        return {}
    translation = translation_get(section, Language.FRENCH)
    if translation is None:
        return {}
    state = state_of(section, (translation.source_version, translation.version))
    return {"french": translation, "french_state": state}


def proposal_form_page(
    request: HttpRequest, document, section, *, form: ProposalForm, kind: str, numbers
) -> HttpResponse:
    """The Propose page; an amendment shows what is typed as a redline against the current
    text (``draft_preview``: the same rendering as the live preview and the proposal page)."""
    context = {
        "document": document,
        "section": section,
        "form": form,
        "kind": kind,
        "kind_label": ProposalKind(kind).label,
        "number": numbers.get(section.pk, ""),
        "kinds": ProposalKind.choices,
    }
    if kind == ProposalKind.AMEND:
        context |= draft_preview(section, form["heading"].value(), form["body"].value())
        context |= french_reference(section)
    return render(request, "guidelines/proposal_form.html", context)


@rule("propose_post")
def proposal_preview(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """The redline of an amendment being typed (POST: heading, body). 413 for a text over the
    limit, with the limit's message."""
    document = document_get(slug)
    section = section_get(document, key)
    if section.is_deleted:
        return deleted_page(request, document, section, status=409)
    context = draft_preview(section, request.POST.get("heading"), request.POST.get("body"))
    status = 413 if "preview_error" in context else 200
    if request.htmx:
        return render(request, "guidelines/_proposal_preview.html", context, status=status)
    numbers = section_numbers(document)
    names = ("heading", "body", "rationale", "round", "language")
    typed = {name: request.POST[name] for name in names if name in request.POST}
    form = ProposalForm(
        initial=typed,
        sections=Section.objects.live().for_document(document).exclude(pk=section.pk),
        numbers=numbers,
        rounds=rounds_for_contributor(request.user, document),
    )
    response = proposal_form_page(
        request, document, section, form=form, kind=ProposalKind.AMEND, numbers=numbers
    )
    response.status_code = status
    return response
