"""Demo data for ``python manage.py load_demo`` (``make run``): content in ``data``, images in ``images``."""
