"""The Open Badges 3.0 API (OB 3.0 §6), mounted at /ims/ob/v3p0/."""

app_name = "hostapi"

urlpatterns: list = []
