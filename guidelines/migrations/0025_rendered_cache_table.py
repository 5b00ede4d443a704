"""The table of the rendered sections' cache (``CACHES["rendered"]``, a database cache by
default): created by Django's ``createcachetable``, which skips tables that exist and caches
that are not in the database (Redis, memcached). A cache configured later in another table needs
``manage.py createcachetable`` (README). Reversing leaves the table: it holds nothing that
cannot be rendered again."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("guidelines", "0024_report")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
