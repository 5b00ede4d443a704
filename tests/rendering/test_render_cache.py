import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidelines.rendering import markdown, render_cache
from guidelines.rendering.markdown import (
    forget_in_process,
    render_markdown,
    rendered_count,
    warm,
)

TEXTS = [(f"Section {i} with a note[^1].\n\n[^1]: Note {i}.", f"s{i}") for i in range(5)]
TABLE = "iscm_rendered_cache"


def rendered(pairs) -> list[str]:
    return [str(render_markdown(text, id_prefix=prefix)) for text, prefix in pairs]


@pytest.mark.django_db
def test_a_second_process_renders_nothing_the_first_has_rendered():
    warm(TEXTS)
    first = rendered(TEXTS)
    forget_in_process()  # another worker: nothing in its own memory
    before = rendered_count()
    warm(TEXTS)
    assert rendered(TEXTS) == first
    assert rendered_count() == before


@pytest.mark.django_db
def test_warming_is_one_read_and_one_write_however_many_texts():
    with CaptureQueriesContext(connection) as cold:
        warm(TEXTS)
    sql = [q["sql"] for q in cold.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(sql) == 3 and all(TABLE in s for s in sql), sql  # the write in a savepoint
    assert sql[0].startswith("SELECT") and "COUNT(*)" in sql[1] and sql[2].startswith("INSERT")
    forget_in_process()
    with CaptureQueriesContext(connection) as shared:
        warm(TEXTS)
    assert len(shared.captured_queries) == 1  # all found in the shared cache
    with CaptureQueriesContext(connection) as held:
        warm(TEXTS)
        rendered(TEXTS)
    assert len(held.captured_queries) == 0  # all held in this process


@pytest.mark.django_db
def test_a_failed_write_costs_a_render_next_time_not_the_page():
    """Like Django's own cache writes: a write that fails is rolled back to its savepoint and
    reported as not stored; the transaction around it goes on."""
    from django.core.cache import caches

    from guidelines.models import Document

    cache = caches["rendered"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {TABLE}")
    assert cache.set_many({"a": "<p>A</p>", "b": "<p>B</p>"}) == ["a", "b"]
    assert Document.objects.count() >= 0  # the test's transaction is still usable


@pytest.mark.django_db
def test_render_markdown_alone_never_asks_the_shared_cache():
    with CaptureQueriesContext(connection) as ctx:
        render_markdown("A comment, a preview or a piece of a redline.")
    assert ctx.captured_queries == []


@pytest.mark.django_db
def test_the_entry_is_the_sanitised_html_under_an_address_with_the_renderer_version(
    monkeypatch,
):
    text = '<script>alert(1)</script> **bold** <img src="x" onerror="alert(1)">'
    warm([(text, "k")])
    stored = caches["rendered"].get(f"md:{render_cache.digest(text, 'k')}")
    assert stored == str(render_markdown(text, id_prefix="k"))
    assert "<script" not in stored and "onerror" not in stored
    assert "<strong>bold</strong>" in stored
    monkeypatch.setattr(render_cache, "RENDERER_VERSION", "next")
    forget_in_process()
    before = rendered_count()
    warm([(text, "k")])
    assert rendered_count() == before + 1  # a new pipeline reads none of the old entries


def test_the_address_depends_on_text_prefix_and_version_only():
    assert render_cache.digest("x", "a") == render_cache.digest("x", "a")
    assert len({render_cache.digest("x", "a"), render_cache.digest("x", "b"),
                render_cache.digest("y", "a")}) == 3  # fmt: skip


def test_this_process_keeps_a_bounded_number_of_texts(monkeypatch):
    monkeypatch.setattr(markdown._recent, "size", 3)
    for i in range(5):
        render_markdown(f"text {i}")
    assert len(markdown._recent) == 3
    before = rendered_count()
    render_markdown("text 4")  # kept
    assert rendered_count() == before
    render_markdown("text 0")  # dropped, the least recently used
    assert rendered_count() == before + 1


@pytest.mark.django_db
def test_batch_writes_replace_entries_and_reads_pass_the_parameter_limit():
    cache = caches["rendered"]
    data = {f"k{i}": f"<p>{i}</p>" for i in range(1200)}  # > 999 keys, > 500 rows a statement
    cache.set_many(data)
    cache.set_many({"k1": "<p>new</p>"})
    found = cache.get_many(list(data))
    assert len(found) == 1200 and found["k1"] == "<p>new</p>" and found["k2"] == "<p>2</p>"


@pytest.mark.django_db
def test_the_table_is_culled_past_its_bound(monkeypatch):
    cache = caches["rendered"]
    monkeypatch.setattr(cache, "_max_entries", 10)
    cache.set_many({f"a{i}": "x" for i in range(20)})
    cache.set_many({"b": "y"})
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        assert cursor.fetchone()[0] < 21
    assert cache.get("b") == "y"


@pytest.mark.django_db
def test_the_table_exists_after_migrate_and_creating_it_again_is_harmless():
    assert TABLE in connection.introspection.table_names()
    call_command("createcachetable", verbosity=0)
    assert TABLE in connection.introspection.table_names()
