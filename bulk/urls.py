from django.urls import path

from . import api, views

app_name = "bulk"
urlpatterns = [
    path("template.csv", views.template_csv, name="template-csv"),
    path(
        "badge-classes/<str:badge_class_id>/upload/",
        views.upload_new,
        name="upload-new",
    ),
    path(
        "badge-classes/<str:badge_class_id>/awards.csv",
        views.awards_csv,
        name="awards-csv",
    ),
    path("uploads/<str:upload_id>/", views.upload_detail, name="upload-detail"),
    path(
        "uploads/<str:upload_id>/confirm/", views.upload_confirm, name="upload-confirm"
    ),
    path(
        "uploads/<str:upload_id>/errors.csv",
        views.upload_errors_csv,
        name="upload-errors",
    ),
]

# Mounted under /api/v1/ (namespace "api").
api_urlpatterns: list = [
    path(
        "badge-classes/<str:badge_class_id>/bulk-uploads",
        api.BulkUploadCreateApi.as_view(),
        name="bulk-upload-create",
    ),
    path(
        "bulk-uploads/<str:upload_id>",
        api.BulkUploadDetailApi.as_view(),
        name="bulk-upload-detail",
    ),
    path(
        "bulk-uploads/<str:upload_id>/confirm",
        api.BulkUploadConfirmApi.as_view(),
        name="bulk-upload-confirm",
    ),
    path(
        "bulk-uploads/<str:upload_id>/errors.csv",
        api.BulkUploadErrorsApi.as_view(),
        name="bulk-upload-errors",
    ),
    path("awards/batch", api.AwardBatchApi.as_view(), name="award-batch"),
]
