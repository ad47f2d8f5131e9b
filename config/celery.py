"""The Celery app. Configuration comes from Django settings (``CELERY_*``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("insignia")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

from . import logs  # noqa: E402, F401  (request ids travel with tasks: config/logs.py)
