from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.cache_tags import renew_everything
from demo.bulk import runner
from newsroom.models import HomePage
from policy_pages.models import PolicyIndexPage


class Command(BaseCommand):
    help = (
        "Grow the demo into a realistic ten-year archive until the site has --pages pages "
        "(every page of Wagtail's tree, demo pages included). Per 100 pages: 80 articles, "
        "12 legal documents (with amends/replaces/guides relations), 1 policy (milestones, "
        "comments on its consultation), 3 photo stories, 2 infographics, 1 video, 1 audio "
        "bulletin. Pages are written in bulk, indexed for search and in the reference index, "
        "one transaction per batch. Idempotent and resumable: page N is always the same page, "
        "and only missing ones are added. Runs seed_demo first if the demo is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=250_000, help="pages to reach")
        parser.add_argument("--batch", type=int, default=2000, help="pages per transaction")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, pages, batch, no_progress, **options):
        if not (HomePage.objects.exists() and PolicyIndexPage.objects.exists()):
            call_command("seed_demo", stdout=self.stdout, stderr=self.stderr)
        added = runner.run(pages, max(1, batch), progress=not no_progress)
        if added:
            # Pages written in bulk send no publish signal: renew every cached answer.
            renew_everything()
        self.stdout.write(self.style.SUCCESS(f"Kho lưu trữ: đã thêm {added} trang."))
