from guidelines.rendering.merge import three_way_merge

BASE = "Customs checks the export declaration before loading. Seals are applied at departure."


def test_non_overlapping_changes_merge_cleanly():
    ours = BASE.replace("checks", "verifies")  # the facilitator's later edit
    theirs = BASE.replace("at departure", "at the place of loading")  # the proposal
    result = three_way_merge(BASE, ours, theirs)
    assert result.clean
    assert result.text == (
        "Customs verifies the export declaration before loading. "
        "Seals are applied at the place of loading."
    )


def test_overlapping_changes_are_conflicts_and_nothing_is_merged():
    ours = BASE.replace("export declaration", "export data")
    theirs = BASE.replace("export declaration", "advance declaration")
    result = three_way_merge(BASE, ours, theirs)
    assert not result.clean and result.text is None
    [conflict] = result.conflicts
    assert "declaration" in conflict.base
    assert "data" in conflict.ours and "advance" in conflict.theirs


def test_insertions_at_the_same_place_conflict():
    ours = BASE.replace("Seals", "High-security seals")
    theirs = BASE.replace("Seals", "Mechanical seals")
    assert not three_way_merge(BASE, ours, theirs).clean


def test_same_change_on_both_sides_is_taken_once():
    changed = BASE.replace("checks", "verifies")
    result = three_way_merge(BASE, changed, changed)
    assert result.clean and result.text == changed


def test_unchanged_sides():
    theirs = BASE + " New sentence."
    assert three_way_merge(BASE, BASE, theirs).text == theirs
    assert three_way_merge(BASE, theirs, BASE).text == theirs


def test_paragraph_added_and_word_changed_elsewhere():
    base = "First paragraph here.\n\nSecond paragraph here."
    ours = "First paragraph here.\n\nSecond paragraph there."
    theirs = "Intro added.\n\nFirst paragraph here.\n\nSecond paragraph here."
    result = three_way_merge(base, ours, theirs)
    assert result.text == "Intro added.\n\nFirst paragraph here.\n\nSecond paragraph there."


def test_accents_and_cjk():
    base = "Les données 海关监管 sont protégées."
    ours = base.replace("protégées", "sécurisées")
    theirs = base.replace("监管", "检查")
    assert three_way_merge(base, ours, theirs).text == "Les données 海关检查 sont sécurisées."


def test_changes_to_neighbouring_words_conflict():
    ours = BASE.replace("export declaration", "export data")
    theirs = BASE.replace("export declaration", "advance declaration")
    assert not three_way_merge(BASE, ours, theirs).clean
