"""Upload rules for the asset library, on top of Wagtail's own (the checks live in media.uploads).

These are the base forms named in settings, so they apply to every admin view that takes an
upload: add, multiple upload, edit (replacing the file) and the choosers' upload tabs. Each file
is stored under a cleaned name (media.upload_names), never the one the editor's computer sent.
"""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtailmedia.forms import BaseMediaForm
from wagtailmedia.models import MediaType
from wagtailmedia.settings import wagtailmedia_settings

from media import uploads
from media.agency_captions import suggest_captions
from media.alt_text import AltTextInput, describes_nothing
from media.upload_names import clean_upload

POSTER_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
DURATION_HELP = _("Tính bằng giây. Để trống hoặc 0 để lấy thời lượng từ tệp (trừ tệp WebM).")
POSTER_HELP = _("Ảnh hiện trước khi phát: JPEG, PNG hoặc WebP.")
FROM_THE_FILE = _("Lấy từ dữ liệu ảnh gốc — kiểm tra trước khi lưu.")
VIDEO_NEEDS_CAPTIONS = _(
    "Video đăng trên cổng phải có phụ đề: hãy tải lên tệp phụ đề WebVTT (.vtt)."
)


def _new_upload(value):
    """The value if it is a file uploaded with this request (not the one already stored)."""
    return value if isinstance(value, UploadedFile) else None


class OwnFileErrorsMixin:
    """Keep only our own complaint about an upload we refused.

    Once a file field fails, the model's clean() still runs on an instance left without the file
    and re-checks its (now empty) extension: Wagtail's document model adds a second, English error
    to the field, wagtailmedia's an "invalid_extension" error to the whole form.
    """

    upload_fields = ("file",)

    def _post_clean(self):
        before = {key: errors.as_data() for key, errors in self.errors.items()}
        refused = [name for name in self.upload_fields if name in before]
        super()._post_clean()
        if not refused:
            return
        for key, errors in list(self._errors.items()):
            if key in refused:
                kept = before[key]
            else:
                kept = [
                    error
                    for error in errors.as_data()
                    if error in before.get(key, ()) or error.code != "invalid_extension"
                ]
            if kept:
                self._errors[key] = self.error_class(kept, renderer=self.renderer)
            else:
                del self._errors[key]


def _refuse_unreadable_header(check):
    """Wrap Wagtail's pixel-count check, which reads the header and lets Pillow's error on a
    broken one (a JPEG cut short inside its tables) escape as a server error."""

    @functools.wraps(check)
    def guarded(upload):
        try:
            return check(upload)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 (OSError, SyntaxError, struct.error, ...)
            raise ValidationError(uploads.IMAGE_CORRUPT, code="image_corrupt") from error

    return guarded


class PortalImageForm(BaseImageForm):
    """Wagtail's image form, with the upload checked in full and stripped (media.uploads), and
    the caption, credit and alt text an agency wrote into the file offered where they are empty.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = {}  # read from the uploaded file by clean_file
        if "file" in self.fields:
            field = self.fields["file"]  # this form's own copy
            field.check_image_pixel_size = _refuse_unreadable_header(field.check_image_pixel_size)
        # Wagtail's multiple uploader builds the edit form on the very instance its upload form
        # saved: the fields that came from the file say so there.
        for name in getattr(self.instance, "filled_from_file", ()):
            if name in self.fields:
                field = self.fields[name]
                field.help_text = format_lazy("{} {}", FROM_THE_FILE, field.help_text)
        if "description" in self.fields:
            widget = AltTextInput(attrs=self.fields["description"].widget.attrs)
            # Only an image already stored: the upload form itself has no caption field yet.
            widget.missing = bool(self.instance.pk) and describes_nothing(self)
            self.fields["description"].widget = widget

    def clean_file(self):
        upload = clean_upload(_new_upload(self.cleaned_data.get("file")))
        if upload is None:
            return self.cleaned_data.get("file")
        field = self.fields["file"]
        cleaned = uploads.clean_image(
            upload,
            extensions=field.allowed_image_extensions,
            max_size=field.max_upload_size,
            max_pixels=field.max_image_pixels,
        )
        # Read before the stored copy loses it; only a file that passed every check is read.
        self.suggestions = suggest_captions(uploads.read_all(upload))
        return cleaned

    def save(self, commit=True):
        """Fill what the editor left empty with the file's words; never replace what they typed."""
        filled = [name for name in self.suggestions if not getattr(self.instance, name, "")]
        for name in filled:
            setattr(self.instance, name, self.suggestions[name])
        self.instance.filled_from_file = filled
        return super().save(commit=commit)


class PortalDocumentForm(OwnFileErrorsMixin, BaseDocumentForm):
    def clean_file(self):
        upload = clean_upload(_new_upload(self.cleaned_data.get("file")))
        if upload is not None:
            uploads.check_document(upload, getattr(settings, "WAGTAILDOCS_EXTENSIONS", None))
        return self.cleaned_data.get("file")


class PortalMediaForm(OwnFileErrorsMixin, BaseMediaForm):
    """Audio or video that plays in every browser, with a real poster and, for video, captions."""

    upload_fields = ("file", "thumbnail")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_duration = None  # read from the uploaded file by clean_file
        for name in self.upload_fields + ("captions",):
            if name in self.fields:
                # A long name is shortened when it is cleaned (media.upload_names), not refused.
                self.fields[name].max_length = None
        if "duration" in self.fields:
            self.fields["duration"].help_text = DURATION_HELP
        if "thumbnail" in self.fields:
            self.fields["thumbnail"].help_text = POSTER_HELP

    def clean_file(self):
        upload = clean_upload(_new_upload(self.cleaned_data.get("file")))
        if upload is not None:
            if self.instance.type == MediaType.AUDIO:
                extensions, kind = wagtailmedia_settings.AUDIO_EXTENSIONS, uploads.AUDIO
            else:
                extensions, kind = wagtailmedia_settings.VIDEO_EXTENSIONS, uploads.VIDEO
            self.file_duration = uploads.check_media_file(
                upload,
                extensions=extensions,
                kind=kind,
                max_size=settings.PORTAL_MEDIA_MAX_UPLOAD_SIZE,
            )
        return self.cleaned_data.get("file")

    def clean_thumbnail(self):
        upload = clean_upload(_new_upload(self.cleaned_data.get("thumbnail")))
        if upload is None:
            return self.cleaned_data.get("thumbnail")
        # The poster is shown as is, so it gets the same full check and metadata stripping as a
        # photo in the image library.
        return uploads.clean_image(
            upload,
            extensions=POSTER_EXTENSIONS,
            max_size=getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None),
            max_pixels=getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None),
        )

    def clean_captions(self):
        upload = clean_upload(_new_upload(self.cleaned_data.get("captions")))
        if upload is not None:
            uploads.check_captions(upload, settings.PORTAL_CAPTIONS_MAX_UPLOAD_SIZE)
        return self.cleaned_data.get("captions")

    def clean(self):
        cleaned_data = super().clean()
        # Anything not declared audio is held to the video rule (wagtailmedia still routes a
        # type-less "media" add view).
        if (
            self.instance.type != MediaType.AUDIO
            and "captions" in self.fields
            and "captions" not in self.errors
            and not cleaned_data.get("captions")
        ):
            self.add_error("captions", VIDEO_NEEDS_CAPTIONS)
        # An editor who leaves the duration empty (or at its default 0) gets the file's own.
        if self.file_duration and not cleaned_data.get("duration"):
            cleaned_data["duration"] = self.file_duration
        return cleaned_data
