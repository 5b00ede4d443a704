"""PDF of the 300-section synthetic document: our total time next to WeasyPrint alone on the same
HTML (measured in the same run), a cached re-export, and peak memory."""

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


def measure() -> dict:
    from guidelines.exports.context import export_content
    from guidelines.exports.files import export_file
    from guidelines.exports.pdf import PdfExporter, render_html_to_pdf
    from guidelines.models import Document

    document = Document.objects.get(slug="synthetic-300")
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
