"""Insignia's credential core: plain facts in, standard signed documents out, and back.

This package is pure Python and must never import Django (``tests/credentials/
test_no_django.py`` checks it). Its inputs are the frozen dataclasses in
``types.py``; its public modules are ``ob2``, ``ob3``, ``signing``, ``baking``,
``keys`` and ``verification``.
"""
