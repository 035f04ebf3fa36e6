import logging
import sys

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from . import outage
from .search.query import SiteSearch

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not: for the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return HttpResponse(
            "database unavailable\n",
            status=503,
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": str(outage.RETRY_AFTER_SECONDS)},
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def search(request):
    """Site search over live public content; any query, however long or odd, gets a normal page.
    The work is in core/search/query.py."""
    site_search = SiteSearch.from_request(request)
    found = site_search.run(request)
    query = site_search.query_string()
    return render(
        request,
        "core/search.html",
        {
            "search": site_search,
            "search_query": site_search.query,
            "results": found.page_obj,
            "hits": found.hits,
            "promoted": found.promoted,
            "result_count": found.count,
            "result_more": found.more,
            "query_prefix": f"{query}&" if query else "",
        },
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Every unhandled exception ends here (core/outage.py). Rendered without the request
    context: no database queries, so it works when the database is what failed. Django calls it
    while handling the exception, so the fault is at hand."""
    fault = sys.exception()
    if outage.database_unavailable(fault):
        return outage.service_unavailable()
    if outage.disk_full(fault):
        return outage.storage_full(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """A form sent without its security token, or with a stale one: say so in Vietnamese."""
    return render(request, "403_csrf.html", status=403)
