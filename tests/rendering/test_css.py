from guidelines.rendering.css import css_string


def test_css_string_escapes_anything_that_could_end_the_string():
    assert css_string("PC0345E1a") == '"PC0345E1a"'
    hostile = css_string('x"; } body { display: none } /*')
    assert '"' not in hostile[1:-1] and "{" not in hostile and "}" not in hostile
