"""Checks on uploaded files that Wagtail leaves out, used by the asset forms in media.forms.

Images are decoded in full (Wagtail only reads the header) and stored without the metadata that
can locate or identify a photographer: the segments are cut out of the file, the pixels are never
re-encoded. Documents and audio/video must really be what their extension says. Every refusal is a
ValidationError with a Vietnamese message, raised before anything is written to storage.
"""

import re
import warnings
import zipfile
import zlib
from contextlib import contextmanager
from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

import mutagen
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE
from PIL import ExifTags, Image, ImageFile

FILE_TOO_LARGE = _("Tệp quá lớn (%(size)s). Dung lượng tối đa %(max_size)s.")

IMAGE_EXTENSION_REFUSED = _(
    "Định dạng ảnh không được hỗ trợ. Các định dạng được hỗ trợ: %(formats)s."
)
NOT_AN_IMAGE = _("Tệp không phải là ảnh, hoặc ảnh đã bị hỏng.")
IMAGE_FORMAT_MISMATCH = _(
    "Không phải ảnh .%(extension)s hợp lệ: nội dung tệp là ảnh %(format)s. "
    "Hãy đổi phần mở rộng cho đúng hoặc xuất lại ảnh."
)
IMAGE_TOO_MANY_PIXELS = _(
    "Ảnh có quá nhiều điểm ảnh để xử lý an toàn. Tối đa %(max_pixels)s điểm ảnh."
)
IMAGE_CORRUPT = _(
    "Tệp ảnh bị hỏng hoặc không đầy đủ (có thể do tải lên bị gián đoạn). "
    "Hãy mở ảnh bằng phần mềm chỉnh ảnh, lưu lại rồi tải lên lần nữa."
)

DOCUMENT_EXTENSION_REFUSED = _(
    "Không nhận tệp .%(extension)s. Các định dạng tài liệu được phép: %(allowed)s."
)
DOCUMENT_CONTENT_MISMATCH = _(
    "Nội dung tệp không phải là tài liệu .%(extension)s: phần mở rộng không khớp với nội dung. "
    "Hãy mở tệp bằng phần mềm gốc và lưu lại đúng định dạng .%(extension)s."
)

MEDIA_EXTENSION_REFUSED = _(
    "Không nhận tệp .%(extension)s cho %(kind)s. Các định dạng được phép: %(allowed)s."
)
MEDIA_UNREADABLE = _(
    "Không đọc được tệp .%(extension)s: nội dung không phải là âm thanh/video đúng định dạng này."
)
AUDIO = _("âm thanh")
VIDEO = _("video")

CAPTIONS_EXTENSION_REFUSED = _("Phụ đề phải là tệp WebVTT có phần mở rộng .vtt.")
CAPTIONS_NOT_UTF8 = _("Tệp phụ đề phải được lưu ở bảng mã UTF-8.")
CAPTIONS_NO_HEADER = _("Tệp phụ đề không phải WebVTT: dòng đầu tiên phải bắt đầu bằng “WEBVTT”.")
CAPTIONS_NO_CUES = _(
    "Tệp phụ đề không có dòng thời gian nào dạng “00:00:01.000 --> 00:00:04.000”."
)


def extension_of(name):
    return PurePath(name or "").suffix[1:].lower()


def check_size(upload, max_size, message=FILE_TOO_LARGE):
    """Refuse an upload over `max_size` bytes (None: no limit)."""
    if max_size is not None and upload.size > max_size:
        raise ValidationError(
            message,
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "max_size": filesizeformat(max_size)},
        )


