from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site


class Command(BaseCommand):
    help = (
        "Đặt tên máy và cổng của trang mặc định (bản ghi Site) theo nơi cổng được phục vụ; "
        "mặc định theo BASE_URL. Chạy lại không đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", help="Tên máy, ví dụ chinhphu.vn (mặc định: theo BASE_URL).")
        parser.add_argument("--port", type=int, help="Cổng, ví dụ 443 (mặc định: theo BASE_URL).")

    def handle(self, *args, host=None, port=None, **options):
        base = urlsplit(settings.BASE_URL)
        host = host or base.hostname
        port = port or base.port or (443 if base.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("Chưa có trang mặc định (Site): chạy migrate hoặc seed_demo trước.")
        if (site.hostname, site.port) != (host, port):
            site.hostname, site.port = host, port
            # save() renews every cached answer (core/cache_renewal.py): they take the new origin.
            site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"Trang mặc định: {site.root_url}/")
