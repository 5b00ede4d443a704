"""The audit trail as files: CSV (safe to open in a spreadsheet) and JSON."""

import csv
import io
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from ..selectors.audit import AuditEvent
from .disposition import _FORMULA_START


def headings() -> list[str]:
    return [_("When"), _("Who"), _("Username"), _("Delegation"), _("Kind"), _("What"),
            _("Reason"), _("Link")]  # fmt: skip


def _values(event: AuditEvent) -> list[str]:
    return [
        timezone.localtime(event.when).isoformat(), event.who, event.username, event.delegation,
        str(event.kind.label), event.what, event.why, event.link,
    ]  # fmt: skip


def _cell(text: str) -> str:
    """A cell a spreadsheet never runs as a formula: one starting with = + - @ gets a quote."""
    return "'" + text if text[:1] in _FORMULA_START else text


def audit_csv(events: list[AuditEvent]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(out)
    writer.writerow(headings())
    for event in events:
        writer.writerow([_cell(v) for v in _values(event)])
    return out.getvalue()


def audit_json(events: list[AuditEvent]) -> str:
    rows = [
        {
            "when": event.when.isoformat(),
            "who": event.who,
            "username": event.username,
            "delegation": event.delegation,
            "kind": str(event.kind.value),
            "kind_label": str(event.kind.label),
            "what": event.what,
            "why": event.why,
            "link": event.link,
        }
        for event in events
    ]
    return json.dumps({"events": rows}, ensure_ascii=False, indent=1)
