from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Page, Site

from core.models import SiteSettings
from demo import dialogues as dialogues_demo
from demo import media as media_demo
from demo import newsroom as newsroom_demo
from demo import policy_drafts as drafts_demo
from demo import policy_pages as policy_demo
from newsroom.models import SectionPage

SITE_NAME = "Cổng Thông tin điện tử Chính phủ"
DEMO_SETTINGS = {
    "site_name": SITE_NAME,
    "short_name": "Chinhphu.vn",
    "agency": "Văn phòng Chính phủ",
    "editor_in_chief": "Nguyễn Văn Mẫu (dữ liệu minh họa)",
    "licence": "Giấy phép số 00/GP-MINHHOA, dữ liệu minh họa cho bản trình diễn",
    "address": "Số 1 đường Minh Họa, Hà Nội",
    "phone": "(024) 0000 0000",
    "email": "bandoc@example.vn",
    "reuse_terms": (
        "Các cơ quan báo chí được đăng lại tin, ảnh của Cổng khi ghi rõ nguồn "
        "“Theo Chinhphu.vn” kèm đường dẫn đến bài gốc, và giữ nguyên tên tác giả ảnh."
    ),
}


class Command(BaseCommand):
    help = "Load the demo content. Idempotent: running it again adds only what is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        root = Page.get_first_root_node()
        home, created = newsroom_demo.seed(root, SITE_NAME)
        media_demo.seed(home, SectionPage.objects.child_of(home).get(slug="thoi-su"))
        policy_demo.seed(home)
        drafts_demo.seed(home)
        dialogues_demo.seed(home)

        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname, site.port = site.hostname or "localhost", site.port or 80
        site.root_page, site.site_name = home, SITE_NAME
        site.save()
        # Wagtail's placeholder "Welcome" page is replaced by the portal's home page.
        Page.objects.child_of(root).exclude(pk=home.pk).filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ).delete()

        site_settings = SiteSettings.for_site(site)
        if not site_settings.address:
            for field, value in DEMO_SETTINGS.items():
                setattr(site_settings, field, value)
            site_settings.save()

        self.stdout.write(self.style.SUCCESS(f"Nội dung mẫu: đã thêm {created} bài viết."))
