"""French typography: narrow no-break spaces before ; : ! ? » and after «, in text only."""

import pytest

from guidelines.rendering.typography import NNBSP, french_spacing, french_typography_html

N = NNBSP


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Note : le texte", f"Note{N}: le texte"),
        ("Note: le texte", f"Note{N}: le texte"),
        ("Vraiment ?", f"Vraiment{N}?"),
        ("Vraiment ?!", f"Vraiment{N}?!"),
        ("Oui; non", f"Oui{N}; non"),
        ("Oui\u00a0; non", f"Oui{N}; non"),
        (f"Déjà{N}: fait", f"Déjà{N}: fait"),  # not doubled
        ("Alors  :  oui", f"Alors{N}:  oui"),
        ("« Bonjour »", f"«{N}Bonjour{N}»"),
        ("«Bonjour»", f"«{N}Bonjour{N}»"),
        ("«  œuvre  »", f"«{N}œuvre{N}»"),
        ("à 12:30 précises", "à 12:30 précises"),
        ("voir https://www.wcoomd.org/fr:a?b=1 !", f"voir https://www.wcoomd.org/fr:a?b=1{N}!"),
        ("écrire à copyright@wcoomd.org.", "écrire à copyright@wcoomd.org."),
        ("(?)", "(?)"),
        (":début", ":début"),
        ("", ""),
    ],
)
def test_french_spacing(text, expected):
    assert french_spacing(text) == expected


def test_html_text_only_not_tags_attributes_or_entities():
    html = '<p title="a: b?"><a href="https://x.org/?q=1">Lien</a>: voir &amp; lire ; oui</p>'
    assert french_typography_html(html) == (
        f'<p title="a: b?"><a href="https://x.org/?q=1">Lien</a>{N}: voir &amp; lire{N}; oui</p>'
    )


def test_html_space_in_the_previous_inline_node_moves():
    assert french_typography_html("<p><em>Note </em>: oui</p>") == f"<p><em>Note</em>{N}: oui</p>"


def test_html_code_and_other_languages_are_left_alone():
    html = (
        '<p>Code <code>a ? b : c</code> ; fin</p><div lang="en"><p>Note: English!</p>'
        '<p lang="fr">Texte : français</p></div><pre>x : y</pre>'
    )
    assert french_typography_html(html) == (
        f'<p>Code <code>a ? b : c</code>{N}; fin</p><div lang="en"><p>Note: English!</p>'
        f'<p lang="fr">Texte{N}: français</p></div><pre>x : y</pre>'
    )


def test_html_blocks_do_not_join():
    # A colon opening a paragraph does not take a space from the paragraph before.
    assert french_typography_html("<p>Fin</p><p>: début</p>") == "<p>Fin</p><p>: début</p>"


def test_html_style_is_not_touched():
    html = '<style>@page { content: "Page" " " counter(page); }</style><p>Oui !</p>'
    assert french_typography_html(html) == (
        f'<style>@page {{ content: "Page" " " counter(page); }}</style><p>Oui{N}!</p>'
    )


def test_html_idempotent_and_keeps_accents():
    once = french_typography_html("<p>« Œuvre » : déjà ; ça ?</p>")
    assert french_typography_html(once) == once
    assert "Œuvre" in once and "ça" in once


def test_bare_addresses_and_windows_paths_are_left_alone():
    assert french_spacing("Voir doc.wcoomd.org/x?y=1 ici") == "Voir doc.wcoomd.org/x?y=1 ici"
    assert french_spacing("Dossier C:\\dir") == "Dossier C:\\dir"
    assert french_spacing("Note : oui ?") == "Note\u202f: oui\u202f?"
