"""The SAFE Framework text file: YAML and Markdown parse to the same values; every malformed file
is refused with the line to fix, never a traceback."""

import pytest

from guidelines.imports.framework import MAX_BYTES, FrameworkFileError, parse_framework

KNOWN = {(1, 4), (1, 6), (3, 5)}

YAML = b"""\
standards:
  - pillar: 1
    standard: 6
    title: Advance Electronic Information
    text: |
      Data is lodged in advance.

      A second paragraph.
    specifications:
      - {number: "6.1", title: Time limits, text: "Before loading."}
      - number: 6.10
        title: Tenth
        text: Later.
  - pillar: 3
    standard: 5
    language: fr
    text: Reconnaissance mutuelle.
"""

MARKDOWN = b"""\
## P1.S6 Advance Electronic Information
Data is lodged in advance.

A second paragraph.

### TS 6.1 Time limits
Before loading.
### TS 6.10 Tenth
Later.

## P3.S5 {lang=fr}
Reconnaissance mutuelle.
"""


def parse(data: bytes, filename: str = ""):
    return parse_framework(data, filename=filename, standards=KNOWN)


def errors_of(data: bytes, filename: str = "") -> list[tuple[int, str]]:
    with pytest.raises(FrameworkFileError) as caught:
        parse(data, filename)
    return [(e.line, e.message) for e in caught.value.errors]


def test_yaml_and_markdown_parse_to_the_same_values():
    from_yaml = parse(YAML, "framework.yaml")
    from_markdown = parse(MARKDOWN, "framework.md")
    assert from_yaml.format == "yaml" and from_markdown.format == "markdown"
    assert from_yaml.texts == from_markdown.texts
    first = from_yaml.texts[0]
    assert (first.pillar, first.standard, first.spec, first.language) == (1, 6, "", "en")
    assert first.body == "Data is lodged in advance.\n\nA second paragraph."
    assert [t.spec for t in from_yaml.texts] == ["", "6.1", "6.10", ""]
    assert from_yaml.texts[-1].language == "fr"
    assert [t.line for t in from_markdown.texts] == [1, 6, 8, 11]
    assert [t.line for t in from_yaml.texts] == [2, 10, 11, 14]


def test_the_format_is_recognised_without_a_file_name():
    assert parse(YAML).format == "yaml"
    assert parse(MARKDOWN).format == "markdown"


@pytest.mark.parametrize(
    "data,line,fragment",
    [
        (b"standards:\n  - {pillar: 1, standard: 9, text: x}\n", 2, "no standard P1.S9"),
        (b"standards:\n  - {pillar: 1, text: x}\n", 2, "\u201cstandard\u201d is missing"),
        (b"standards:\n  - {standard: 6, text: x}\n", 2, "\u201cpillar\u201d is missing"),
        (b"standards:\n  - {pillar: 1, standard: 6,\n     text: x, colour: red}\n", 3, "colour"),
        (b"standards:\n  - {pillar: 1, standard: 6, text: [a]}\n", 2, "must be text"),
        (b"standards:\n  - {pillar: 1, standard: 6, text: 12}\n", 2, "must be text"),
        (b"standards:\n  - {pillar: one, standard: 6, text: x}\n", 2, "whole number"),
        (b"standards:\n\n  - {pillar: 1, standard: 6, text: x, language: de}\n", 3, "de"),
        (b"standards:\n- {pillar: 1, standard: 6, text: x}\n- {pillar: 1, standard: 6, text: y}",
         3, "already given on line 2"),
        (b"standards:\n  - {pillar: 1\n", 3, "not valid YAML"),
        (b"standards:\n  - &a {pillar: 1, standard: 6, text: x}\n  - *a\n", 2, "aliases"),
        (b"a: &a [1]\nb: &b [*a, *a]\nstandards: []\n", 1, "aliases"),
        (b"# comment\nstandards:\n  - {pillar: 1, standard: 6, text: \"\xff\xfe\"}\n", 3,
         "not UTF-8"),
        (b"- a\n- b\n", 1, "mapping with the key"),
        (b"standards: 3\n", 1, "must be a list"),
        (b"standards:\n  - {pillar: 1, standard: 6, title: Only a title}\n", 2,
         "neither text nor specifications"),
        (b"standards:\n  - pillar: 1\n    standard: 6\n    specifications:\n      - {title: x}\n",
         5, "\u201cnumber\u201d is missing"),
    ],
)  # fmt: skip
def test_a_malformed_yaml_file_gives_the_line(data, line, fragment):
    found = errors_of(data, "f.yaml")
    assert any(n == line and fragment in message for n, message in found), found


