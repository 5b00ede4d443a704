"""WSGI entry point (gunicorn iscm_tracker.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from iscm_tracker.gc_tuning import tune_for_serving

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iscm_tracker.settings")

application = get_wsgi_application()
tune_for_serving()  # each gunicorn worker imports this module once, after it starts
