"""What readers and editors see when the database or the disk fails: a calm page with the right
status, never a traceback.

Django hands any exception a view or a middleware raises to `handler500`
(core.views.server_error), sessions and authentication included, so the faults are told apart
there, in one place, instead of in a middleware that would see only the views' exceptions.
The pages render from templates/errors/standalone.html with no request context: nothing in
them queries, so they render with the database down.
"""

import errno

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _

# What a 503 tells browsers, crawlers and outlets' feed readers: come back in a minute.
RETRY_AFTER_SECONDS = 60
DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


def chain(exception):
    """The exception and those it was raised from or while handling."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        yield exception
        exception = exception.__cause__ or exception.__context__


def database_unavailable(exception):
    """The database did not answer (refused, dropped, timed out, locked). A query the database
    refuses (ProgrammingError, IntegrityError) is a fault of ours: it stays a 500."""
    return any(isinstance(error, OperationalError | InterfaceError) for error in chain(exception))


def disk_full(exception):
    return any(
        isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS for error in chain(exception)
    )


def standalone_page(template_name, status, headers=None):
    html = loader.get_template(template_name).render()
    return HttpResponse(html, status=status, headers=headers)


def service_unavailable():
    """503 with Retry-After: the page to try again in a minute."""
    return standalone_page("503.html", 503, {"Retry-After": str(RETRY_AFTER_SECONDS)})


STORAGE_FULL = _(
    "Máy chủ đã hết dung lượng lưu trữ nên tệp chưa được lưu, và không có phần nào bị lưu dở. "
    "Vui lòng báo quản trị hệ thống, rồi tải lên lại."
)


def storage_full(request):
    """An upload found no room and was not kept (core/upload_storage.py): 507 Insufficient
    Storage. Wagtail's multiple uploader shows a message only from its own JSON answer (any
    other status shows just the code), so it gets that, with the reason beside the file."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"success": False, "error_message": str(STORAGE_FULL)})
    return standalone_page("507.html", 507)
