"""The request's Wagtail site, its home page and its settings, from the shared cache.

Every page needs them (Wagtail's routing starts from the site's home page, templates read
`settings`): three queries a request for rows that change a few times a year. They are kept
with the tags `all` and the home page's (core/cache_tags.py): saving a site or the settings
renews `all`, publishing the home page its own tag. Wagtail and wagtail.contrib.settings keep
what they found on the request (`_wagtail_site`, the settings' own attribute), so placing them
there is all it takes.
"""

from contextlib import suppress

from django.db import DatabaseError

from wagtail.models import Site

from . import cache_tags
from .models import SiteSettings

SECONDS = 600
# The admin reads and edits sites and settings itself.
SKIPPED = ("/admin/",)


class SiteFromCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(SKIPPED):
            # With the database down, the views say so themselves (/healthz 503, the comment
            # form's "not saved"): nothing is attached and they find out on their own query.
            with suppress(DatabaseError):
                self.attach(request)
        return self.get_response(request)

    def attach(self, request):
        key = f"site:{request.get_host()}"
        entry, stamp, fresh = cache_tags.lookup(key)
        if entry and fresh:
            site, site_settings = entry["site"], entry["settings"]
        else:
            site = Site.find_for_request(request)
            site_settings = None
            if site is not None:
                site.root_page.specific  # noqa: B018  (loaded now, to be kept with the site)
                site_settings = SiteSettings.for_site(site)
            tags = {cache_tags.ALL}
            if site is not None:
                tags.add(cache_tags.page_tag(site.root_page_id))
            cache_tags.store(key, stamp, SECONDS, tags, site=site, settings=site_settings)
        request._wagtail_site = site
        if site_settings is not None:
            site_settings._request = request
            setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
