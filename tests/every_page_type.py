"""Every page type a reader can reach, built with a few or many of everything it shows.

Each case takes the `portal` (build_portal()) and builds one page, returning
(url, params, status, add_more): add_more(n) adds n more of each related thing the page shows
(children, comments, relations, topics, photos…). The query-count test and the template-display
test both walk these cases, so a new page type is added once and checked by both.
"""

from datetime import date, timedelta
from itertools import count

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.rich_text import RichText

import factory

from media.models import PhotoStoryPhoto, PortalDocument
from newsroom.models import ArticleCorrection, HomeFeaturedSlot, RelatedArticle
from policy_pages.models import (
    LegalDocumentAttachment,
    PolicyDraftFile,
    PolicyGuidanceNote,
    PolicyLegalDocument,
    PolicyQuestion,
    PolicyRelatedArticle,
)
from tests.factories import (
    AnswerFactory,
    ArticlePageFactory,
    AudioBulletinPageFactory,
    AuthorFactory,
    DialoguePageFactory,
    InfographicPageFactory,
    IssuingBodyFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    LegalFieldFactory,
    LiveCoveragePageFactory,
    MultimediaIndexPageFactory,
    PhotoStoryPageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    PortalImageFactory,
    SectionPageFactory,
    SubmissionFactory,
    VideoPageFactory,
    answered,
    dialogue_question,
    live_update,
    milestone,
    relate,
)
from tests.factories import guest as dialogue_guest
from tests.factories.drafts import decree_units, draft_version
from tests.factories.media import stock_image

_numbers = count(1)


def small_image():
    """A photo of its own, small enough that its few sizes are quick to make."""
    n = next(_numbers)
    return PortalImageFactory(
        title=f"Ảnh nhỏ số {n}", file=factory.django.ImageField(width=64, height=36, color="red")
    )


