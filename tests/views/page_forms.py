"""Read a form off a rendered page, as a browser would send it (hidden version tokens included),
so that a test can post exactly what the page carried after someone else saved meanwhile."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._fields: dict[str, str] | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "option":
            return self._option(attrs)
        if tag == "form":
            self._fields = {}
            self.forms.append((attrs.get("action") or "", self._fields))
        elif self._fields is None or "name" not in attrs:
            return
        elif tag == "input" and attrs.get("type") not in ("submit", "button", "checkbox"):
            self._fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and "checked" in attrs:
            self._fields[attrs["name"]] = attrs.get("value") or "on"
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._fields[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
            self._fields[self._select] = ""

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def _option(self, attrs: dict) -> None:
        if self._select is not None and self._fields is not None and "selected" in attrs:
            self._fields[self._select] = attrs.get("value") or ""

    def handle_data(self, data) -> None:
        if self._textarea is not None and self._fields is not None:
            self._fields[self._textarea] += data

    def handle_endtag(self, tag) -> None:
        if tag == "textarea":
            if self._textarea is not None and self._fields is not None:
                value = self._fields[self._textarea]  # the newline after <textarea> is not data
                self._fields[self._textarea] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._fields = None


def form_data(html: str, action: str, index: int = 0, *, page_url: str = "") -> dict[str, str]:
    """The fields of the ``index``-th form posting to ``action`` (without the CSRF token); a
    form without an action posts to ``page_url``."""
    parser = _Forms()
    parser.feed(html)
    found = [fields for url, fields in parser.forms if (url or page_url) == action]
    assert len(found) > index, f"no form posting to {action}"
    return {k: v for k, v in found[index].items() if k != "csrfmiddlewaretoken"}
