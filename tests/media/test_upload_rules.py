"""Upload rules of the asset library, driven through the real admin views with real bad files.

Every file is made here, in memory: hostile ones (truncated, pixel bombs, SVG with script, PDFs
and executables renamed) must be refused with a Vietnamese message and leave nothing behind;
photos must be stored without their location but with the same pixels and orientation.
"""

import hashlib
import io
import json
import struct
import wave
import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images.forms import get_image_form

import pytest
from PIL import ExifTags, Image, ImageCms, ImageFile
from PIL.PngImagePlugin import PngInfo

from media import uploads
from media.models import PortalDocument, PortalImage, PortalMedia
from tests.factories import PortalImageFactory

# Fragments of the messages editors see; each refusal test asserts one.
CORRUPT = "Tệp ảnh bị hỏng hoặc không đầy đủ"
TOO_MANY_PIXELS = "quá nhiều điểm ảnh"
TOO_BIG = "Tệp quá lớn"
NOT_A_SUPPORTED_FORMAT = "Định dạng ảnh không được hỗ trợ"
NOT_AN_IMAGE = "Hãy tải lên một hình ảnh hợp lệ"
CAPTIONS_REQUIRED = "Video đăng trên cổng phải có phụ đề"

GPS = {1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 15.0)}


# Files -------------------------------------------------------------------------------------------


def picture(size=(64, 48)):
    """A picture with varied pixels, so that a re-encode would show in a byte comparison."""
    return Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").resize(size),
            Image.radial_gradient("L").resize(size),
            Image.new("L", size, 90),
        ],
    )


def camera_exif(orientation=6):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Artist] = "Nguyen Van A"
    exif[ExifTags.IFD.GPSInfo] = GPS
    return exif


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def iptc_segment():
    record = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", 12) + b"\x1c\x02\x5a\x00\x07Ha Noi\x00"
    payload = b"Photoshop 3.0\x00" + record
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def phone_jpeg():
    """A phone photo: Exif with GPS and a rotation, XMP, IPTC, a comment, an ICC profile, and a
    second picture (with its own GPS) after the end of the first, as depth maps are stored."""
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    jpeg = encode(
        picture(),
        "JPEG",
        exif=camera_exif(),
        xmp=b"<x:xmpmeta><exif:GPSLatitude>21,1.7N</exif:GPSLatitude></x:xmpmeta>",
        icc_profile=icc,
        comment=b"Chup tai So 1 Hoang Hoa Tham",
    )
    jpeg = jpeg[:2] + iptc_segment() + jpeg[2:]
    extra = encode(Image.new("L", (8, 8)), "JPEG", exif=camera_exif(1))
    return jpeg + extra, icc


def png_bytes(image=None, text=None, **options):
    info = PngInfo()
    for key, value in (text or {}).items():
        if value.isascii():
            info.add_text(key, value)  # a tEXt chunk
        else:
            info.add_itxt(key, value)  # Vietnamese needs iTXt (UTF-8)
    return encode(image or picture(), "PNG", pnginfo=info, **options)


def png_chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def pixel_bomb_png(side=20_000):
    """A real, complete PNG of side×side black pixels (1 bit each): some 50 KB on disk."""
    row = b"\x00" + bytes(side // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def png_with_broken_pixels():
    """Every chunk well formed (right lengths and CRCs), but the compressed pixels are garbage:
    only decoding the whole image finds out."""
    data = png_bytes(picture((256, 256)))
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IDAT":
            body = body[:40] + bytes(b ^ 0x5A for b in body[40:])
        chunks.append(png_chunk(kind, body))
        pos += 12 + length
    return data[:8] + b"".join(chunks)


def truncated_jpeg():
    """A valid JPEG cut in half, in the middle of its compressed pixels."""
    jpeg = encode(picture((256, 192)), "JPEG")
    assert jpeg.index(b"\xff\xda") < len(jpeg) // 2
    return jpeg[: len(jpeg) // 2]


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b'<script>fetch("/admin/").then(r => r.text()).then(alert)</script>'
    b'<rect width="100" height="100" fill="red"/></svg>'
)


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def exe_bytes():
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(48) + b"PE\x00\x00"


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=compression)
    return buffer.getvalue()