def document():
    n = next(_numbers)
    doc = PortalDocument(title=f"Tài liệu số {n}")
    doc.file.save(f"tai-lieu-{n}.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 64), save=False)
    doc.file_size = doc.file.size
    doc.save()
    return doc


def links_html(pages, documents):
    """Rich text linking to pages and documents, as editors write it."""
    page_links = "".join(f'<a linktype="page" id="{p.pk}">{p.title}</a> ' for p in pages)
    doc_links = "".join(f'<a linktype="document" id="{d.pk}">{d.title}</a> ' for d in documents)
    return f"<p>Xem thêm {page_links}{doc_links}</p>"


def body_blocks(n, section):
    """n of each kind of body block, each photo, document and linked page its own."""
    blocks = []
    for _ in range(n):
        other = ArticlePageFactory(parent=section)
        blocks += [
            ("paragraph", RichText(links_html([other], [document()]))),
            ("heading", {"text": "Thúc đẩy tăng trưởng", "level": "h2"}),
            ("image", {"image": small_image(), "caption": "", "display": "column"}),
            ("pull_quote", {"quote": "Lấy người dân làm trung tâm.", "attribution": "Bộ trưởng"}),
            ("document", {"document": document(), "title": ""}),
            ("related_link", {"page": other, "url": "", "title": ""}),
        ]
    return blocks


def mixed_stories(parent, n, **fields):
    """n stories of every kind a listing shows, sharing one lead photo."""
    for _ in range(n):
        ArticlePageFactory(parent=parent, **fields)
        PhotoStoryPageFactory(parent=parent, photos=0, image=stock_image(), **fields)
        VideoPageFactory(parent=parent, **fields)
        AudioBulletinPageFactory(parent=parent, **fields)
        InfographicPageFactory(parent=parent, image=stock_image(), **fields)
        DialoguePageFactory(parent=parent, **fields)


def build_portal(home_page):
    """The site's tree: a few sections in the menu and the three indexes."""
    sections = [
        SectionPageFactory(parent=home_page, title=f"Chuyên mục {n}", slug=f"chuyen-muc-{n}")
        for n in range(3)
    ]
    return {
        "home": home_page,
        "sections": sections,
        "multimedia": MultimediaIndexPageFactory(parent=home_page),
        "documents": LegalDocumentIndexPageFactory(parent=home_page),
        "policies": PolicyIndexPageFactory(parent=home_page),
        "government": IssuingBodyFactory(name="Chính phủ"),
    }


# --- The cases: each builds a page and returns (url, params, status, add_more(n)). ---


def home(portal):
    home_page, sections = portal["home"], portal["sections"]
    top = ArticlePageFactory(parent=sections[0])
    home_page.top_story = top
    home_page.save()
    for n, story in enumerate(ArticlePageFactory(parent=sections[1]) for _ in range(2)):
        HomeFeaturedSlot.objects.create(page=home_page, article=story, sort_order=n)

    def add_more(n):
        for section in sections:
            mixed_stories(section, max(1, n // 3))
        today = timezone.localdate()
        for k in range(n):
            LegalDocumentPageFactory(parent=portal["documents"])
            # The policy block: open consultations and milestones reached.
            policy = PolicyPageFactory(parent=portal["policies"])
            milestone(policy, "soan-thao", today - timedelta(days=30 + k))
            milestone(
                policy, "lay-y-kien", today - timedelta(days=k + 1), closes_on=today + timedelta(k)
            )

    return home_page.url, None, 200, add_more


def section_page(portal, params=None):
    section = portal["sections"][0]
    subsection = SectionPageFactory(parent=section, title="Chuyên mục con")
    section.lead_story = ArticlePageFactory(parent=subsection)
    section.save()

    def add_more(n):
        mixed_stories(section, n)
        mixed_stories(subsection, n)

    return section.url, params, 200, add_more


def deep_section_page(portal):
    url, _params, status, add_more = section_page(portal, {"page": 2})
    add_more(5)  # past the first page of 20, with a few or many
    return url, {"page": 2}, status, add_more


def _article(portal, factory_class):
    section = portal["sections"][0]
    subsection = SectionPageFactory(parent=section, title="Chuyên mục con")
    article = factory_class(parent=subsection)
    body = []

    def add_more(n):
        for _ in range(n):
            author = AuthorFactory(photo=small_image())
            article.article_authors.create(author=author, sort_order=next(_numbers))
            name = f"Chủ đề số {next(_numbers)}"
            article.topics.add(name)
            sharing = ArticlePageFactory(parent=section)
            sharing.topics.add(name)
            sharing.save()
            RelatedArticle.objects.create(
                page=article, article=ArticlePageFactory(parent=section), sort_order=n
            )
            ArticleCorrection.objects.create(page=article, text="Sửa tên đại biểu.")
        body.extend(body_blocks(n, section))
        article.body = body
        article.save()
        if hasattr(article, "updates"):
            for _ in range(n):
                live_update(article, "Phiên họp bắt đầu.", timezone.now())
                article.updates.create(
                    posted_at=timezone.now(),
                    content=[
                        ("photo", {"image": small_image(), "caption": "", "display": "column"}),
                        ("text", RichText(links_html([sharing], [document()]))),
                        ("quote", {"quote": "Khẩn trương.", "attribution": ""}),
                        ("video", {"video": VideoPageFactory(parent=section)}),
                        (
                            "legal_document",
                            {"document": LegalDocumentPageFactory(parent=portal["documents"])},
                        ),
                    ],
                )

    return article.url, None, 200, add_more


def article(portal):
    return _article(portal, ArticlePageFactory)


def live_coverage(portal):
    return _article(portal, LiveCoveragePageFactory)


def dialogue(portal):
    """An online dialogue on air about a policy: guests with their portraits; answered questions
    with a photo and a clip each; questions pending, approved or handed over, not shown."""
    section = portal["sections"][0]
    policy = PolicyPageFactory(parent=portal["policies"])
    page = DialoguePageFactory(parent=section, policy=policy)
    first = dialogue_guest(page, photo=small_image())
    clip = VideoPageFactory(parent=section)

    def add_more(n):
        for _ in range(n):
            k = next(_numbers)
            guest = dialogue_guest(page, name=f"Khách mời {k}", photo=small_image())
            question = answered(page, f"Câu hỏi số {k}?", guest, f"Trả lời câu hỏi số {k}.")
            reply = question.dialogue_place.guest_answer
            reply.photo, reply.photo_credit, reply.clip = small_image(), "TTXVN", clip
            reply.save()
            answered(page, f"Câu hỏi khác số {k}?", first, "Trả lời ngắn.")
            dialogue_question(page, f"Câu hỏi chờ duyệt số {k}?")

    return page.url, None, 200, add_more


def author_page(portal):
    section = portal["sections"][0]
    author = AuthorFactory(name="Đặng Văn Tâm", bio="Phóng viên thời sự.", photo=small_image())

    def add_more(n):
        for _ in range(n):
            ArticlePageFactory(parent=section, authors=[author, AuthorFactory()])

    return author.get_absolute_url(), None, 200, add_more


def topic_page(portal):
    section = portal["sections"][0]

    def add_more(n):
        for _ in range(n):
            story = ArticlePageFactory(parent=section)
            story.topics.add("Đầu tư công", f"Chủ đề số {next(_numbers)}")
            story.save()

    add_more(1)
    return "/chu-de/dau-tu-cong/", None, 200, add_more


def multimedia_index(portal):
    def add_more(n):
        mixed_stories(portal["multimedia"], n)
        mixed_stories(portal["sections"][0], n)

    return portal["multimedia"].url, None, 200, add_more


def multimedia_index_of_one_kind(portal):
    url, _params, status, add_more = multimedia_index(portal)
    return url, {"loai": "anh"}, status, add_more


def photo_story(portal):
    story = PhotoStoryPageFactory(parent=portal["multimedia"], photos=0, image=stock_image())

    def add_more(n):
        for _ in range(n):
            PhotoStoryPhoto.objects.create(page=story, image=small_image(), sort_order=n)

    return story.url, None, 200, add_more


def _media_page(portal, factory_class, field):
    section = portal["sections"][0]
    page = factory_class(parent=portal["multimedia"])
    linked = []

    def add_more(n):
        linked.extend((ArticlePageFactory(parent=section), document()) for _ in range(n))
        setattr(page, field, links_html([p for p, _d in linked], [d for _p, d in linked]))
        page.save()

    return page.url, None, 200, add_more


def video(portal):
    return _media_page(portal, VideoPageFactory, "description")


def audio_bulletin(portal):
    return _media_page(portal, AudioBulletinPageFactory, "description")


def infographic(portal):
    return _media_page(portal, InfographicPageFactory, "text_alternative")


def legal_document_index(portal):
    index = portal["documents"]

    def add_more(n):
        for _ in range(n):
            field = LegalFieldFactory()
            body = IssuingBodyFactory()
            doc = LegalDocumentPageFactory(parent=index, issuing_body=body)
            doc.fields.add(field)
            doc.save()
            relate(LegalDocumentPageFactory(parent=index), "amends", doc)

    params = {"loai": "nghi-dinh", "hieu-luc": "con-hieu-luc", "q": "kiểm thử"}
    return index.url, params, 200, add_more


def legal_document(portal):
    index, section = portal["documents"], portal["sections"][0]
    doc = LegalDocumentPageFactory(parent=index, issuing_body=portal["government"])
    linked = []

    def add_more(n):
        for _ in range(n):
            relate(doc, "replaces", LegalDocumentPageFactory(parent=index))
            relate(LegalDocumentPageFactory(parent=index), "amends", doc)
            LegalDocumentAttachment.objects.create(page=doc, document=document(), label="")
            doc.fields.add(LegalFieldFactory())
            linked.append((ArticlePageFactory(parent=section), document()))
        doc.full_text = links_html([p for p, _d in linked], [d for _p, d in linked])
        doc.save()

    return doc.url, None, 200, add_more


def policy_index(portal):
    index = portal["policies"]
    today = timezone.localdate()

    def add_more(n):
        for _ in range(n):
            policy = PolicyPageFactory(parent=index, drafting_agency=IssuingBodyFactory())
            milestone(policy, "soan-thao", today - timedelta(days=40))
            milestone(
                policy, "lay-y-kien", today - timedelta(days=5), closes_on=today + timedelta(5)
            )
            policy.fields.add(LegalFieldFactory())
            policy.save()

    return index.url, None, 200, add_more


def _policy(portal, is_open):
    index, section = portal["policies"], portal["sections"][0]
    today = timezone.localdate()
    ministry = IssuingBodyFactory(name="Bộ Công Thương")
    policy = PolicyPageFactory(parent=index, drafting_agency=ministry)
    if is_open:
        milestone(policy, "lay-y-kien", today - timedelta(days=5), closes_on=today + timedelta(25))
    else:
        milestone(policy, "lay-y-kien", date(2025, 2, 1), closes_on=date(2025, 3, 31))
        policy.report_published_on = date(2025, 5, 20)
        policy.report_summary = "Đã tiếp thu phần lớn ý kiến."
        policy.report_file = document()
        policy.save()

    body = []

    def add_more(n):
        for _ in range(n):
            law = LegalDocumentPageFactory(parent=portal["documents"])
            milestone(
                policy,
                "soan-thao",
                today - timedelta(days=40),
                legal_document=law,
                document=document(),
                note="Ban soạn thảo họp.",
            )
            # A new current draft, longer each time: the form lists its units.
            version = draft_version(policy, decree_units(articles=6 + n), matches={})
            unit = version.units.get(anchor="dieu-5-khoan-2-diem-a")
            PolicyDraftFile.objects.create(page=policy, document=document())
            PolicyLegalDocument.objects.create(page=policy, document=law, role="huong-dan")
            PolicyGuidanceNote.objects.create(
                page=policy, title="Hướng dẫn", published_on=today, text="…", document=document()
            )
            PolicyQuestion.objects.create(
                page=policy,
                question="Ai được hưởng?",
                answer="Doanh nghiệp nhỏ.",
                answered_by=IssuingBodyFactory(),
                answered_on=today,
            )
            PolicyRelatedArticle.objects.create(
                page=policy, article=ArticlePageFactory(parent=section)
            )
            name = f"Chủ đề số {next(_numbers)}"
            policy.topics.add(name)
            story = ArticlePageFactory(parent=section)
            story.topics.add(name)
            story.save()
            policy.fields.add(LegalFieldFactory())
            for kind in ("gop-y", "hoi-dap", "kien-nghi"):
                answer = AnswerFactory(policy=policy, answered_by=IssuingBodyFactory())
                SubmissionFactory(policy=policy, kind=kind, status="da-duyet", answer=answer)
            SubmissionFactory(policy=policy, kind="gop-y", status="da-duyet", unit=unit)
            SubmissionFactory(policy=policy, kind="gop-y")  # pending: not shown
        body.extend(body_blocks(n, section))
        policy.body = body
        policy.save()

    return policy.url, None, 200, add_more


def open_policy(portal):
    return _policy(portal, is_open=True)


def closed_policy(portal):
    return _policy(portal, is_open=False)


def _search(portal, params):
    section = portal["sections"][0]
    picked = ArticlePageFactory(parent=section, title="Ngân sách được đề xuất")
    SearchPromotion.objects.create(query=Query.get("ngan sach"), page=picked, sort_order=0)
    LegalDocumentPageFactory(
        parent=portal["documents"], number_symbol="68/2023/NĐ-CP", title="Nghị định về ngân sách"
    )

    def add_more(n):
        mixed_stories(section, n, title="Ngân sách năm tới")
        for _ in range(n):
            LegalDocumentPageFactory(parent=portal["documents"], title="Ngân sách nhà nước")
            PolicyPageFactory(parent=portal["policies"], title="Ngân sách cho giáo dục")
            LiveCoveragePageFactory(parent=section, title="Trực tiếp: ngân sách")

    return "/search/", params, 200, add_more


def search(portal):
    return _search(portal, {"q": "ngan sach"})


def search_by_number(portal):
    return _search(portal, {"q": "nghị định 68/2023/nđ-cp"})


def not_found(portal):
    def add_more(n):
        mixed_stories(portal["sections"][0], n)

    return "/chuyen-muc-0/khong-co-trang-nay/", None, 404, add_more


CASES = [
    home,
    section_page,
    deep_section_page,
    article,
    live_coverage,
    dialogue,
    author_page,
    topic_page,
    multimedia_index,
    multimedia_index_of_one_kind,
    photo_story,
    video,
    audio_bulletin,
    infographic,
    legal_document_index,
    legal_document,
    policy_index,
    open_policy,
    closed_policy,
    search,
    search_by_number,
    not_found,
]
