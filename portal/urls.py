import re

from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from media.serving import serve_upload
from syndication.api_router import api_router

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("search/", core_views.search, name="search"),
    path("", include("newsroom.urls")),
    path("", include("policy_pages.urls")),
    path("", include("syndication.urls")),
    path("", include("alerts.urls")),
    path("api/v2/", api_router.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_UPLOADS:
    # Uploads in development and tests; in production object storage or the web server serves them.
    urlpatterns += [
        # Never the documents' folder: documents go through Wagtail's serve view, which checks
        # their collection's privacy (media/serving.py).
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve_upload)
    ]

urlpatterns += [
    # Wagtail's page serving last: it catches every other path.
    path("", include(wagtail_urls)),
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
