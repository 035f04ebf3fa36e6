"""Demo sections, authors and articles for `manage.py seed_demo`, from the text in newsroom_data."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.html import escape

from wagtail.rich_text import RichText

from newsroom.models import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    Author,
    HomeFeaturedSlot,
    HomePage,
    LiveCoveragePage,
    LiveUpdate,
    LiveUpdateAction,
    LiveUpdateHistory,
    SectionPage,
)

from . import newsroom_data as demo_data
from .media import demo_image
from .publishing import publish

# Topics (chủ đề) cross sections; each article takes those of its section, in turn.
SECTION_TOPICS = {
    "thoi-su": ["Hoạt động Chính phủ", "Cải cách hành chính"],
    "kinh-te": ["Tăng trưởng kinh tế", "Xuất khẩu", "Đầu tư công"],
    "xa-hoi": ["An sinh xã hội", "Giáo dục", "Y tế"],
    "chuyen-doi-so": ["Chuyển đổi số", "Kinh tế số", "Dịch vụ công trực tuyến"],
    "van-hoa-the-thao": ["Di sản văn hóa", "Thể thao"],
    "dia-phuong": ["Phát triển vùng", "Hạ tầng giao thông"],
    "quoc-te": ["Hội nhập quốc tế", "Ngoại giao kinh tế"],
}

LIVE = {
    "slug": "truc-tiep-hoi-nghi-chinh-phu-voi-dia-phuong",
    "title": "Trực tiếp: Hội nghị Chính phủ với các địa phương về thúc đẩy tăng trưởng",
    "dateline": "Hà Nội",
    "sapo": (
        "Sáng nay, Chính phủ họp trực tuyến với các tỉnh, thành phố để đánh giá tình hình "
        "kinh tế - xã hội và bàn giải pháp hoàn thành mục tiêu tăng trưởng cả năm."
    ),
    "intro": (
        "Cổng Thông tin điện tử Chính phủ tường thuật trực tiếp diễn biến hội nghị. "
        "Những cập nhật mới nhất ở trên cùng."
    ),
    "photo": {
        "caption": "Quang cảnh điểm cầu chính tại trụ sở Chính phủ",
        "credit": "VGP/Đỗ Minh",
        "alt": "Phòng họp lớn với màn hình kết nối các điểm cầu",
    },
    "updates": [
        (
            170,
            "text",
            "Hội nghị bắt đầu lúc 8 giờ, kết nối trực tuyến tới các điểm cầu địa phương.",
        ),
        (
            150,
            "quote",
            {
                "quote": (
                    "Mục tiêu tăng trưởng cả năm vẫn trong tầm tay nếu chúng ta "
                    "đẩy nhanh giải ngân vốn đầu tư công."
                ),
                "attribution": "Bộ trưởng Bộ Tài chính",
            },
        ),
        (
            120,
            "text",
            "Đại diện các địa phương báo cáo tiến độ giải ngân; nhiều tỉnh đạt trên 70% kế hoạch.",
        ),
        (
            80,
            "photo",
            {
                "caption": "Điểm cầu trực tuyến tại một tỉnh miền Trung",
                "credit": "VGP/Đỗ Minh",
                "alt": "Lãnh đạo tỉnh phát biểu trước màn hình trực tuyến",
            },
        ),
        (
            40,
            "text",
            "Các bộ, ngành kiến nghị tháo gỡ vướng mắc giải phóng mặt bằng cho các dự án "
            "giao thông trọng điểm.",
        ),
        (10, "text", "Hội nghị nghỉ giải lao 15 phút trước phần phát biểu kết luận."),
    ],
}

# (minutes ago, the corrected text, the note): one update corrected after the grace period.
LIVE_CORRECTED = (
    120,
    "Đại diện các địa phương báo cáo tiến độ giải ngân; nhiều tỉnh đạt trên 65% kế hoạch.",
    "Sửa tỷ lệ giải ngân theo báo cáo của Bộ Tài chính (65%, không phải 70%).",
)

CORRECTION = (
    "Bài viết đã sửa lại số liệu ở đoạn thứ hai cho đúng với báo cáo chính thức của bộ chủ quản."
)


def seed_home(root, title):
    home = HomePage.objects.first()
    if home is None:
        home = publish(root, HomePage(title=title, slug="trang-chu"))
    return home


def seed_sections(home):
    sections = {}
    for data in demo_data.SECTIONS:
        section = SectionPage.objects.child_of(home).filter(slug=data["slug"]).first()
        if section is None:
            section = publish(home, SectionPage(show_in_menus=True, **data))
        sections[data["slug"]] = section.specific
    return sections


def seed_authors():
    return [
        Author.objects.get_or_create(name=data["name"], defaults={"pen_name": data["pen_name"]})[0]
        for data in demo_data.AUTHORS
    ]


def _photo(article, photo, number):
    return demo_image(
        title=f"{article['title']} (ảnh {number})",
        caption=photo["caption"],
        credit=photo["credit"],
        alt=photo["alt"],
        seed=f"{article['slug']}-{number}",
    )


def _body(article):
    blocks = []
    photo_number = 1
    for kind, value in article["body"]:
        if kind == "p":
            blocks.append(("paragraph", RichText(f"<p>{escape(value)}</p>")))
        elif kind == "h2":
            blocks.append(("heading", {"text": value, "level": "h2"}))
        elif kind == "photo":
            photo_number += 1
            blocks.append(("image", {"image": _photo(article, value, photo_number), "caption": ""}))
    return blocks


def seed_articles(sections, authors, now=None):
    now = now or timezone.now()
    created = 0
    for data in [*demo_data.ARTICLES, *demo_data.ARCHIVE]:
        section = sections[data["section"]]
        if ArticlePage.objects.child_of(section).filter(slug=data["slug"]).exists():
            continue
        published_at = _publication_time(data, now)
        article = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            dateline=data["dateline"],
            sapo=data["sapo"],
            image=_photo(data, data["photo"], 1),
            body=_body(data),
            first_published_at=published_at,
            article_authors=[
                ArticleAuthor(author=authors[index], sort_order=order)
                for order, index in enumerate(data["authors"])
            ],
        )
        publish(section, article)
        created += 1
    return created


def _publication_time(data, now):
    """An archive story's own time (Hà Nội time), or so many hours before `now`."""
    if "published" in data:
        return timezone.make_aware(datetime.strptime(data["published"], "%Y-%m-%d %H:%M"))
    return (now - timedelta(hours=data["hours_ago"])).replace(second=0, microsecond=0)


