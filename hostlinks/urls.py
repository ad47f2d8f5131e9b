"""Mounted at /wallet/hosts/: the learner's connections to other Open Badges 3.0 hosts."""

from django.urls import path

from . import views

app_name = "hostlinks"

urlpatterns = [
    path("", views.hosts, name="hosts"),
    path("connect", views.connect, name="connect"),
    path("callback", views.callback, name="callback"),
    path("<str:link_id>/", views.host, name="host"),
    path("<str:link_id>/pull", views.pull, name="pull"),
    path("<str:link_id>/push", views.push, name="push"),
    path("<str:link_id>/disconnect", views.disconnect, name="disconnect"),
]
