from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError

from wagtail.models import Site


@register()
def site_agrees_with_base_url(app_configs, **kwargs):
    """Pages, feeds and the API take their origin from the Site record, the admin's mails from
    BASE_URL: when the two differ, a reader meets two addresses for one portal."""
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        # Before migrate (or with the database down) there is nothing to compare yet.
        return []
    if site is None:
        return []
    base = urlsplit(settings.BASE_URL)
    root = urlsplit(site.root_url)
    if (base.scheme, base.netloc) == (root.scheme, root.netloc):
        return []
    return [
        Warning(
            f"Trang mặc định (Site) ở {site.root_url} nhưng BASE_URL là {settings.BASE_URL}.",
            hint=(
                "Chạy `manage.py set_site --host … --port …` (hoặc `set_site` để theo BASE_URL), "
                "hoặc đặt BASE_URL bằng địa chỉ của Site."
            ),
            obj=site,
            id="portal.W001",
        )
    ]