def read_all(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


# Images ------------------------------------------------------------------------------------------

# What Pillow may identify an upload as (the only formats the library accepts), and the name used
# in WAGTAILIMAGES_EXTENSIONS. A JPEG carrying a multi-picture (MPF) index opens as "MPO".
PILLOW_FORMATS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
PILLOW_NAMES = ["JPEG", "PNG", "GIF", "WEBP"]  # MPO is opened by the JPEG plug-in


class CorruptImage(ValueError):
    """The file's structure is broken: truncated, or a length pointing past the end."""


def clean_image(upload, *, extensions, max_size, max_pixels):
    """Check an uploaded image in full and return a copy stripped of identifying metadata.

    The copy is a new uploaded file with the same name and content type, so that the size and
    hash Wagtail records are those of the bytes stored.
    """
    extension = extension_of(upload.name)
    if extension not in extensions:
        raise ValidationError(
            IMAGE_EXTENSION_REFUSED,
            code="invalid_image_extension",
            params={"formats": ", ".join(extensions).upper()},
        )
    check_size(upload, max_size)
    data = read_all(upload)
    image_format = identify_image(data, max_pixels)
    if image_format != ("jpeg" if extension == "jpg" else extension):
        raise ValidationError(
            IMAGE_FORMAT_MISMATCH,
            code="invalid_image_known_format",
            params={"extension": extension, "format": image_format.upper()},
        )
    try:
        cleaned = strip_metadata(data, image_format)
    except CorruptImage as error:
        raise ValidationError(IMAGE_CORRUPT, code="image_corrupt") from error
    decode_fully(cleaned, max_pixels)
    return SimpleUploadedFile(upload.name, cleaned, content_type=upload.content_type)


def identify_image(data, max_pixels):
    """The image format as named in WAGTAILIMAGES_EXTENSIONS, read from the header only."""
    with pillow_guard(max_pixels), Image.open(BytesIO(data), formats=PILLOW_NAMES) as image:
        return PILLOW_FORMATS[image.format]


def decode_fully(data, max_pixels):
    """Decode every frame, so a truncated or corrupt file is refused now, not at first render."""
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        # With it on, Pillow pads a truncated image with grey instead of failing.
        raise ImproperlyConfigured("media.uploads needs PIL.ImageFile.LOAD_TRUNCATED_IMAGES False")
    with pillow_guard(max_pixels), Image.open(BytesIO(data), formats=PILLOW_NAMES) as image:
        width, height = image.size
        frames = getattr(image, "n_frames", 1)
        if max_pixels is not None and width * height * frames > max_pixels:
            raise too_many_pixels(max_pixels)
        for frame in range(frames):
            image.seek(frame)
            image.load()


def too_many_pixels(max_pixels):
    return ValidationError(
        IMAGE_TOO_MANY_PIXELS,
        code="file_too_many_pixels",
        params={"max_pixels": max_pixels or Image.MAX_IMAGE_PIXELS},
    )


@contextmanager
def pillow_guard(max_pixels):
    """Turn Pillow's decompression-bomb warning and error, and any parse failure, into refusals."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise too_many_pixels(max_pixels) from error
    except Image.UnidentifiedImageError as error:
        raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from error
    except Exception as error:  # noqa: BLE001
        # Pillow reports broken data as OSError, SyntaxError, ValueError, EOFError and others.
        raise ValidationError(IMAGE_CORRUPT, code="image_corrupt") from error


def strip_metadata(data, image_format):
    """The same image without Exif (bar its orientation), XMP, IPTC, comments or text chunks."""
    return {"jpeg": strip_jpeg, "png": strip_png, "webp": strip_webp, "gif": strip_gif}[
        image_format
    ](data)


def orientation_exif(exif_data):
    """A minimal TIFF/Exif block holding only the orientation of `exif_data`, or b"" if upright.

    Cameras store a rotated photo as the sensor saw it plus an Orientation tag; dropping the tag
    would turn the photo on its side.
    """
    if not exif_data:
        return b""
    try:
        source = Image.Exif()
        source.load(exif_data)
        orientation = source.get(ExifTags.Base.Orientation)
    except Exception:  # noqa: BLE001 (a malformed Exif block is simply dropped)
        return b""
    if not isinstance(orientation, int) or not 2 <= orientation <= 8:
        return b""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    return exif.tobytes()[len(b"Exif\x00\x00") :]


def _need(data, end):
    if end > len(data):
        raise CorruptImage("unexpected end of file")


# JPEG: keep the segments needed to decode and colour the image, cut everything else.
JPEG_KEEP_APP = {
    0xE0: b"JFIF\x00",  # JFIF header
    0xE2: b"ICC_PROFILE\x00",  # colour profile (APP2 also carries MPF, which is dropped)
    0xEE: b"Adobe",  # colour transform flag: without it some CMYK/YCCK files decode wrongly
}
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn have no length


def strip_jpeg(data):
    """Drop APP1 (Exif, XMP), APP13 (IPTC), comments, MPF and any data after the image's end.

    A phone's extra pictures (depth map, HDR gain map) follow the first image's EOI, each with its
    own Exif; cutting at EOI drops them too. The entropy-coded data is copied byte for byte.
    """
    if data[:2] != b"\xff\xd8":
        raise CorruptImage("no SOI")
    segments = []
    exif = b""
    pos = 2
    while True:
        _need(data, pos + 1)
        if data[pos] != 0xFF:
            raise CorruptImage("marker expected")
        while data[pos] == 0xFF:  # fill bytes
            pos += 1
            _need(data, pos + 1)
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            break
        if marker in JPEG_STANDALONE:
            segments.append(bytes((0xFF, marker)))
            continue
        _need(data, pos + 2)
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            raise CorruptImage("bad segment length")
        _need(data, pos + length)
        segment = b"\xff" + bytes((marker,)) + data[pos : pos + length]
        payload = data[pos + 2 : pos + length]
        pos += length
        if marker == 0xDA:  # SOS: the scan's entropy-coded data runs to the next real marker
            start = pos
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= len(data):
                    raise CorruptImage("scan data truncated")
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    pos += 2
                elif following == 0xFF:
                    pos += 1
                else:
                    break
            segments.append(segment + data[start:pos])
        elif 0xE0 <= marker <= 0xEF or marker == 0xFE:
            if marker == 0xE1 and not exif and payload.startswith(b"Exif\x00\x00"):
                exif = payload  # the first Exif block is the one readers honour
            signature = JPEG_KEEP_APP.get(marker)
            if signature and payload.startswith(signature):
                segments.append(segment)
        else:
            segments.append(segment)
    if not any(segment[1] == 0xDA for segment in segments):
        raise CorruptImage("no image data")
    orientation = orientation_exif(exif)
    if orientation:
        payload = b"Exif\x00\x00" + orientation
        app1 = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
        # JFIF's APP0, when present, must stay the first segment.
        at = 1 if segments and segments[0][1] == 0xE0 else 0
        segments.insert(at, app1)
    return b"\xff\xd8" + b"".join(segments) + b"\xff\xd9"


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Ancillary chunks that change how the image looks (colour, transparency, animation). Text, eXIf,
# tIME and any chunk not listed are dropped; critical chunks (IHDR, PLTE, IDAT, IEND) always stay.
PNG_KEEP_ANCILLARY = {
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD", b"pHYs", b"hIST", b"sPLT",
    b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCV", b"cLLI",
}  # fmt: skip


def _png_chunk(kind, body):
    crc = zlib.crc32(kind + body).to_bytes(4, "big")
    return len(body).to_bytes(4, "big") + kind + body + crc


def strip_png(data):
    """Drop eXIf and tEXt/zTXt/iTXt (and other non-visual chunks) and anything after IEND."""
    if not data.startswith(PNG_SIGNATURE):
        raise CorruptImage("no PNG signature")
    chunks = []
    exif = b""
    pos = len(PNG_SIGNATURE)
    while True:
        _need(data, pos + 8)
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        _need(data, pos + 12 + length)
        body = data[pos + 8 : pos + 8 + length]
        crc = int.from_bytes(data[pos + 8 + length : pos + 12 + length], "big")
        if zlib.crc32(kind + body) != crc:
            raise CorruptImage(f"bad CRC in {kind!r}")
        chunk = data[pos : pos + 12 + length]
        pos += 12 + length
        if kind == b"eXIf" and not exif:
            exif = body
        if not kind[0] & 0x20 or kind in PNG_KEEP_ANCILLARY:
            chunks.append(chunk)
        if kind == b"IEND":
            break
    if not chunks or chunks[0][4:8] != b"IHDR":
        raise CorruptImage("IHDR must come first")
    orientation = orientation_exif(exif)
    if orientation:
        chunks.insert(1, _png_chunk(b"eXIf", orientation))
    return PNG_SIGNATURE + b"".join(chunks)


WEBP_KEEP = {b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L"}
VP8X_EXIF = 0x08
VP8X_XMP = 0x04


def _riff_chunk(fourcc, body):
    return fourcc + len(body).to_bytes(4, "little") + body + (b"\x00" if len(body) % 2 else b"")


def strip_webp(data):
    """Drop the EXIF and "XMP " chunks (and unknown ones), fix the VP8X flags and the RIFF size."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise CorruptImage("not a RIFF/WEBP file")
    end = 8 + int.from_bytes(data[4:8], "little")
    _need(data, end)
    chunks = []
    exif = b""
    pos = 12
    while pos < end:
        _need(data, pos + 8)
        fourcc = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        if pos + 8 + size > end:
            raise CorruptImage(f"chunk {fourcc!r} runs past the end")
        body = data[pos + 8 : pos + 8 + size]
        pos += 8 + size + size % 2
        if fourcc == b"EXIF" and not exif:
            exif = body
        if fourcc in WEBP_KEEP:
            chunks.append([fourcc, body])
    if not chunks:
        raise CorruptImage("no image data")
    # Exif can only be carried by the extended format (with its VP8X header chunk).
    orientation = orientation_exif(exif) if chunks[0][0] == b"VP8X" else b""
    if chunks[0][0] == b"VP8X":
        header = bytearray(chunks[0][1])
        if not header:
            raise CorruptImage("empty VP8X")
        header[0] &= ~(VP8X_EXIF | VP8X_XMP) & 0xFF
        if orientation:
            header[0] |= VP8X_EXIF
            chunks.append([b"EXIF", orientation])
        chunks[0][1] = bytes(header)
    body = b"WEBP" + b"".join(_riff_chunk(fourcc, content) for fourcc, content in chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


# GIF application extensions that affect playback or colour; XMP and others are dropped.
GIF_KEEP_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")


def _gif_sub_blocks_end(data, pos):
    while True:
        _need(data, pos + 1)
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def strip_gif(data):
    """Drop comment extensions and application extensions such as XMP; cut after the trailer."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise CorruptImage("no GIF header")
    _need(data, 13)
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0)
    _need(data, pos)
    out = [data[:pos]]
    while True:
        _need(data, pos + 1)
        introducer = data[pos]
        if introducer == 0x3B:  # trailer
            out.append(b";")
            break
        if introducer == 0x2C:  # image descriptor, optional local colour table, LZW data
            _need(data, pos + 10)
            local = data[pos + 9]
            start = pos
            pos += 10 + (3 * 2 ** ((local & 0x07) + 1) if local & 0x80 else 0) + 1
            pos = _gif_sub_blocks_end(data, pos)
            out.append(data[start:pos])
        elif introducer == 0x21:  # extension
            _need(data, pos + 2)
            label = data[pos + 1]
            start = pos
            pos = _gif_sub_blocks_end(data, pos + 2)
            block = data[start:pos]
            if label in (0xF9, 0x01) or (label == 0xFF and block[3:14] in GIF_KEEP_APPLICATIONS):
                out.append(block)
        else:
            raise CorruptImage("unknown GIF block")
    return b"".join(out)


# Documents ---------------------------------------------------------------------------------------

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
OPENDOCUMENT_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/"}


def check_document(upload, allowed_extensions):
    """Refuse a document whose contents are not the format its extension names."""
    extension = extension_of(upload.name)
    if allowed_extensions and extension not in allowed_extensions:
        raise ValidationError(
            DOCUMENT_EXTENSION_REFUSED,
            code="invalid_extension",
            params={"extension": extension, "allowed": ", ".join(allowed_extensions)},
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == "pdf":
        matches = head.startswith(b"%PDF-")
    elif extension in ("doc", "xls"):
        matches = head == OLE2_MAGIC
    elif extension in OOXML_FOLDERS or extension in OPENDOCUMENT_MIMETYPES:
        matches = head.startswith(ZIP_MAGIC) and _zip_matches(upload, extension)
    else:
        matches = True  # an extension the portal added without a rule here: nothing to compare
    if not matches:
        raise ValidationError(
            DOCUMENT_CONTENT_MISMATCH, code="content_mismatch", params={"extension": extension}
        )


def _zip_matches(upload, extension):
    """Read the ZIP's directory (and an ODF's tiny `mimetype` entry); never inflate the rest."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if extension in OOXML_FOLDERS:
                folder = OOXML_FOLDERS[extension]
                return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
            info = archive.getinfo("mimetype")
            if info.file_size > 100:
                return False
            return archive.read(info).strip() == OPENDOCUMENT_MIMETYPES[extension]
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError):
        return False
    finally:
        upload.seek(0)


