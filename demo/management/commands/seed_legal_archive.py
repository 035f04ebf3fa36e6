from django.core.management.base import BaseCommand

from demo.bulk.legal_archive import PER_YEAR, YEARS, build, built


class Command(BaseCommand):
    help = (
        f"Ghi {YEARS} năm × {PER_YEAR:,} văn bản vào một cơ sở dữ liệu trống, để đo trang "
        "/van-ban/ (bench.document_facets). Không làm gì khi đã có đủ."
    )

    def handle(self, *args, **options):
        if built():
            self.stdout.write("Kho văn bản đã đủ.")
            return
        build(self.stdout.write)
        self.stdout.write("Đã ghi kho văn bản.")
