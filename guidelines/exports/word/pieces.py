"""The runs of one Word paragraph as plain values, and how their whitespace is settled.

HTML collapses runs of whitespace and drops it at the ends of a paragraph; Word keeps every
space it is given. A redline paragraph is read two ways in Word: with the insertions only
("Accept all") and with the deletions only ("Reject all"). :func:`settle` keeps exactly the spaces
each reading needs, once, between words, and never at either end, so that both readings are the
two texts as HTML would lay them out, and the clean export (which has no changes) is settled the
same way.
"""

import re
from dataclasses import dataclass, replace

TEXT, BREAK, TAB, IMAGE = "text", "break", "tab", "image"
INS, DEL = "ins", "del"


@dataclass(frozen=True)
class Piece:
    text: str = ""
    kind: str = TEXT  # TEXT | BREAK | TAB | IMAGE
    change: str | None = None  # None | INS | DEL
    by: tuple[int, ...] = ()
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    code: bool = False
    sup: bool = False
    sub: bool = False
    link: str | None = None
    image: bytes | None = None
    field: str | None = None  # a field's instruction ("REF _Ref_… \\h"); ``text``: its result

    def visible(self, view: str) -> bool:
        return self.change is None or self.change == view


def _is_space(char: str) -> bool:
    return char in " \t\n\r\f\v"


_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def _settle_unchanged(pieces: list[Piece]) -> list[Piece]:
    """The same as :func:`settle` for a paragraph without changes, faster: HTML's rule."""
    out: list[Piece] = []
    after_space = True
    for piece in pieces:
        if piece.kind != TEXT:
            out.append(piece)
            after_space = False
            continue
        text = _SPACES.sub(" ", piece.text)
        if after_space and text.startswith(" "):
            text = text[1:]
        if text:
            out.append(replace(piece, text=text))
            after_space = text.endswith(" ")
    while out and out[-1].kind == TEXT and out[-1].text.endswith(" "):
        trimmed = out[-1].text.rstrip(" ")
        if trimmed:
            out[-1] = replace(out[-1], text=trimmed)
            break
        out.pop()
    return out


def settle(pieces: list[Piece]) -> list[Piece]:
    """Whitespace made right for both readings of the paragraph (see the module docstring)."""
    if all(p.change is None for p in pieces):
        return _settle_unchanged(pieces)
    chars: list[tuple[int, str]] = []  # (piece index, character); non-text pieces as "\0"
    for index, piece in enumerate(pieces):
        if piece.kind == TEXT:
            chars.extend((index, c) for c in piece.text)
        else:
            chars.append((index, "\0"))
    views = (INS, DEL)
    later = {view: [False] * len(chars) for view in views}  # a word follows, in that reading
    for view in views:
        seen = False
        for k in range(len(chars) - 1, -1, -1):
            later[view][k] = seen
            index, char = chars[k]
            if pieces[index].visible(view) and not _is_space(char):
                seen = True
    after_space = dict.fromkeys(views, True)  # the paragraph starts "after a space"
    kept: list[tuple[int, str, str | None]] = []  # (piece index, char, change)
    for k, (index, char) in enumerate(chars):
        piece = pieces[index]
        if not _is_space(char):
            for view in views:
                if piece.visible(view):
                    after_space[view] = False
            kept.append((index, char, piece.change))
            continue
        shown = [
            view
            for view in views
            if piece.visible(view) and not after_space[view] and later[view][k]
        ]
        for view in shown:
            after_space[view] = True
        if len(shown) == 2:
            kept.append((index, " ", None))
        elif shown:
            kept.append((index, " ", shown[0]))
    return _rebuild(pieces, kept)


def _nearest_credit(pieces: list[Piece], index: int, change: str) -> tuple[int, ...]:
    for distance in range(1, len(pieces)):
        for at in (index - distance, index + distance):
            if 0 <= at < len(pieces) and pieces[at].change == change:
                return pieces[at].by
    return ()


def _rebuild(pieces: list[Piece], kept: list[tuple[int, str, str | None]]) -> list[Piece]:
    """Pieces again from the kept characters: one per run of characters from the same piece with
    the same change, neighbours of equal formatting joined."""
    groups: list[tuple[int, str | None, list[str]]] = []
    for index, char, change in kept:
        if groups and groups[-1][0] == index and groups[-1][1] == change:
            groups[-1][2].append(char)
        else:
            groups.append((index, change, [char]))
    out: list[Piece] = []
    for index, change, chars in groups:
        piece = pieces[index]
        if piece.kind != TEXT:
            out.append(piece)
            continue
        if change != piece.change:
            piece = replace(piece, change=change, by=_nearest_credit(pieces, index, change))
        piece = replace(piece, text="".join(chars))
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == TEXT
            and replace(last, text="") == replace(piece, text="")
        ):
            out[-1] = replace(last, text=last.text + piece.text)
        else:
            out.append(piece)
    return out


def reading(pieces: list[Piece], view: str) -> str:
    """The paragraph's text in one reading (INS: after "Accept all", DEL: after "Reject all")."""
    return "".join(p.text for p in pieces if p.kind == TEXT and p.visible(view))


def whole_change(pieces: list[Piece]) -> str | None:
    """INS or DEL when every word of the paragraph is inserted (or deleted): its paragraph mark
    is then tracked too, so that rejecting (or accepting) removes the paragraph itself."""
    words = [p for p in pieces if p.kind != TEXT or p.text.strip()]
    if not words:
        return None
    changes = {p.change for p in words}
    return changes.pop() if len(changes) == 1 and None not in changes else None


def attach_breaks(pieces: list[Piece]) -> list[Piece]:
    """A line break between words of one change belongs to it (a hard break in a paragraph
    inserted or deleted whole), so that the paragraph leaves nothing behind."""
    out = list(pieces)
    for index, piece in enumerate(pieces):
        if piece.kind != BREAK or piece.change is not None:
            continue
        near = [
            next((p for p in side if p.kind != BREAK and (p.kind != TEXT or p.text.strip())), None)
            for side in (reversed(pieces[:index]), pieces[index + 1 :])
        ]
        changes = {p.change for p in near if p is not None}
        if len(changes) == 1 and None not in changes:
            donor = next(p for p in near if p is not None)
            out[index] = replace(piece, change=donor.change, by=donor.by)
    return out