# Audio and video ---------------------------------------------------------------------------------

MUTAGEN_TYPES = {
    "mp3": [MP3],
    "m4a": [MP4],
    "mp4": [MP4],
    "ogg": [OggVorbis, OggOpus, OggFLAC, OggSpeex],
    "opus": [OggOpus],
    "wav": [WAVE],
}
EBML_MAGIC = bytes.fromhex("1A45DFA3")


def check_media_file(upload, *, extensions, kind, max_size):
    """Refuse audio/video that is not what its extension says; return its length in seconds.

    The length is None when it cannot be read (WebM, which mutagen does not parse).
    """
    extension = extension_of(upload.name)
    if extension not in extensions:
        raise ValidationError(
            MEDIA_EXTENSION_REFUSED,
            code="invalid_extension",
            params={"extension": extension, "kind": kind, "allowed": ", ".join(extensions)},
        )
    check_size(upload, max_size)
    unreadable = ValidationError(
        MEDIA_UNREADABLE, code="invalid_media", params={"extension": extension}
    )
    upload.seek(0)
    try:
        if extension == "webm":
            head = upload.read(64)
            # Matroska shares the EBML magic; the DocType says which one the file is.
            if not head.startswith(EBML_MAGIC) or b"webm" not in head:
                raise unreadable
            return None
        if extension not in MUTAGEN_TYPES:
            return None  # an extension allowed in settings without a parser here
        try:
            parsed = mutagen.File(upload, options=MUTAGEN_TYPES[extension])
        except Exception as error:  # noqa: BLE001 (mutagen raises many kinds on hostile input)
            raise unreadable from error
        if parsed is None or parsed.info is None:
            raise unreadable
        length = getattr(parsed.info, "length", None)
        return round(length, 1) if length and length > 0 else None
    finally:
        upload.seek(0)


# A cue timing line: "00:01.000 --> 00:04.000" or "01:00:01.000 --> 01:00:04.000 align:start".
VTT_TIMESTAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
VTT_TIMING = re.compile(
    rf"^{VTT_TIMESTAMP}[ \t]+-->[ \t]+{VTT_TIMESTAMP}(?:[ \t].*)?$", re.MULTILINE
)


def check_captions(upload, max_size):
    """Refuse captions that are not a WebVTT file with at least one cue."""
    if extension_of(upload.name) != "vtt":
        raise ValidationError(CAPTIONS_EXTENSION_REFUSED, code="invalid_extension")
    check_size(upload, max_size)
    try:
        text = read_all(upload).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(CAPTIONS_NOT_UTF8, code="invalid_encoding") from error
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    first_line = text.split("\n", 1)[0]
    if not re.match(r"WEBVTT(?:[ \t]|$)", first_line):
        raise ValidationError(CAPTIONS_NO_HEADER, code="invalid_captions")
    if not VTT_TIMING.search(text):
        raise ValidationError(CAPTIONS_NO_CUES, code="invalid_captions")
