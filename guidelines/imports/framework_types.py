"""The values read from a SAFE Framework text file, and its line-numbered errors."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models.translations import Language

MAX_BYTES = 2 * 1024 * 1024
LANGUAGES = {value for value, _label in Language.choices}
SPEC_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")


@dataclass(frozen=True)
class ParsedText:
    """One text of the file: a standard's own text (``spec`` empty) or a specification's."""

    pillar: int
    standard: int
    spec: str
    language: str
    title: str
    body: str
    line: int = field(default=0, compare=False)

    @property
    def code(self) -> str:
        return f"P{self.pillar}.S{self.standard}" + (f" TS {self.spec}" if self.spec else "")


@dataclass(frozen=True)
class ParsedFramework:
    texts: tuple[ParsedText, ...]
    format: str  # "yaml" or "markdown"


@dataclass(frozen=True)
class LineError:
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        if not self.line:
            return self.message
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class FrameworkFileError(Exception):
    def __init__(self, errors: list[LineError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]
