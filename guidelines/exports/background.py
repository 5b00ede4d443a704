"""Long exports in the background: the request answers at once with a progress page, a worker
thread renders into the export cache, and the page fetches the file when it is there."""

import logging
import threading
from pathlib import Path

from django.db import close_old_connections

from .cache import cache_dir

log = logging.getLogger(__name__)
_running: set[str] = set()
_lock = threading.Lock()


def error_path(key: str) -> Path:
    return cache_dir() / f"{key}.error"


def state(key: str, suffix: str) -> str:
    """ "ready", "failed" or "working"."""
    if (cache_dir() / f"{key}.{suffix}").exists():
        return "ready"
    if error_path(key).exists():
        return "failed"
    return "working"


def start(key: str, job) -> None:
    """Run ``job()`` (which writes the cache file) once per key in a daemon thread."""
    with _lock:
        if key in _running:
            return
        _running.add(key)
        error_path(key).unlink(missing_ok=True)

    def work() -> None:
        try:
            job()
        except Exception as error:  # noqa: BLE001  (reported on the progress page)
            log.exception("export %s failed", key)
            error_path(key).write_text(str(error)[:500], encoding="utf-8")
        finally:
            with _lock:
                _running.discard(key)
            close_old_connections()

    threading.Thread(target=work, name=f"iscm-export-{key[:8]}", daemon=True).start()
