"""The portal's own image, document and audio/video models.

Swapping a Wagtail asset model after the first migration is painful, so these exist from day one
even where they add little yet.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.search import index
from wagtailmedia.models import AbstractMedia

from core.search.indexing import FoldedWords
from media.alt_text import ALT_TEXT_HELP


class PortalImage(FoldedWords, AbstractImage):
    """A photo with the caption and credit that travel with it wherever it is used."""

    # Wagtail uses `description` as the image's default alt text; named here for what it is.
    description = models.CharField(
        _("văn bản thay thế (alt)"),
        max_length=255,
        blank=True,
        default="",
        help_text=ALT_TEXT_HELP,
    )
    caption = models.TextField(
        _("chú thích"), blank=True, help_text=_("Chú thích ảnh hiện dưới ảnh.")
    )
    credit = models.CharField(
        _("nguồn ảnh"),
        max_length=255,
        blank=True,
        help_text=_("Cơ quan/tác giả, ví dụ “TTXVN/Nguyễn Văn A”. Hiện là “Ảnh: …”."),
    )

    admin_form_fields = (
        "title",
        "file",
        "caption",
        "credit",
        "description",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )
    search_fields = [
        *AbstractImage.search_fields,
        # The admin's image search matches as you type (autocomplete), so both kinds are indexed.
        index.SearchField("caption"),
        index.AutocompleteField("caption"),
        index.SearchField("credit_words"),
        index.AutocompleteField("credit_words"),
        *FoldedWords.folded_search_fields,
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")

    @property
    def default_alt_text(self):
        return self.description or self.caption or self.title

    def credit_words(self):
        """The credit as separate words for the search index: PostgreSQL reads "TTXVN/Hồ Cầu" as
        one path-like token, so a search for the photographer would miss it."""
        return self.credit.replace("/", " / ")

    @property
    def credit_line(self):
        return f"Ảnh: {self.credit}" if self.credit else ""


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class PortalDocument(FoldedWords, AbstractDocument):
    """An attachment: signed legal texts, draft files, reports."""

    description = models.TextField(_("mô tả"), blank=True)

    admin_form_fields = ("title", "file", "description", "collection", "tags")
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        *FoldedWords.folded_search_fields,
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")


class PortalMedia(FoldedWords, AbstractMedia):
    """Audio or video, with the credit, transcript and (for video) captions every item must carry.

    wagtailmedia's `thumbnail` is the poster frame shown before a video plays; `duration` is read
    from the file on upload (media.forms) when the editor leaves it empty.
    """

    credit = models.CharField(_("nguồn"), max_length=255, blank=True)
    transcript = models.TextField(
        _("bản ghi lời"),
        blank=True,
        help_text=_("Toàn văn lời nói trong tệp, cho người không nghe được."),
    )
    captions = models.FileField(
        _("phụ đề (WebVTT)"),
        upload_to="media_captions",
        blank=True,
        help_text=_("Tệp .vtt tiếng Việt, bắt buộc với video đăng trên cổng."),
    )

    admin_form_fields = (*AbstractMedia.admin_form_fields, "credit", "transcript", "captions")
    search_fields = [*AbstractMedia.search_fields, *FoldedWords.folded_search_fields]

    class Meta(AbstractMedia.Meta):
        verbose_name = _("âm thanh/video")
        verbose_name_plural = _("âm thanh/video")
