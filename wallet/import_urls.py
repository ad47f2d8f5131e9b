"""Importing credentials from elsewhere into the backpack (mounted under /wallet/)."""

urlpatterns: list = []
