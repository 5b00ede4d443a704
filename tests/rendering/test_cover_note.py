from guidelines.rendering.cover_note import cover_note_parts

NOTE = """# Background

The SWG asked for an update.

The PTC agreed.

- first point;
- second point.

# II. Work of the Mini-Group

6. The group met in September.

# Action Requested

The PTC is invited to take note.
"""


def test_parts_are_roman_and_paragraphs_continue_across_parts():
    parts = cover_note_parts(NOTE)
    assert [(p.number, p.title) for p in parts] == [
        ("I", "Background"),
        ("II", "Work of the Mini-Group"),
        ("III", "Action Requested"),
    ]
    assert [[q.number for q in p.paragraphs] for p in parts] == [[1, 2], [3], [4]]
    second = str(parts[0].paragraphs[1].html)
    assert "The PTC agreed." in second and "<li>second point.</li>" in second  # list stays with it
    assert "6." not in str(parts[1].paragraphs[0].html)  # hand-typed numbers are replaced


def test_text_before_any_heading_is_numbered_too():
    parts = cover_note_parts("An introduction.\n\n# Action Requested\n\nNote it.")
    assert parts[0].number == "" and parts[0].paragraphs[0].number == 1
    assert parts[1].number == "I" and parts[1].paragraphs[0].number == 2
