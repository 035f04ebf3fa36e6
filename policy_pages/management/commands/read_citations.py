from django.core.management.base import BaseCommand

from core.privacy import all_pages
from policy_pages.citations.store import read_all


class Command(BaseCommand):
    help = (
        "Đọc lại trích dẫn văn bản của mọi trang đã xuất bản (bài viết, chính sách, văn bản), "
        "cho các trang xuất bản trước khi cổng đọc trích dẫn."
    )

    def handle(self, *args, **options):
        count = read_all(all_pages().live())
        self.stdout.write(f"Đã đọc trích dẫn của {count} trang.")