def docx_bytes():
    return zip_bytes(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
            "word/document.xml": '<?xml version="1.0"?><w:document/>',
        }
    )


def odt_bytes():
    return zip_bytes(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": '<?xml version="1.0"?><manifest/>',
            "content.xml": '<?xml version="1.0"?><office:document-content/>',
        }
    )


def wav_bytes(seconds=0.5, rate=8000):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(2 * int(rate * seconds)))
    return buffer.getvalue()


def webm_bytes():
    """A WebM's EBML header (DocType "webm") followed by an empty Segment."""
    header = bytes.fromhex("4286810142F7810142F2810442F381084282") + b"\x84webm"
    header += bytes.fromhex("4287810442858102")  # DocTypeVersion 4, DocTypeReadVersion 2
    return (
        bytes.fromhex("1A45DFA3")
        + bytes([0x80 | len(header)])
        + header
        + bytes.fromhex("1853806701FFFFFFFFFFFFFF")
    )


VTT = "WEBVTT\n\n00:00.000 --> 00:02.500\nThủ tướng phát biểu khai mạc hội nghị.\n"


# Helpers -----------------------------------------------------------------------------------------


@pytest.fixture
def new_files(db):
    """The files written under MEDIA_ROOT since the test started."""

    def snapshot():
        return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}

    before = snapshot()
    return lambda: snapshot() - before


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def add_image(client, collection, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh thử", "collection": collection.pk, "file": upload(name, content)},
    )


def add_images_multiple(client, collection, name, content):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": collection.pk, "files[]": upload(name, content)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    return json.loads(response.content)


def assert_form_refused(response, message):
    assert response.status_code == 200, "the form is shown again, not saved and redirected"
    assert message in response.text


def stored_bytes(instance, field="file"):
    with getattr(instance, field).open("rb") as stored:
        return stored.read()


# Images ------------------------------------------------------------------------------------------

REFUSED_IMAGES = {
    "truncated JPEG": ("anh.jpg", truncated_jpeg, CORRUPT),
    "JPEG cut inside its header": ("anh.jpg", lambda: encode(picture(), "JPEG")[:300], CORRUPT),
    "pixel bomb": ("bom.png", pixel_bomb_png, TOO_MANY_PIXELS),
    "PNG with undecodable pixels": ("hong.png", png_with_broken_pixels, CORRUPT),
    "SVG with a script": ("bieu-do.svg", lambda: SVG_WITH_SCRIPT, NOT_A_SUPPORTED_FORMAT),
    "SVG renamed .png": ("bieu-do.png", lambda: SVG_WITH_SCRIPT, "Không phải ảnh .png hợp lệ"),
    "PDF renamed .jpg": ("cong-van.jpg", pdf_bytes, NOT_AN_IMAGE),
}


@pytest.mark.parametrize("case", REFUSED_IMAGES, ids=list(REFUSED_IMAGES))
def test_a_bad_image_is_refused_and_nothing_is_stored(
    admin_client, root_collection, new_files, case
):
    name, make, message = REFUSED_IMAGES[case]
    response = add_image(admin_client, root_collection, name, make())
    assert_form_refused(response, message)
    assert not PortalImage.objects.exists()
    assert not new_files()


@pytest.mark.parametrize(
    "case", ["truncated JPEG", "JPEG cut inside its header", "pixel bomb", "SVG renamed .png"]
)
def test_the_multiple_uploader_refuses_a_bad_image(admin_client, root_collection, new_files, case):
    name, make, message = REFUSED_IMAGES[case]
    data = add_images_multiple(admin_client, root_collection, name, make())
    assert data["success"] is False
    assert message in data["error_message"]
    assert not PortalImage.objects.exists()
    assert not new_files()


