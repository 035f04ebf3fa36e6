"""The multimedia desk: photo stories, video, audio bulletins and infographics, and their index.

A multimedia page lives under the multimedia index or in any section that accepts it (the
newsroom's sections do), so it shows in that section's listing beside articles with its kind's
badge. It takes part in feeds, search and the API through plain attributes: `sapo`, `image`,
`publication_time`, and `media_file` for audio and video.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel
from wagtailmedia.models import MediaType

from rest_framework.fields import DateTimeField

from core import cache_tags
from core.api_fields import ImageField, ObjectsField, RichTextHTMLField
from core.blocks import RICH_TEXT_FEATURES
from core.models import (
    BasePage,
    IntroductionMixin,
    PublicationTimeMixin,
    live_stories,
    optional_image_field,
)
from core.paginate import paginate
from core.sapo import SapoPrefixStripped, sapo_field

MULTIMEDIA_PAGE_SIZE = 24


class MultimediaPage(SapoPrefixStripped, PublicationTimeMixin, BasePage):
    """What every multimedia kind has: a sapo, a cover picture and who made it."""

    sapo = sapo_field()
    image = optional_image_field(
        _("ảnh bìa"),
        _("Ảnh trong danh sách tin và khi chia sẻ; phóng sự ảnh để trống sẽ dùng ảnh đầu tiên."),
    )
    byline = models.CharField(
        _("thực hiện"),
        max_length=255,
        blank=True,
        help_text=_("Những người thực hiện, ví dụ “Minh Anh - Đức Tâm”."),
    )

    # Named as strings, not imported: the site's tree puts multimedia in the index or in a
    # newsroom section, while this app's code needs nothing from the newsroom.
    parent_page_types = ["media.MultimediaIndexPage", "newsroom.SectionPage"]
    subpage_types = []
    kind_slug = ""
    lead_image_field = "image"
    summary_field = "sapo"

    search_fields = [*BasePage.search_fields, index.SearchField("sapo")]
    api_fields = [
        APIField("publication_time", serializer=DateTimeField(read_only=True)),
        APIField("sapo"),
        APIField("image", serializer=ImageField()),
        APIField("byline"),
    ]

    class Meta:
        abstract = True


def intro_panels():
    return MultiFieldPanel(
        [
            PublicationTimeMixin.publication_time_panel,
            FieldPanel("sapo"),
            FieldPanel("image"),
            FieldPanel("byline"),
        ],
        heading=_("Mở đầu"),
    )


class PhotoStoryPage(MultimediaPage):
    """A photo story (phóng sự ảnh): a lead, photos in order with captions and credits, a close."""

    closing_text = RichTextField(_("lời kết"), blank=True, features=RICH_TEXT_FEATURES)

    template = "media/photo_story_page.html"
    kind_label = _("Ảnh")
    kind_slug = search_kind = "anh"

    content_panels = [
        *BasePage.content_panels,
        intro_panels(),
        InlinePanel("photos", label=_("Ảnh"), min_num=1, heading=_("Các ảnh, theo thứ tự")),
        FieldPanel("closing_text"),
    ]
    search_fields = [
        *MultimediaPage.search_fields,
        index.SearchField("closing_text"),
        index.RelatedFields("photos", [index.SearchField("caption")]),
    ]
    api_fields = [
        *MultimediaPage.api_fields,
        APIField(
            "photos",
            serializer=ObjectsField(
                {"number": "0", "image": "1", "caption": "2"}, source="photo_list"
            ),
        ),
        APIField("closing_text", serializer=RichTextHTMLField()),
    ]

    class Meta:
        verbose_name = _("phóng sự ảnh")
        verbose_name_plural = _("phóng sự ảnh")

    def prefetch_sources(self):
        return [self.closing_text]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["photos"] = self.photo_list
        return context

    @cached_property
    def photo_list(self):
        """[(number, image, caption)]: the caption typed here, else the one saved with the photo."""
        photos = self.photos.select_related("image").prefetch_related("image__renditions")
        return [
            (number, photo.image, photo.caption or photo.image.caption)
            for number, photo in enumerate(photos, start=1)
        ]

    def save(self, *args, **kwargs):
        # No cover chosen: the first photo is the cover, stored so listings need no extra query.
        if self.image_id is None:
            first = next(iter(self.photos.all()), None)
            if first is not None:
                self.image_id = first.image_id
        return super().save(*args, **kwargs)


class PhotoStoryPhoto(Orderable):
    page = ParentalKey(PhotoStoryPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "media.PortalImage", verbose_name=_("ảnh"), on_delete=models.PROTECT, related_name="+"
    )
    caption = models.TextField(
        _("chú thích"), blank=True, help_text=_("Để trống sẽ dùng chú thích lưu cùng ảnh.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("ảnh trong phóng sự")
        verbose_name_plural = _("ảnh trong phóng sự")


def media_field(verbose_name, media_type):
    return models.ForeignKey(
        "media.PortalMedia",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"type": media_type},
    )


class MediaFilePage(MultimediaPage):
    """A page built around one audio or video file from the library, which carries the duration,
    the transcript and (for video) the captions and poster."""

    description = RichTextField(_("nội dung"), blank=True, features=RICH_TEXT_FEATURES)
    media_type = ""
    joined_with_page = ("media",)  # the file comes with the page (core/specific.py)

    search_fields = [
        *MultimediaPage.search_fields,
        index.SearchField("description"),
        index.RelatedFields("media", [index.SearchField("transcript")]),
    ]

    api_fields = [
        *MultimediaPage.api_fields,
        APIField(
            "media",
            serializer=ObjectsField(
                {
                    "title": "title",
                    "type": "type",
                    "url": "file",
                    "duration": "duration",
                    "width": "width",
                    "height": "height",
                    "poster": "thumbnail",
                    "captions": "captions",
                    "transcript": "transcript",
                    "credit": "credit",
                },
                source="media_file",
            ),
        ),
        APIField("description", serializer=RichTextHTMLField()),
    ]

    class Meta:
        abstract = True

    @property
    def media_file(self):
        return self.media

    def prefetch_sources(self):
        return [self.description]

    def clean(self):
        super().clean()
        media = self.media if self.media_id else None
        if media is None:
            return
        if media.type != self.media_type:
            raise ValidationError({"media": _("Tệp đã chọn không đúng loại cho trang này.")})
        if not media.transcript.strip():
            raise ValidationError(
                {
                    "media": _(
                        "Tệp “%(title)s” chưa có bản ghi lời. Thêm bản ghi lời trong thư viện "
                        "âm thanh/video trước khi đăng."
                    )
                    % {"title": media.title}
                }
            )


class VideoPage(MediaFilePage):
    """A self-hosted video with its poster, Vietnamese captions and transcript."""

    media = media_field(_("video"), MediaType.VIDEO)

    template = "media/video_page.html"
    kind_label = _("Video")
    kind_slug = search_kind = "video"
    media_type = MediaType.VIDEO

    content_panels = [
        *BasePage.content_panels,
        intro_panels(),
        MediaChooserPanel("media", media_type=media_type),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("video")

    def clean(self):
        super().clean()
        if self.media_id and not self.media.captions:
            raise ValidationError(
                {"media": _("Video chưa có phụ đề (.vtt). Thêm phụ đề trước khi đăng.")}
            )


class AudioBulletinPage(MediaFilePage):
    """An audio news bulletin (bản tin âm thanh) a radio partner broadcasts; these make the
    podcast feed."""

    media = media_field(_("tệp âm thanh"), MediaType.AUDIO)
    broadcast_partner = models.CharField(
        _("đối tác phát sóng"),
        max_length=255,
        help_text=_("Đài phát bản tin, ví dụ “Đài Tiếng nói Việt Nam”."),
    )
    air_time = models.DateTimeField(_("giờ phát sóng"))

    template = "media/audio_bulletin_page.html"
    kind_label = _("Âm thanh")
    kind_slug = search_kind = "am-thanh"
    media_type = MediaType.AUDIO

    content_panels = [
        *BasePage.content_panels,
        intro_panels(),
        MediaChooserPanel("media", media_type=media_type),
        MultiFieldPanel(
            [FieldPanel("broadcast_partner"), FieldPanel("air_time")], heading=_("Phát sóng")
        ),
        FieldPanel("description"),
    ]
    search_fields = [*MediaFilePage.search_fields, index.SearchField("broadcast_partner")]
    api_fields = [*MediaFilePage.api_fields, APIField("broadcast_partner"), APIField("air_time")]

    class Meta:
        verbose_name = _("bản tin âm thanh")
        verbose_name_plural = _("bản tin âm thanh")


class InfographicPage(MultimediaPage):
    """An infographic: the picture, and its full content as text for those who cannot see it."""

    # The infographic itself is the page's picture, so listings show it with no extra query.
    image = models.ForeignKey(
        "media.PortalImage",
        verbose_name=_("ảnh infographic"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text_alternative = RichTextField(
        _("nội dung dạng chữ"),
        features=["bold", "italic", "h3", "ol", "ul", "link"],
        help_text=_(
            "Toàn bộ số liệu và thông tin trong infographic, cho người dùng trình đọc màn hình."
        ),
    )

    template = "media/infographic_page.html"
    kind_label = _("Infographic")
    kind_slug = search_kind = "infographic"

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                PublicationTimeMixin.publication_time_panel,
                FieldPanel("sapo"),
                FieldPanel("byline"),
            ],
            heading=_("Mở đầu"),
        ),
        FieldPanel("image"),
        FieldPanel("text_alternative"),
    ]
    search_fields = [*MultimediaPage.search_fields, index.SearchField("text_alternative")]
    api_fields = [
        *MultimediaPage.api_fields,
        APIField("text_alternative", serializer=RichTextHTMLField()),
    ]

    class Meta:
        verbose_name = _("infographic")
        verbose_name_plural = _("infographic")

    def prefetch_sources(self):
        return [self.text_alternative]


MULTIMEDIA_PAGE_TYPES = (PhotoStoryPage, VideoPage, AudioBulletinPage, InfographicPage)
KINDS = {page_type.kind_slug: page_type for page_type in MULTIMEDIA_PAGE_TYPES}


def multimedia_stories():
    return live_stories(*MULTIMEDIA_PAGE_TYPES)


class MultimediaIndexPage(IntroductionMixin, BasePage):
    """/multimedia/: every multimedia item of the site, newest first, filtered by kind."""

    template = "media/multimedia_index_page.html"
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = [f"media.{page_type.__name__}" for page_type in MULTIMEDIA_PAGE_TYPES]
    max_count = 1
    summary_field = "introduction"

    content_panels = [*BasePage.content_panels, *IntroductionMixin.introduction_panels]

    class Meta:
        verbose_name = _("trang đa phương tiện")
        verbose_name_plural = _("trang đa phương tiện")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everything under the home page this index belongs to, wherever an editor filed it.
        site_root_path = self.path[: -self.steplen]
        cache_tags.add(cache_tags.PUBLICATIONS)  # stories filed in any section
        stories = multimedia_stories().filter(path__startswith=site_root_path)
        # An unknown ?loai= is ignored: the full list, never an error.
        kind = request.GET.get("loai")
        if kind in KINDS:
            stories = stories.type(KINDS[kind])
        else:
            kind = None
        context["kinds"] = [(slug, page_type.kind_label) for slug, page_type in KINDS.items()]
        context["current_kind"] = kind
        context["page_obj"] = page_obj = paginate(stories, request, MULTIMEDIA_PAGE_SIZE)
        context["stories"] = page_obj.object_list
        return context
