"""Gunicorn settings for the multi-process test: the metrics hook, as deploy/gunicorn.conf.py uses it."""

from config.metrics import gunicorn_child_exit as child_exit  # noqa: F401