def test_a_pixel_bomb_is_refused_from_its_header_without_decoding(root_collection, monkeypatch):
    """20 000 × 20 000 pixels would take 400 MB once decoded; the header alone must sink it."""
    monkeypatch.setattr(
        ImageFile.ImageFile, "load", lambda self: pytest.fail("the pixel bomb was decoded")
    )
    form = get_image_form(PortalImage)(
        {"title": "Bom", "collection": root_collection.pk},
        {"file": upload("bom.png", pixel_bomb_png())},
    )
    assert not form.is_valid()
    assert TOO_MANY_PIXELS in form.errors["file"][0]


def test_an_image_over_the_size_limit_is_refused(
    admin_client, root_collection, new_files, settings
):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = add_image(admin_client, root_collection, "lon.png", png_bytes(picture((200, 200))))
    assert_form_refused(response, TOO_BIG)
    assert not PortalImage.objects.exists()
    assert not new_files()


def test_a_phone_photo_is_stored_without_location_with_its_pixels_and_rotation(
    admin_client, root_collection
):
    original, icc = phone_jpeg()
    response = add_image(admin_client, root_collection, "hoi-nghi.jpg", original)
    assert response.status_code == 302
    image = PortalImage.objects.get()
    stored = stored_bytes(image)

    with Image.open(io.BytesIO(stored)) as kept:
        exif = kept.getexif()
        assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert dict(exif) == {ExifTags.Base.Orientation: 6}, "only the rotation is left"
        assert kept.info["icc_profile"] == icc, "colours are kept"
        assert kept.tobytes() == Image.open(io.BytesIO(original)).tobytes(), "not re-encoded"
    for trace in (b"Canon", b"Nguyen Van A", b"GPSLatitude", b"Photoshop", b"Hoang Hoa Tham"):
        assert trace not in stored
    assert stored.count(b"\xff\xd8") == 1, "the trailing picture is gone with its own Exif"
    # Wagtail's size and hash describe the stored bytes, not the upload.
    assert image.file_size == len(stored)
    assert image.file_hash == hashlib.sha1(stored).hexdigest()  # noqa: S324
    assert (image.width, image.height) == (64, 48)


def test_a_multi_picture_jpeg_is_stored_as_its_first_picture_only(admin_client, root_collection):
    """Phones save depth maps and the like as an MPO: an index (MPF) and more pictures, each with
    its own Exif, after the first."""
    mpo = encode(
        picture(), "MPO", save_all=True, append_images=[picture().rotate(90)], exif=camera_exif()
    )
    assert add_image(admin_client, root_collection, "chan-dung.jpg", mpo).status_code == 302
    stored = stored_bytes(PortalImage.objects.get())
    with Image.open(io.BytesIO(stored)) as kept:
        assert kept.format == "JPEG" and b"MPF" not in stored
        assert kept.tobytes() == Image.open(io.BytesIO(mpo)).tobytes()  # the first picture
        assert dict(kept.getexif()) == {ExifTags.Base.Orientation: 6}


