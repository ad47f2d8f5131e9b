from django.urls import include, path

from . import share_views, views

app_name = "wallet"
urlpatterns = [
    path("", views.backpack, name="backpack"),
    path("export.json", views.export, name="export"),
    path("awards/<str:award_id>/", views.entry, name="entry"),
    path("awards/<str:award_id>/accept/", views.accept, name="accept"),
    path("awards/<str:award_id>/decline/", views.decline, name="decline"),
    path("claim/<str:token>", views.claim, name="claim"),
    path("held/<str:held_id>/share/", views.share_held, name="held-share"),
    path("held/<str:held_id>/unshare/", views.unshare_held, name="held-unshare"),
    path("held/<str:held_id>/linkedin/", views.linkedin_held, name="held-linkedin"),
    path(
        "held/<str:held_id>/collect/",
        views.add_held_to_collection,
        name="held-collect",
    ),
    path("collections/", views.collections, name="collections"),
    path("collections/<str:collection_id>/", views.collection, name="collection"),
    path(
        "collections/<str:collection_id>/add/",
        views.collection_add,
        name="collection-add",
    ),
    path(
        "collections/<str:collection_id>/remove/",
        views.collection_remove,
        name="collection-remove",
    ),
    path(
        "collections/<str:collection_id>/move/",
        views.collection_move,
        name="collection-move",
    ),
    path(
        "collections/<str:collection_id>/delete/",
        views.collection_delete,
        name="collection-delete",
    ),
    path(
        "collections/<str:collection_id>/share/",
        views.collection_share,
        name="collection-share",
    ),
    path(
        "collections/<str:collection_id>/unshare/",
        views.collection_unshare,
        name="collection-unshare",
    ),
    path("", include("wallet.import_urls")),
]

# Mounted under /share/ (namespace "share"): public pages, no sign-in.
share_urlpatterns = [
    path("<str:token>", share_views.page, name="page"),
    path("<str:token>/card.png", share_views.card, name="card"),
    path("<str:token>/<str:held_id>", share_views.item, name="item"),
    path("<str:token>/<str:held_id>/image", share_views.image, name="image"),
    path("<str:token>/<str:held_id>/card.png", share_views.card, name="item-card"),
    path("<str:token>/<str:held_id>/verify", share_views.verify, name="verify"),
]

# Mounted under /api/v1/ (namespace "api").
api_urlpatterns: list = []
