"""Every absolute address the portal gives out (canonical, og:url, og:image, JSON-LD, feeds, API,
sitemaps, mails) starts with the Wagtail Site's root URL: the same origin Wagtail's
`page.get_full_url()` uses, one per site when there are several. `BASE_URL` (links in the admin's
own mails) must agree with the default site; `manage.py check` says when it does not
(core/checks.py) and `manage.py set_site` sets the site to where the portal is served.
"""

from django.conf import settings

from wagtail.models import Site

from . import cache_tags

SECONDS = 600
DEFAULT_KEY = "site:default-root-url"


def site_root(request=None):
    """The root URL ("https://host[:port]", no slash) of the request's site, else the default one.

    With a request the site is the one core/sites.py already placed on it (no query); without
    one (a mail sent from a task, a command) the default site's root URL comes from the shared
    cache with the tag `all`, which saving a site renews."""
    if request is not None:
        site = getattr(request, "_wagtail_site", None) or Site.find_for_request(request)
        if site is not None:
            return site.root_url
    return default_root()


def default_root():
    return cache_tags.kept(DEFAULT_KEY, SECONDS, {cache_tags.ALL}, _default_root)


def _default_root():
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.BASE_URL


def absolute(path_or_url, request=None):
    """`path_or_url` as an absolute address on the site; one already absolute is kept."""
    if not path_or_url or not path_or_url.startswith("/") or path_or_url.startswith("//"):
        return path_or_url
    return site_root(request) + path_or_url
