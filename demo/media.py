"""Demo photos, audio and video made here (Pillow, a tone generator, ffmpeg), and the demo
multimedia pages: the demo portal needs no outside files."""

import math
import random
import subprocess
import tempfile
import wave
from array import array
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import escape

from mutagen import File as MutagenFile
from PIL import Image, ImageDraw, ImageFont

from media.models import (
    AudioBulletinPage,
    InfographicPage,
    MultimediaIndexPage,
    PhotoStoryPage,
    PhotoStoryPhoto,
    PortalImage,
    PortalMedia,
    VideoPage,
)

from . import media_data as demo_data
from .publishing import publish

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


# ---------- Audio, video and the multimedia pages ----------
# The clips are made here, from nothing: a few sine notes for sound, the same painted scenes as
# the photos for pictures, encoded by the ffmpeg that requirements-demo.txt installs.

SAMPLE_RATE = 22_050
VIDEO_SIZE = (640, 360)
VIDEO_FPS = 12


def _tones_wav(seconds, seed):
    """A short, soft jingle (a few notes with fade in and out) as 16-bit mono WAV bytes."""
    rng = random.Random(seed)  # noqa: S311  (a tune, not a secret)
    scale = [261.63, 293.66, 329.63, 392.00, 440.00, 523.25]
    note_length = 0.5
    melody = [rng.choice(scale) for _ in range(16)]
    samples = array("h")
    for index in range(round(SAMPLE_RATE * seconds)):
        t = index / SAMPLE_RATE
        frequency = melody[int(t / note_length) % len(melody)]
        in_note = (t % note_length) / note_length
        envelope = min(1.0, in_note * 10) * (1 - in_note) ** 0.5
        fade = min(1.0, t * 4, (seconds - t) * 4)
        samples.append(round(9000 * envelope * fade * math.sin(2 * math.pi * frequency * t)))
    buffer = BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def _ffmpeg(arguments, stdin=None):
    import imageio_ffmpeg  # demo-only dependency (requirements-demo.txt)

    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    # Fixed arguments and files this module wrote: no outside input reaches the command.
    subprocess.run([*command, *arguments], input=stdin, check=True, timeout=120)  # noqa: S603


def _video_frames(seconds, seed):
    """Raw RGB frames of the painted scene, panning slowly so the clip visibly plays, and the
    first frame as the poster."""
    scene = _draw_scene(seed)  # 1200 x 675
    view_width, view_height = 960, 540
    count = seconds * VIDEO_FPS
    frames = []
    for number in range(count):
        left = round(number * (scene.width - view_width) / count)
        window = scene.crop((left, 100, left + view_width, 100 + view_height))
        frames.append(window.resize(VIDEO_SIZE))
    return b"".join(frame.tobytes() for frame in frames), frames[0]


def _captions_vtt(cues):
    def stamp(seconds):
        return f"00:00:{int(seconds):02d}.{round(seconds % 1 * 1000):03d}"

    lines = ["WEBVTT", ""]
    for start, end, text in cues:
        lines += [f"{stamp(start)} --> {stamp(end)}", text, ""]
    return "\n".join(lines).encode()


def _media_duration(path):
    return round(MutagenFile(path).info.length, 1)


def demo_audio(title, credit, transcript, seed, seconds=8):
    """An MP3 bulletin clip with its transcript, made once."""
    existing = PortalMedia.objects.filter(title=title, type="audio").first()
    if existing:
        return existing
    with tempfile.TemporaryDirectory() as folder:
        wav, mp3 = Path(folder) / "in.wav", Path(folder) / "ban-tin.mp3"
        wav.write_bytes(_tones_wav(seconds, seed))
        _ffmpeg(["-i", str(wav), "-c:a", "libmp3lame", "-b:a", "64k", str(mp3)])
        media = PortalMedia(
            title=title,
            type="audio",
            credit=credit,
            transcript=transcript,
            duration=_media_duration(mp3),
        )
        media.file = File(mp3.open("rb"), name=f"demo-{seed}.mp3")
        media.save()
    return media


