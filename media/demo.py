"""Demo photos drawn with Pillow, so the demo portal needs no outside pictures."""

import random
from io import BytesIO

from django.core.files.images import ImageFile

from PIL import Image, ImageDraw

from .models import PortalImage

WIDTH, HEIGHT = 1200, 675


def _draw_scene(seed):
    """A landscape-like picture, the same for the same seed: a sky, hills, a sun, buildings."""
    rng = random.Random(seed)  # noqa: S311  (drawing pictures, not secrets)
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    top = (rng.randint(40, 120), rng.randint(90, 170), rng.randint(170, 240))
    bottom = (rng.randint(200, 255), rng.randint(170, 230), rng.randint(120, 200))
    for y in range(HEIGHT):
        t = y / HEIGHT
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    sun_x, sun_y = rng.randint(150, WIDTH - 150), rng.randint(80, 260)
    draw.ellipse([sun_x - 60, sun_y - 60, sun_x + 60, sun_y + 60], fill=(255, 214, 90))
    for layer in range(3):
        base = 380 + layer * 90
        colour = (rng.randint(20, 70), rng.randint(90, 150) - layer * 15, rng.randint(40, 90))
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 100, 100):
            points.append((x, base + rng.randint(-60, 60)))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=colour)
    for _ in range(rng.randint(4, 9)):
        x = rng.randint(0, WIDTH - 80)
        w, h = rng.randint(40, 90), rng.randint(80, 220)
        shade = rng.randint(150, 230)
        draw.rectangle([x, HEIGHT - h, x + w, HEIGHT], fill=(shade, shade - 10, shade - 25))
    return img


def demo_image(title, caption, credit, alt, seed):
    """The demo photo named `title`, made once: later calls return the stored one."""
    existing = PortalImage.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = BytesIO()
    _draw_scene(seed).save(buffer, format="JPEG", quality=82)
    image = PortalImage(title=title, caption=caption, credit=credit, description=alt)
    image.file = ImageFile(buffer, name=f"demo-{seed}.jpg")
    image.save()
    return image