def seed_topics(sections):
    for slug, section in sections.items():
        names = SECTION_TOPICS.get(slug, [])
        if not names:
            continue
        for position, article in enumerate(
            ArticlePage.objects.child_of(section).order_by("path").specific()
        ):
            if article.topics.exists():
                continue
            article.topics.add(names[position % len(names)])
            if position % 3 == 0 and len(names) > 1:
                article.topics.add(names[(position + 1) % len(names)])
            article.save_revision().publish()


def seed_live_coverage(section, authors, now=None):
    if LiveCoveragePage.objects.filter(slug=LIVE["slug"]).exists():
        return
    now = now or timezone.now()
    started = now - timedelta(hours=3)
    page = LiveCoveragePage(
        title=LIVE["title"],
        slug=LIVE["slug"],
        dateline=LIVE["dateline"],
        sapo=LIVE["sapo"],
        image=_photo({"title": LIVE["title"], "slug": LIVE["slug"]}, LIVE["photo"], 1),
        body=[("paragraph", RichText(f"<p>{escape(LIVE['intro'])}</p>"))],
        started_at=started,
        first_published_at=started,
        article_authors=[ArticleAuthor(author=authors[0], sort_order=0)],
    )
    publish(section, page)
    for number, (minutes_ago, kind, value) in enumerate(LIVE["updates"], start=2):
        if kind == "text":
            content = [("text", RichText(f"<p>{escape(value)}</p>"))]
        elif kind == "quote":
            content = [("quote", value)]
        else:
            photo = _photo({"title": LIVE["title"], "slug": LIVE["slug"]}, value, number)
            content = [("photo", {"image": photo, "caption": ""})]
        posted = now - timedelta(minutes=minutes_ago)
        update = LiveUpdate.objects.create(
            page=page, content=content, posted_at=posted, changed_at=posted
        )
        LiveUpdateHistory.objects.create(update=update, action=LiveUpdateAction.POSTED, at=posted)
        if kind == "quote":  # the minister's words stay on top
            update.pinned = True
            update.save(update_fields=["pinned"])
            LiveUpdateHistory.objects.create(
                update=update, action=LiveUpdateAction.PINNED, at=posted
            )
        if minutes_ago == LIVE_CORRECTED[0]:
            before = list(update.content.raw_data)
            corrected = posted + timedelta(minutes=25)
            update.content = [("text", RichText(f"<p>{escape(LIVE_CORRECTED[1])}</p>"))]
            update.corrected_at = update.changed_at = corrected
            update.correction_note = LIVE_CORRECTED[2]
            update.save()
            LiveUpdateHistory.objects.create(
                update=update,
                action=LiveUpdateAction.CORRECTED,
                at=corrected,
                content_before=before,
                note=LIVE_CORRECTED[2],
            )