@pytest.mark.parametrize(
    "text,line,fragment",
    [
        ("Intro text\n## P1.S6 Title\nx\n", 1, "before the first standard"),
        ("## P1.S6\nx\n\n## P1.S99 Missing\ny\n", 4, "no standard P1.S99"),
        ("## P1.S6\nx\n## Introduction\n", 3, "not a standard's heading"),
        ("## P1.S6\nx\n### Notes\ny\n", 3, "not a specification's heading"),
        ("### TS 6.1 Early\nx\n", 1, "must come after its standard"),
        ("## P1.S6\nx\n## P1.S4\ny\n## P1.S6\nz\n", 5, "already given on line 1"),
        ("## P1.S6 {lang=de}\nx\n", 1, "unknown language"),
        ("## P1.S6 Title\n\n## P1.S4\ny\n", 1, "neither text nor specifications"),
        ("## P1.S6\nx\n### TS 6.1 A\ny\n### TS 6.1 B\nz\n", 5, "already given on line 3"),
    ],
)
def test_a_malformed_markdown_file_gives_the_line(text, line, fragment):
    found = errors_of(text.encode(), "f.md")
    assert any(n == line and fragment in message for n, message in found), found


@pytest.mark.parametrize(
    "data,name,line,fragment",
    [
        (b"## P1.S6 T\nx\n### TS 6.1 Spec\n\n### TS 6.2 B\ny\n", "f.md", 3,
         "P1.S6 TS 6.1 has no text."),
        (b"## P1.S6 T\nx\n### TS 6.1\n \x00\n", "f.md", 3, "P1.S6 TS 6.1 has no text."),
        (b"## P1.S6 T\n\x00\n", "f.md", 1, "P1.S6 has no text."),
        (b"standards:\n  - pillar: 1\n    standard: 6\n    specifications:\n"
         b"      - {number: '6.1', title: T, text: ''}\n", "f.yaml", 5, "TS 6.1 has no text."),
        (b"standards:\n  - pillar: 1\n    standard: 6\n    specifications:\n"
         b"      - {number: '6.1'}\n", "f.yaml", 5, "TS 6.1 has no text."),
        (b"## P1.S6 T\nx\n### TS " + b"1" * 30 + b" T\nbody\n", "f.md", 3,
         "is over 20 characters"),
        (b"## P1.S6 " + b"a" * 301 + b"\nbody\n", "f.md", 1,
         "the title is 301 characters long; the limit is 300."),
        (b"## P1.S6 T\nx\n### TS 6.1 " + b"a" * 400 + b"\nbody\n", "f.md", 3,
         "the limit is 300"),
        (b"standards:\n  - pillar: 1\n    standard: 6\n    title: " + b"a" * 400
         + b"\n    text: x\n", "f.yaml", 2, "the title is 400 characters long"),
        (b"standards:\n  - pillar: 1\n    standard: 6\n    text: x\n    specifications:\n"
         b"      - {number: '6.1', title: " + b"a" * 400 + b", text: y}\n", "f.yaml", 6,
         "the limit is 300"),
    ],
)  # fmt: skip
def test_what_the_service_would_refuse_is_refused_with_the_line(data, name, line, fragment):
    found = errors_of(data, name)
    assert any(n == line and fragment in message for n, message in found), found


def test_a_text_over_the_size_limit_is_refused_with_the_line(settings):
    settings.SECTION_BODY_MAX_BYTES = 1024
    found = errors_of(b"## P1.S6\nshort\n## P1.S4\n" + b"x" * 2048 + b"\n", "f.md")
    assert found == [(3, "the text is 2 KB; the limit is 1 KB.")]


def test_control_characters_are_dropped_as_the_service_does():
    (text,) = parse(b"## P1.S6 T\x00itle\nA\x00B\n", "f.md").texts
    assert (text.title, text.body) == ("Title", "AB")


@pytest.mark.parametrize(
    "data,fragment",
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"standards: []\n", "holds no standard"),
        (b"# only a comment\n", "empty"),
    ],
)
def test_an_empty_framework_text_is_refused_with_a_clear_message(data, fragment):
    found = errors_of(data, "f.yaml")
    assert any(fragment in message for _line, message in found), found


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    assert "MB" in errors_of(b"x" * (MAX_BYTES + 1))[0][1]


def test_crlf_and_a_byte_order_mark_are_accepted():
    data = b"\xef\xbb\xbf" + MARKDOWN.replace(b"\n", b"\r\n")
    assert parse(data, "f.md").texts == parse(MARKDOWN, "f.md").texts


def test_a_message_names_the_line():
    with pytest.raises(FrameworkFileError) as caught:
        parse(b"standards:\n  - {pillar: 1, standard: 9, text: x}\n", "f.yaml")
    assert caught.value.messages == ["Line 2: there is no standard P1.S9 in the Framework."]


@pytest.mark.django_db
def test_removed_standards_are_unknown_to_the_import():
    from tests.factories import StandardFactory

    live = StandardFactory()
    removed = StandardFactory(pillar=live.pillar, number=live.number + 1, is_deleted=True)
    ok = f"## P{live.pillar.number}.S{live.number}\nx\n".encode()
    assert len(parse_framework(ok, filename="f.md").texts) == 1
    bad = f"## P{removed.pillar.number}.S{removed.number}\nx\n".encode()
    with pytest.raises(FrameworkFileError):
        parse_framework(bad, filename="f.md")
