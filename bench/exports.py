"""PDF of the synthetic documents (300 and 1,000 sections): our total time next to WeasyPrint
alone on the same HTML (both tagged, PDF/UA-1, measured in the same run), a cached re-export,
and peak memory. ``python -m bench pdf [300 1000]`` prints that table alone."""

import resource
import statistics
import time

RUNS = 3


def pages(data: bytes) -> int:
    """Page count from poppler's pdfinfo (0 if it is not installed)."""
    import re
    import shutil
    import subprocess

    if not shutil.which("pdfinfo"):
        return 0
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True).stdout.decode()
    found = re.search(r"^Pages:\s+(\d+)", info, flags=re.M)
    return int(found[1]) if found else 0


def synthetic(sections: int):
    """The ``synthetic-<sections>`` document, created the first time."""
    from guidelines.models import Document
    from guidelines.services.synthetic import synthetic_document_create

    found = Document.objects.filter(slug=f"synthetic-{sections}").first()
    return found or synthetic_document_create(sections=sections)


def measure(sections: int = 300) -> dict:
    from guidelines.exports.context import export_content
    from guidelines.exports.pdf import PdfExporter, render_html_to_pdf
    from guidelines.services.exports import export_file

    document = synthetic(sections)
    html = PdfExporter(export_content(document=document, variant="clean")).html()
    render_html_to_pdf(html)  # warm up: fonts, WeasyPrint import
    totals, floors = [], []
    data = b""
    for _ in range(RUNS):
        start = time.perf_counter()
        data, _hit = export_file(document=document, variant="clean", use_cache=False)
        totals.append(time.perf_counter() - start)
        start = time.perf_counter()
        render_html_to_pdf(html)
        floors.append(time.perf_counter() - start)
    cached = []
    for _ in range(15):
        start = time.perf_counter()
        export_file(document=document, variant="clean")
        cached.append(time.perf_counter() - start)
    total, floor = statistics.median(totals), statistics.median(floors)
    return {
        "pages": pages(data),
        "total_s": total,
        "weasyprint_s": floor,
        "overhead": (total - floor) / floor,
        "cached_ms": statistics.median(cached) * 1000,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def compare_300() -> tuple[float, int]:
    """Document-wide comparison of the 300-section document: a milestone against the text after
    30 sections were edited, 3 added and 3 deleted. Returns (median seconds, changed entries)."""
    import random

    from guidelines.models import Document, Section, User
    from guidelines.selectors.snapshots import document_compare, snapshot_current, snapshot_of
    from guidelines.selectors.versions import structure_version
    from guidelines.services.milestones import milestone_create
    from guidelines.services.sections import section_update
    from guidelines.services.structure import section_delete, section_insert

    document = Document.objects.get(slug="synthetic-300")
    user = User.objects.get(username="facilitator")
    milestone = milestone_create(document=document, name="Bench baseline", user=user)
    rng = random.Random(6)
    sections = list(Section.objects.filter(document=document, parent__isnull=False))
    for s in rng.sample(sections, 30):
        words = s.body.split(" ")
        words[rng.randrange(len(words))] = "edited"
        section_update(
            section=s,
            heading=s.heading,
            body=" ".join(words),
            base_version=s.version,
            user=user,
            reason="bench",
        )
    for s in rng.sample(sections, 3):
        section_insert(
            anchor=s,
            document=document,
            where="after",
            heading="Bench insert",
            body="New.",
            user=user,
            reason="bench",
            expected_version=structure_version(s),
        )
    for s in rng.sample(sections, 3):
        section_delete(section=s, user=user, reason="bench", expected_version=structure_version(s))
    times, changed = [], 0
    for _ in range(5):
        start = time.perf_counter()
        comparison = document_compare(snapshot_of(milestone), snapshot_current(document))
        times.append(time.perf_counter() - start)
        changed = len(comparison.changed_entries)
    return statistics.median(times), changed


def tagging() -> dict:
    """Cost of a tagged PDF (PDF/UA-1: structure tree, language, alt text) against an untagged
    one, on the same HTML of the 300-section document."""
    from guidelines.exports.context import export_content
    from guidelines.exports.pdf import PdfExporter
    from guidelines.models import Document

    document = Document.objects.get(slug="synthetic-300")
    exporter = PdfExporter(export_content(document=document, variant="clean"))
    html = exporter.html()
    result = {}
    for tagged in (False, True):
        times, size = [], 0
        for _ in range(RUNS):
            start = time.perf_counter()
            size = len(exporter.render(html, tagged=tagged))
            times.append(time.perf_counter() - start)
        result["tagged" if tagged else "untagged"] = (statistics.median(times), size)
    return result


def redline_300() -> dict:
    """After ``compare_300``: the credited redline (history read version by version) against the
    plain comparison, and the redline exported as PDF and as Word."""
    from guidelines.exports.context import export_content
    from guidelines.exports.docx import DocxExporter
    from guidelines.exports.pdf import PdfExporter
    from guidelines.models import Document, Milestone
    from guidelines.selectors.redline import document_redline
    from guidelines.selectors.snapshots import document_compare, snapshot_current, snapshot_of

    document = Document.objects.get(slug="synthetic-300")
    milestone = Milestone.objects.get(document=document, name="Bench baseline")
    timings: dict[str, list[float]] = {"compare": [], "redline": [], "pdf": [], "docx": []}
    changes = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        document_compare(snapshot_of(milestone), snapshot_current(document))
        timings["compare"].append(time.perf_counter() - start)
        start = time.perf_counter()
        redline = document_redline(snapshot_of(milestone), snapshot_current(document))
        timings["redline"].append(time.perf_counter() - start)
        changes = sum(1 for e in redline.entries if e.changed)
    content = export_content(document=document, variant="redline", against=milestone)
    for _ in range(RUNS):
        start = time.perf_counter()
        PdfExporter(content).render()
        timings["pdf"].append(time.perf_counter() - start)
        start = time.perf_counter()
        DocxExporter(content).render()
        timings["docx"].append(time.perf_counter() - start)
    return {"changes": changes, **{k: statistics.median(v) for k, v in timings.items()}}


def print_pdf_table(sizes=(300, 1000)) -> None:
    """Our PDF export against WeasyPrint alone on the same HTML, per document size."""
    print(
        f"\n{'PDF (tagged), median of ' + str(RUNS):<26}{'pages':>7}{'total s':>9}"
        f"{'WeasyPrint s':>14}{'ratio':>7}{'target':>8}{'cached ms':>11}{'peak MB*':>10}"
    )
    for n in sizes:
        r = measure(n)
        ratio = r["total_s"] / r["weasyprint_s"]
        print(
            f"{str(n) + ' sections':<26}{r['pages']:>7}{r['total_s']:>9.2f}"
            f"{r['weasyprint_s']:>14.2f}{ratio:>7.2f}{'<= 1.15':>8}{r['cached_ms']:>11.1f}"
            f"{r['peak_mb']:>10.0f}"
        )
    print("* peak memory of this process so far (the rows before included)")
