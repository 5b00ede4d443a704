"""Readable phase-two dispositions: the one-line summary of a disposition (decided, in the history
or proposed) and the outline's short badge. Plain text: templates escape it."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..models import DispositionChoice

D = DispositionChoice


def _standard(standard) -> str:
    text = f"{standard.code} {standard.title}"
    if standard.is_deleted:
        text += " " + _("(standard removed from the Framework)")
    return text


def disposition_summary(item) -> str:
    """ "Integrate into P1.S6 Advance Electronic Information, as technical specification": a
    ``Disposition``, one of its history rows or a disposition ``Proposal`` (whose duplicated
    section is ``target``)."""
    value = getattr(item, "disposition", "")
    if not value:
        return ""
    standard = getattr(item, "standard", None) if getattr(item, "standard_id", None) else None
    if value == D.INTEGRATE and standard is not None:
        text = _("Integrate into %(standard)s") % {"standard": _standard(standard)}
        if item.integrate_as:
            text += ", " + item.get_integrate_as_display()
        return text
    if value == D.DELETE:
        duplicate = getattr(item, "duplicate_of", None) or getattr(item, "target", None)
        if duplicate is not None:
            text = _("Delete as duplicate of “%(heading)s”") % {"heading": duplicate.heading}
            if duplicate.is_deleted:  # deleted since: the decision needs another look
                text += f" [{_('section deleted')}]"
            return text
        if standard is not None:
            return _("Delete as duplicate of %(standard)s") % {"standard": _standard(standard)}
    return str(D(value).label)


def disposition_badge(item) -> str:
    """The outline's short label: "Integrate: P1.S6", "Keep", "Delete: duplicate", "Discuss"."""
    value = item.disposition
    if value == D.INTEGRATE and item.standard_id:
        text = _("Integrate: %(code)s") % {"code": item.standard.code}
        if item.standard.is_deleted:
            text += " " + _("(standard removed from the Framework)")
        return text
    return {
        D.KEEP: _("Keep"),
        D.DELETE: _("Delete: duplicate"),
        D.DISCUSS: pgettext("phase-two disposition", "Discuss"),
    }.get(value, str(D(value).label))