def seed_corrections():
    article = ArticlePage.objects.exact_type(ArticlePage).order_by("-first_published_at")[3]
    if article.corrections.exists():
        return
    ArticleCorrection.objects.create(
        page=article,
        corrected_at=article.first_published_at + timedelta(hours=2),
        text=CORRECTION,
    )
    article.save_revision().publish()


def seed_home_curation(home):
    if home.top_story_id or home.featured_slots.exists():
        return
    newest = list(ArticlePage.objects.exact_type(ArticlePage).order_by("-first_published_at")[:8])
    # An editor's pick that is not the newest story, and one empty slot to show the fallback.
    home.top_story = newest[2]
    home.featured_slots = [
        HomeFeaturedSlot(article=newest[5], sort_order=0),
        HomeFeaturedSlot(article=None, sort_order=1),
    ]
    home.save_revision().publish()


def seed_longform(sections, authors, now=None):
    """The E-magazine story: pictures edge to edge, a pull quote between chapters."""
    data = demo_data.LONGFORM
    section = sections[data["section"]]
    if ArticlePage.objects.child_of(section).filter(slug=data["slug"]).exists():
        return
    now = now or timezone.now()
    blocks = []
    for number, (kind, value) in enumerate(data["body"], start=2):
        if kind == "photo_full":
            image = _photo(data, value, number)
            blocks.append(("image", {"image": image, "caption": "", "display": "full"}))
        elif kind == "quote":
            blocks.append(("pull_quote", value))
        else:
            blocks += _body({**data, "body": [(kind, value)]})
    article = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        dateline=data["dateline"],
        sapo=data["sapo"],
        layout="longform",
        image=_photo(data, data["photo"], 1),
        body=blocks,
        first_published_at=(now - timedelta(hours=data["hours_ago"])).replace(microsecond=0),
        article_authors=[
            ArticleAuthor(author=authors[index], sort_order=order)
            for order, index in enumerate(data["authors"])
        ],
    )
    publish(section, article)


def seed(root, site_name):
    """Create what is missing; running it again changes nothing."""
    home = seed_home(root, site_name)
    sections = seed_sections(home)
    authors = seed_authors()
    created = seed_articles(sections, authors)
    seed_live_coverage(next(iter(sections.values())), authors)
    seed_longform(sections, authors)
    # After every article exists: tagged any earlier, the live page and the long read would be
    # tagged only by a second run, which would then edit two pages instead of changing nothing.
    seed_topics(sections)
    seed_corrections()
    seed_home_curation(HomePage.objects.get(pk=home.pk))
    return home, created
