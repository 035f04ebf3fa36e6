from datetime import timedelta

from django.utils import timezone

from wagtail.rich_text import RichText

import factory
import wagtail_factories

from newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    LiveCoveragePage,
    LiveUpdate,
    SectionPage,
)

from .media import stock_image


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Trang chủ"
    slug = "trang-chu"

    class Meta:
        model = HomePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")
    introduction = "Tin tức, sự kiện trong ngày."
    show_in_menus = True

    class Meta:
        model = SectionPage


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Phóng viên Số {n}")

    class Meta:
        model = Author


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chính phủ họp phiên thường kỳ tháng {n}")
    slug = factory.Sequence(lambda n: f"chinh-phu-hop-phien-{n}")
    dateline = "Hà Nội"
    sapo = "Chính phủ họp phiên thường kỳ, thảo luận tình hình kinh tế - xã hội và giải ngân vốn."
    image = factory.LazyFunction(stock_image)
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", RichText("<p>Phiên họp bàn nhiều nội dung quan trọng.</p>")),
            ("heading", {"text": "Thúc đẩy tăng trưởng", "level": "h2"}),
        ]
    )
    # Distinct times, each older than the last, so listing order is predictable.
    first_published_at = factory.Sequence(lambda n: timezone.now() - timedelta(hours=n + 1))

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True  # the authors hook saves its own rows

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for order, author in enumerate(extracted or []):
            ArticleAuthor.objects.create(page=self, author=author, sort_order=order)


class LiveCoveragePageFactory(ArticlePageFactory):
    title = factory.Sequence(lambda n: f"Trực tiếp: Kỳ họp thứ {n} của Quốc hội")
    slug = factory.Sequence(lambda n: f"truc-tiep-ky-hop-{n}")
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))

    class Meta:
        model = LiveCoveragePage


def live_update(page, text, posted_at=None, **fields):
    """An update as the live desk leaves it (newsroom/live_desk.py posts through the same
    model), its last change at its posting time unless given."""
    posted_at = posted_at or timezone.now()
    fields.setdefault("changed_at", posted_at)
    return LiveUpdate.objects.create(
        page=page,
        posted_at=posted_at,
        content=[("text", RichText(f"<p>{text}</p>"))],
        **fields,
    )
