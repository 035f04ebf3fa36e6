"""Checks on uploaded files that Wagtail leaves out, used by the asset forms in media.forms.

Images are decoded in full (Wagtail only reads the header) and stored without the metadata that
can locate or identify a photographer: the segments are cut out of the file, the pixels are never
re-encoded. Documents and audio/video must really be what their extension says. Every refusal is a
ValidationError with a Vietnamese message, raised before anything is written to storage.
"""

import re
import warnings
import zipfile
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
from PIL import Image, ImageFile

from .image_metadata import CorruptImage, strip_metadata

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
CAPTIONS_NO_CUES = _("Tệp phụ đề không có dòng thời gian nào dạng “00:00:01.000 --> 00:00:04.000”.")


def extension_of(name):
    return PurePath(name or "").suffix[1:].lower()


def check_size(upload, max_size):
    """Refuse an upload over `max_size` bytes (None: no limit)."""
    if max_size is not None and upload.size > max_size:
        raise ValidationError(
            FILE_TOO_LARGE,
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