def demo_video(title, credit, transcript, captions, seed, seconds=6):
    """An H.264 MP4 clip with sound, a poster frame and Vietnamese captions, made once."""
    existing = PortalMedia.objects.filter(title=title, type="video").first()
    if existing:
        return existing
    frames, poster = _video_frames(seconds, seed)
    with tempfile.TemporaryDirectory() as folder:
        wav, mp4 = Path(folder) / "in.wav", Path(folder) / "video.mp4"
        wav.write_bytes(_tones_wav(seconds, seed))
        width, height = VIDEO_SIZE
        _ffmpeg(
            [
                *("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}"),
                *("-r", str(VIDEO_FPS), "-i", "-", "-i", str(wav)),
                *("-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-pix_fmt", "yuv420p"),
                *("-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart", str(mp4)),
            ],
            stdin=frames,
        )
        poster_file = BytesIO()
        poster.save(poster_file, format="JPEG", quality=82)
        media = PortalMedia(
            title=title,
            type="video",
            credit=credit,
            transcript=transcript,
            width=width,
            height=height,
            duration=_media_duration(mp4),
        )
        media.file = File(mp4.open("rb"), name=f"demo-{seed}.mp4")
        media.thumbnail = ContentFile(poster_file.getvalue(), name=f"demo-{seed}-poster.jpg")
        media.captions = ContentFile(_captions_vtt(captions), name=f"demo-{seed}.vtt")
        media.save()
    return media


def demo_infographic(title, bars, credit, seed):
    """A tall bar chart: bars and their percentages. The words are in the page's text version."""
    existing = PortalImage.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = 800, 1400
    img = Image.new("RGB", (width, height), (250, 244, 230))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, width, 160], fill=(165, 14, 14))
    font = ImageFont.load_default(size=56)
    top = 260
    for index, (_label, percent) in enumerate(bars):
        y = top + index * 340
        draw.rectangle([80, y, 720, y + 120], fill=(225, 225, 225))
        draw.rectangle([80, y, 80 + round(640 * percent / 100), y + 120], fill=(31, 94, 153))
        draw.text((80, y + 150), f"{percent}%", fill=(20, 20, 20), font=font)
    buffer = BytesIO()
    img.save(buffer, format="PNG")
    image = PortalImage(
        title=title,
        caption=title,
        credit=credit,
        description="Biểu đồ cột về tỷ lệ giải ngân; nội dung đầy đủ ở phần chữ bên dưới.",
    )
    image.file = ImageFile(buffer, name=f"demo-{seed}.png")
    image.save()
    return image


def _rich(text):
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in text.split("\n\n"))


def _photo(data, key, caption, alt):
    return demo_image(
        f"{data['title']} ({key})", caption, data["credit"], alt, seed=f"{data['slug']}-{key}"
    )


def _page(page_type, data, now, **fields):
    """A multimedia page of `data`'s shared fields, or None when it exists already."""
    if page_type.objects.filter(slug=data["slug"]).exists():
        return None
    if "cover" in data:
        fields["image"] = _photo(data, "ảnh bìa", *data["cover"])
    return page_type(
        title=data["title"],
        slug=data["slug"],
        sapo=data["sapo"],
        byline=data["byline"],
        first_published_at=now - timedelta(hours=data["hours_ago"]),
        **fields,
    )


def seed(home, section, now=None):
    """The multimedia index under `home`, one item of each kind (the video filed in `section`,
    so it also shows in that section's listing). Idempotent: what exists is left alone."""
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    index = MultimediaIndexPage.objects.first()
    if index is None:
        index = publish(home, MultimediaIndexPage(show_in_menus=True, **demo_data.INDEX))

    data = demo_data.PHOTO_STORY
    if story := _page(PhotoStoryPage, data, now, closing_text=_rich(data["closing"])):
        story.photos = [
            PhotoStoryPhoto(image=_photo(data, f"ảnh {number}", caption, alt), sort_order=number)
            for number, (caption, alt) in enumerate(data["photos"], start=1)
        ]
        publish(index, story)

    data = demo_data.VIDEO
    if video := _page(VideoPage, data, now, description=_rich(data["description"])):
        transcript = " ".join(text for _start, _end, text in data["captions"])
        video.media = demo_video(
            data["title"], data["credit"], transcript, data["captions"], data["slug"]
        )
        publish(section, video)

    data = demo_data.AUDIO
    air_time = now.replace(hour=6, minute=0) - timedelta(days=0 if now.hour >= 6 else 1)
    if bulletin := _page(
        AudioBulletinPage,
        data,
        now,
        broadcast_partner=data["partner"],
        air_time=air_time,
        description=_rich(data["sapo"]),
    ):
        bulletin.media = demo_audio(data["title"], data["credit"], data["transcript"], data["slug"])
        publish(index, bulletin)

    data = demo_data.INFOGRAPHIC
    if infographic := _page(InfographicPage, data, now, text_alternative=data["text_alternative"]):
        infographic.image = demo_infographic(
            data["title"], data["bars"], data["credit"], data["slug"]
        )
        publish(index, infographic)
    return index
