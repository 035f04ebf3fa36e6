import logging
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from wagtail.models import Page

logger = logging.getLogger(__name__)

SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_RESULTS_PER_PAGE = 20


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
            "database unavailable\n", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def search(request):
    """Site search over live public pages. Any query, however long or odd, gets a normal page."""
    query = " ".join(request.GET.get("q", "").split())[:SEARCH_QUERY_MAX_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/search.html",
        {
            "search_query": query,
            "results": page,
            "query_prefix": urlencode({"q": query}) + "&",
        },
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request context: no database queries, so it works when the database
    # is what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """A form sent without its security token, or with a stale one: say so in Vietnamese."""
    return render(request, "403_csrf.html", status=403)
