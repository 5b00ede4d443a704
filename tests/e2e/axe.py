"""axe-core in the browser tests: run it on the page shown and fail on serious or critical
violations, with a message naming the rule, its help text and the first elements concerned.

axe-core comes from npm (package.json at the repository root; `make install-dev` runs `npm ci`).
It is evaluated through the DevTools protocol (Playwright's ``page.evaluate``), which our CSP
does not govern: the production CSP stays as it is. Without node_modules/axe-core the tests
fail in CI (CI=true) and are skipped elsewhere, as for a missing Chromium.
"""

import os
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SERIOUS = {"serious", "critical"}


def axe_source() -> str:
    if not AXE_JS.exists():
        message = f"axe-core not found at {AXE_JS} (run `make install-dev` or `npm ci`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text(encoding="utf-8")


def serious_violations(page, source: str, open_details: bool = True) -> list[dict]:
    """axe's serious and critical violations on the page shown (loads axe if needed). Every
    ``<details>`` is opened first, so that forms folded away (reply, decide...) are checked too."""
    if open_details:
        page.evaluate(
            "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"
        )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # A function body, so that the UMD wrapper sets window.axe (no module system here).
        page.evaluate("() => {" + source + "\n}")
    results = page.evaluate(
        "(tags) => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        RULES,
    )
    return [v for v in results["violations"] if v.get("impact") in SERIOUS]


def describe(where: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:3]]
        more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
        summary = (v["nodes"][0].get("failureSummary") or "").splitlines()
        lines.append(
            f"{where}: [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} element(s))\n"
            f"    at {'; '.join(targets)}{more}\n"
            f"    first: {summary[-1].strip() if summary else ''}\n"
            f"    see {v.get('helpUrl', '')}"
        )
    return "\n".join(lines)
