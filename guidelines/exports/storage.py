"""Where exported files live: Django's storage API (``STORAGES["exports"]``), so that several
app servers and workers can share them (a shared folder, or S3-compatible storage).

On the file system a file appears under its name only once it is complete: it is written to a
hidden temporary file in the same folder, flushed, then renamed. Object stores such as S3 make an
upload visible only when it is complete, so they need nothing more.
"""

import os
import tempfile
import time
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages

PARTIAL_SUFFIX = ".part"


def export_storage():
    return storages["exports"]


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full = Path(self.path(name))
        full.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=full.parent, prefix=".", suffix=PARTIAL_SUFFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, self.file_permissions_mode or 0o644)
            os.replace(temporary, full)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return str(full.relative_to(Path(self.location).resolve())).replace(os.sep, "/")

    def remove_stale_partials(self, *, older_than_seconds: float = 3600) -> int:
        """Delete temporary files left by a worker killed while writing; returns how many."""
        root = Path(self.location)
        if not root.exists():
            return 0
        cutoff = time.time() - older_than_seconds
        removed = 0
        for path in root.rglob(f".*{PARTIAL_SUFFIX}"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed
