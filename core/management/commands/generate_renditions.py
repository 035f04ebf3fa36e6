"""Make picture sizes ahead of readers, so no reader waits for a rendition to be encoded.

Wagtail makes a rendition the first time a page asks for it; AVIF encoding takes a few hundred
milliseconds for a large size, so a listing of new pictures is slow once. `make setup` runs this
for the listing sizes of the demo; in production, run it after changing `core/renditions.py`.
"""

from django.core.management.base import BaseCommand, CommandError

from wagtail.images import get_image_model

from core.renditions import SIZES, filter_specs

DEFAULT_SIZES = "card,card-lead"


class Command(BaseCommand):
    help = "Make the named sizes (core/renditions.py) of every image. Existing ones are kept."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            default=DEFAULT_SIZES,
            help=f"Comma-separated size names, of: {', '.join(SIZES)} (default: {DEFAULT_SIZES})",
        )

    def handle(self, *args, sizes, **options):
        names = [name.strip() for name in sizes.split(",") if name.strip()]
        unknown = [name for name in names if name not in SIZES]
        if unknown or not names:
            raise CommandError(
                f"Không có cỡ ảnh “{', '.join(unknown)}”. Các cỡ ảnh: {', '.join(SIZES)}."
            )
        images = get_image_model().objects.prefetch_renditions().order_by("pk")
        made = 0
        for image in images.iterator(chunk_size=100):
            # Sizes share some widths (a 640 px card is also a 640 px lead card): each spec once.
            specs = dict.fromkeys(spec for name in names for spec in filter_specs(name, image))
            existing = {r.filter_spec for r in image.prefetched_renditions}
            missing = [spec for spec in specs if spec not in existing]
            if missing:
                image.get_renditions(*missing)
                made += len(missing)
        self.stdout.write(f"Đã tạo {made} ảnh theo cỡ ({', '.join(names)}).")
