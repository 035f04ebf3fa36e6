"""Multimedia pages and the audio/video they play. The files are tiny stand-ins: page tests check
what the page says about a file, tests/media/test_upload_rules.py checks real files."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Collection

import factory
import wagtail_factories

from media.models import (
    AudioBulletinPage,
    InfographicPage,
    MultimediaIndexPage,
    PhotoStoryPage,
    PhotoStoryPhoto,
    PortalMedia,
    VideoPage,
)

from .media import PortalImageFactory, stock_image

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nXin chào quý vị và các bạn.\n"


class PortalMediaFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Bản tin thời sự số {n}")
    type = "audio"
    file = factory.LazyAttribute(
        lambda o: ContentFile(
            b"\0" * 64, name="ban-tin.mp4" if o.type == "video" else "ban-tin.mp3"
        )
    )
    duration = 125.0
    credit = "VGP/Ban Biên tập"
    transcript = "Xin chào quý vị và các bạn. Sau đây là bản tin thời sự."
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = PortalMedia

    class Params:
        video = factory.Trait(
            type="video",
            title=factory.Sequence(lambda n: f"Video hội nghị số {n}"),
            width=1280,
            height=720,
            captions=factory.LazyFunction(lambda: ContentFile(VTT.encode(), name="phu-de.vtt")),
            thumbnail=factory.django.ImageField(width=1280, height=720, color="navy"),
        )


class MultimediaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Đa phương tiện"
    slug = "multimedia"
    show_in_menus = True

    class Meta:
        model = MultimediaIndexPage


class MultimediaPageFactory(wagtail_factories.PageFactory):
    sapo = "Những khoảnh khắc đáng nhớ của phiên họp Chính phủ thường kỳ."
    image = factory.LazyFunction(stock_image)
    byline = "Minh Anh - Đức Tâm"
    first_published_at = factory.Sequence(lambda n: timezone.now() - timedelta(hours=n + 1))


class PhotoStoryPageFactory(MultimediaPageFactory):
    title = factory.Sequence(lambda n: f"Phóng sự ảnh: Mùa lúa chín số {n}")
    slug = factory.Sequence(lambda n: f"phong-su-anh-{n}")
    image = None
    closing_text = "<p>Vụ mùa năm nay bội thu nhờ thời tiết thuận lợi.</p>"

    class Meta:
        model = PhotoStoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def photos(self, create, extracted, **kwargs):
        count = 3 if extracted is None else extracted
        for order in range(count):
            PhotoStoryPhoto.objects.create(
                page=self,
                image=PortalImageFactory(
                    caption=f"Nông dân thu hoạch lúa trên cánh đồng {order + 1}"
                ),
                sort_order=order,
            )
        if count and create:
            self.save()  # the first photo becomes the cover, as when an editor publishes


class VideoPageFactory(MultimediaPageFactory):
    title = factory.Sequence(lambda n: f"Video: Thủ tướng thăm công trình số {n}")
    slug = factory.Sequence(lambda n: f"video-{n}")
    media = factory.SubFactory(PortalMediaFactory, video=True)
    description = "<p>Thủ tướng kiểm tra tiến độ công trình trọng điểm.</p>"

    class Meta:
        model = VideoPage


class AudioBulletinPageFactory(MultimediaPageFactory):
    title = factory.Sequence(lambda n: f"Bản tin âm thanh sáng số {n}")
    slug = factory.Sequence(lambda n: f"ban-tin-am-thanh-{n}")
    media = factory.SubFactory(PortalMediaFactory)
    broadcast_partner = "Đài Tiếng nói Việt Nam"
    air_time = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=3))

    class Meta:
        model = AudioBulletinPage


class InfographicPageFactory(MultimediaPageFactory):
    title = factory.Sequence(lambda n: f"Infographic: Kết quả giải ngân vốn số {n}")
    slug = factory.Sequence(lambda n: f"infographic-{n}")
    image = factory.SubFactory(
        PortalImageFactory,
        caption="Kết quả giải ngân vốn đầu tư công",
        file=factory.django.ImageField(width=800, height=1600, color="orange"),
    )
    text_alternative = (
        "<p>Đến hết tháng 10, cả nước giải ngân 65% kế hoạch vốn đầu tư công.</p>"
        "<ul><li>Bộ, ngành trung ương: 58%</li><li>Địa phương: 69%</li></ul>"
    )

    class Meta:
        model = InfographicPage
