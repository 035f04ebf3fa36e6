"""Uploads served by Django itself, in development and tests (SERVE_UPLOADS).

Documents are not among them: a document is only ever sent by Wagtail's serve view
(/documents/<id>/<name>, WAGTAILDOCS_SERVE_METHOD = "serve_view"), which checks the view
restrictions of its collection first. Their files sit in the uploads folder (one folder to back
up), so the folder they are stored in must never be served as it is: here the request is
normalised as `django.views.static.serve` will normalise it ("//documents/", "./documents/",
"x/../documents/") before the folder is compared. In production the web server or object storage
follows the same rule (docs/deploy.md).
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# The folders, under MEDIA_ROOT, of files that only a view that checks privacy may send.
PRIVATE_FOLDERS = ("documents",)


def is_private_upload(path):
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    first = normalised.split("/", 1)[0]
    return first in PRIVATE_FOLDERS


def serve_upload(request, path):
    if is_private_upload(path):
        raise Http404("Tài liệu chỉ được tải qua trang tài liệu.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
