from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "policy_pages"
urlpatterns = [
    path("y-kien/gui/<int:policy_id>/", views.submit, name="submit"),
    path("y-kien/phien/<int:policy_id>/", views.form_tokens, name="form_tokens"),
    path("y-kien/tra-cuu/", views.receipt_lookup, name="receipt_lookup"),
    path("y-kien/bien-nhan/<str:code>/", views.receipt, name="receipt"),
    path(
        "y-kien/thong-bao-du-lieu-ca-nhan/",
        TemplateView.as_view(template_name="policy_pages/privacy_notice.html"),
        name="privacy_notice",
    ),
]