def test_images_are_never_checked_with_truncated_loading_on(monkeypatch):
    """Pillow would pad a cut-off image with grey instead of failing: refuse to run like that."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ImproperlyConfigured):
        uploads.clean_image(
            upload("anh.jpg", encode(picture(), "JPEG")),
            extensions=["jpg"],
            max_size=None,
            max_pixels=None,
        )


def test_an_upright_photo_keeps_no_exif_at_all(admin_client, root_collection):
    jpeg = encode(picture(), "JPEG", exif=camera_exif(orientation=1))
    assert add_image(admin_client, root_collection, "thang.jpg", jpeg).status_code == 302
    stored = stored_bytes(PortalImage.objects.get())
    assert b"Exif" not in stored
    assert Image.open(io.BytesIO(stored)).tobytes() == Image.open(io.BytesIO(jpeg)).tobytes()


def test_a_png_loses_its_text_chunks_but_not_its_pixels(admin_client, root_collection):
    original = png_bytes(
        text={"Location": "21.0285N 105.8542E", "Author": "Nguyễn Văn A"}, exif=camera_exif()
    )
    response = add_image(admin_client, root_collection, "so-do.png", original)
    assert response.status_code == 302
    stored = stored_bytes(PortalImage.objects.get())
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"Location", b"Canon"):
        assert chunk not in stored
    with Image.open(io.BytesIO(stored)) as kept:
        assert dict(kept.getexif()) == {ExifTags.Base.Orientation: 6}
        assert kept.tobytes() == Image.open(io.BytesIO(original)).tobytes()


def test_the_multiple_uploader_strips_a_webp(admin_client, root_collection):
    original = encode(
        picture(), "WEBP", lossless=True, exif=camera_exif(orientation=1), xmp=b"<x:xmpmeta/>"
    )
    data = add_images_multiple(admin_client, root_collection, "anh.webp", original)
    assert data["success"] is True
    image = PortalImage.objects.get()
    stored = stored_bytes(image)
    assert b"EXIF" not in stored and b"XMP " not in stored and b"Canon" not in stored
    assert stored[12:16] == b"VP8X" and stored[20] & 0x0C == 0, "Exif and XMP flags cleared"
    assert struct.unpack("<I", stored[4:8])[0] == len(stored) - 8
    assert Image.open(io.BytesIO(stored)).tobytes() == Image.open(io.BytesIO(original)).tobytes()
    assert image.file_size == len(stored)


def test_an_animated_gif_is_decoded_frame_by_frame_and_loses_its_comment(
    admin_client, root_collection
):
    frames = [picture().convert("P"), picture().rotate(180).convert("P")]
    gif = encode(
        frames[0], "GIF", save_all=True, append_images=frames[1:], loop=0, comment=b"Ha Noi"
    )
    assert add_image(admin_client, root_collection, "dong.gif", gif).status_code == 302
    stored = stored_bytes(PortalImage.objects.get())
    assert b"Ha Noi" not in stored
    with Image.open(io.BytesIO(stored)) as kept:
        assert kept.n_frames == 2 and kept.info["loop"] == 0


def test_replacing_an_image_file_strips_it_and_a_bad_replacement_keeps_the_old(
    admin_client, root_collection
):
    image = PortalImageFactory()
    old_name, old_bytes = image.file.name, stored_bytes(image)
    url = reverse("wagtailimages:edit", args=[image.pk])
    fields = {"title": image.title, "collection": root_collection.pk}

    response = admin_client.post(url, {**fields, "file": upload("cut.jpg", phone_jpeg()[0][:500])})
    assert_form_refused(response, CORRUPT)
    image.refresh_from_db()
    assert image.file.name == old_name and stored_bytes(image) == old_bytes

    response = admin_client.post(url, {**fields, "file": upload("moi.jpg", phone_jpeg()[0])})
    assert response.status_code == 302
    image.refresh_from_db()
    stored = stored_bytes(image)
    assert Image.open(io.BytesIO(stored)).getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert image.file_hash == hashlib.sha1(stored).hexdigest()  # noqa: S324


# Documents ---------------------------------------------------------------------------------------


def add_document(client, collection, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Văn bản thử", "collection": collection.pk, "file": upload(name, content)},
    )


REFUSED_DOCUMENTS = {
    "PDF renamed .docx": ("quyet-dinh.docx", pdf_bytes, "không phải là tài liệu .docx"),
    "program renamed .pdf": ("cong-van.pdf", exe_bytes, "không phải là tài liệu .pdf"),
    "DOCX renamed .odt": ("bao-cao.odt", docx_bytes, "không phải là tài liệu .odt"),
    "program": ("cai-dat.exe", exe_bytes, "Không nhận tệp .exe"),
}


@pytest.mark.parametrize("case", REFUSED_DOCUMENTS, ids=list(REFUSED_DOCUMENTS))
def test_a_document_that_is_not_what_it_says_is_refused(
    admin_client, root_collection, new_files, case
):
    name, make, message = REFUSED_DOCUMENTS[case]
    response = add_document(admin_client, root_collection, name, make())
    assert_form_refused(response, message)
    assert "is not allowed" not in response.text, "no second, English complaint"
    assert not PortalDocument.objects.exists()
    assert not new_files()


def test_the_multiple_uploader_refuses_a_disguised_document(
    admin_client, root_collection, new_files
):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"collection": root_collection.pk, "files[]": upload("to-trinh.pdf", exe_bytes())},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    data = json.loads(response.content)
    assert data["success"] is False
    assert "không phải là tài liệu .pdf" in data["error_message"]
    assert not PortalDocument.objects.exists()
    assert not new_files()


def test_a_document_over_the_size_limit_is_refused_in_vietnamese(
    admin_client, root_collection, new_files, settings
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    response = add_document(admin_client, root_collection, "dai.pdf", pdf_bytes())
    assert_form_refused(response, TOO_BIG)
    assert not PortalDocument.objects.exists()
    assert not new_files()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("nghi-dinh.pdf", pdf_bytes),
        ("du-thao.docx", docx_bytes),
        ("bien-ban.odt", odt_bytes),
        ("bang-so-lieu.xlsx", lambda: zip_bytes({"[Content_Types].xml": "", "xl/a.xml": ""})),
        ("cu.doc", lambda: bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)),
    ],
)
def test_real_documents_are_accepted(admin_client, root_collection, name, make):
    content = make()  # once: a ZIP made a second later carries another timestamp
    response = add_document(admin_client, root_collection, name, content)
    assert response.status_code == 302
    assert stored_bytes(PortalDocument.objects.get()) == content


def test_a_served_document_is_an_attachment_browsers_must_not_sniff(
    admin_client, client, root_collection
):
    add_document(admin_client, root_collection, "nghi-dinh.pdf", pdf_bytes())
    document = PortalDocument.objects.get()
    response = client.get(f"/documents/{document.pk}/{document.filename}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


# Audio and video ---------------------------------------------------------------------------------


def add_media(client, collection, media_type, name, content, **fields):
    data = {"title": "Bản tin", "collection": collection.pk, "duration": "", **fields}
    data["file"] = upload(name, content)
    return client.post(reverse("wagtailmedia:add", args=[media_type]), data)


def test_a_pdf_renamed_mp3_is_refused(admin_client, root_collection, new_files):
    response = add_media(admin_client, root_collection, "audio", "ban-tin.mp3", pdf_bytes())
    assert_form_refused(response, "Không đọc được tệp .mp3")
    assert "is not allowed" not in response.text
    assert not PortalMedia.objects.exists()
    assert not new_files()


def test_audio_must_have_an_audio_extension(admin_client, root_collection, new_files):
    response = add_media(admin_client, root_collection, "audio", "clip.webm", webm_bytes())
    assert_form_refused(response, "Không nhận tệp .webm cho âm thanh")
    assert not PortalMedia.objects.exists()
    assert not new_files()


def test_audio_over_the_size_limit_is_refused(admin_client, root_collection, new_files, settings):
    settings.PORTAL_MEDIA_MAX_UPLOAD_SIZE = 1000
    response = add_media(admin_client, root_collection, "audio", "dai.wav", wav_bytes())
    assert_form_refused(response, TOO_BIG)
    assert not PortalMedia.objects.exists()
    assert not new_files()


def test_a_real_wav_is_accepted_with_its_duration_read_from_the_file(admin_client, root_collection):
    response = add_media(admin_client, root_collection, "audio", "phat-bieu.wav", wav_bytes(0.5))
    assert response.status_code == 302
    media = PortalMedia.objects.get()
    assert media.duration == 0.5
    assert not media.captions, "audio needs no captions"


def test_a_duration_the_editor_typed_is_kept(admin_client, root_collection):
    add_media(admin_client, root_collection, "audio", "a.wav", wav_bytes(0.5), duration="12")
    assert PortalMedia.objects.get().duration == 12


def test_a_video_without_captions_is_refused(admin_client, root_collection, new_files):
    response = add_media(admin_client, root_collection, "video", "hop-bao.webm", webm_bytes())
    assert_form_refused(response, CAPTIONS_REQUIRED)
    assert not PortalMedia.objects.exists()
    assert not new_files()


BAD_CAPTIONS = {
    "not WebVTT": ("phu-de.vtt", b"1\n00:00:00,000 --> 00:00:02,500\nXin chao\n", "WEBVTT"),
    "no cue": ("phu-de.vtt", b"WEBVTT\n\nChi co loi, khong co thoi gian\n", "dòng thời gian"),
    "not UTF-8": ("phu-de.vtt", VTT.encode("utf-16"), "UTF-8"),
    "SubRip file": ("phu-de.srt", VTT.encode(), "phần mở rộng .vtt"),
    "too large": ("phu-de.vtt", VTT.encode() * 20, "Tệp quá lớn"),
}


@pytest.mark.parametrize("case", BAD_CAPTIONS, ids=list(BAD_CAPTIONS))
def test_bad_captions_are_refused(admin_client, root_collection, new_files, settings, case):
    settings.PORTAL_CAPTIONS_MAX_UPLOAD_SIZE = 1000
    name, content, message = BAD_CAPTIONS[case]
    response = add_media(
        admin_client,
        root_collection,
        "video",
        "hop-bao.webm",
        webm_bytes(),
        captions=upload(name, content, "text/vtt"),
    )
    assert_form_refused(response, message)
    assert not PortalMedia.objects.exists()
    assert not new_files()


def test_a_matroska_file_renamed_webm_is_refused(admin_client, root_collection):
    mkv = webm_bytes().replace(b"\x84webm", b"\x88matroska")
    response = add_media(
        admin_client,
        root_collection,
        "video",
        "phim.webm",
        mkv,
        captions=upload("phu-de.vtt", VTT.encode()),
    )
    assert_form_refused(response, "Không đọc được tệp .webm")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("poster.jpg", pdf_bytes, "Tệp không phải là ảnh"),
        ("poster.gif", lambda: encode(picture().convert("P"), "GIF"), NOT_A_SUPPORTED_FORMAT),
        ("poster.jpg", lambda: encode(picture(), "JPEG")[:300], CORRUPT),
        ("poster.jpg", truncated_jpeg, CORRUPT),
        # Past twice Pillow's limit (an error), and between once and twice (a warning).
        ("poster.png", pixel_bomb_png, TOO_MANY_PIXELS),
        ("poster.png", lambda: pixel_bomb_png(10_000), TOO_MANY_PIXELS),
    ],
)
def test_a_poster_must_be_a_real_photo(
    admin_client, root_collection, new_files, name, make, message
):
    response = add_media(
        admin_client,
        root_collection,
        "video",
        "hop-bao.webm",
        webm_bytes(),
        captions=upload("phu-de.vtt", VTT.encode()),
        thumbnail=upload(name, make()),
    )
    assert_form_refused(response, message)
    assert not PortalMedia.objects.exists()
    assert not new_files()


def test_a_captioned_video_with_a_poster_is_accepted_and_the_poster_stripped(
    admin_client, root_collection
):
    poster = png_bytes(text={"Location": "Hội trường Diên Hồng"})
    response = add_media(
        admin_client,
        root_collection,
        "video",
        "hop-bao.webm",
        webm_bytes(),
        captions=upload("phu-de.vtt", ("\ufeff" + VTT).encode()),
        thumbnail=upload("poster.png", poster),
    )
    assert response.status_code == 302
    media = PortalMedia.objects.get()
    assert media.type == "video" and media.captions
    assert b"Location" not in stored_bytes(media, "thumbnail")
