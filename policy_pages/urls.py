from django.urls import path, re_path
from django.views.generic import TemplateView

from . import dialogue_public, views

app_name = "policy_pages"
urlpatterns = [
    path("y-kien/gui/<int:policy_id>/", views.submit, name="submit"),
    path("y-kien/phien/<int:policy_id>/", views.form_tokens, name="form_tokens"),
    path("y-kien/giao-luu/<int:dialogue_id>/", dialogue_public.submit, name="dialogue_submit"),
    path(
        "y-kien/giao-luu/<int:dialogue_id>/phien/",
        dialogue_public.form_tokens,
        name="dialogue_form_tokens",
    ),
    path("y-kien/tra-cuu/", views.receipt_lookup, name="receipt_lookup"),
    path("y-kien/bien-nhan/<str:code>/", views.receipt, name="receipt"),
    path(
        "y-kien/thong-bao-du-lieu-ca-nhan/",
        TemplateView.as_view(template_name="policy_pages/privacy_notice.html"),
        name="privacy_notice",
    ),
    # A policy's answer table as files: `…/tiep-thu-giai-trinh.docx` has a dot and no final
    # slash, which Wagtail's page addresses do not take; the page's own routing answers it.
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)(?P<name>tiep-thu-giai-trinh\.(?:docx|xlsx))$",
        views.answer_table_file,
        name="answer_table_file",
    ),
]
