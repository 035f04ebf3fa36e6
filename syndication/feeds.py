"""Which feeds exist and what each one holds: 50 live, public items, newest first.

Each `*_feed(request, site, ...)` looks up what the address names (a section, a topic…), raising
Http404 when it is not a live, public thing of this site, and returns a `Feed` whose entries are
built only when the cache has none (see views). A narrowed feed's `variant` is the canonical form
of its filters, so two addresses for the same content share one cache entry.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from django.http import Http404
from django.templatetags.static import static
from django.utils.text import Truncator

from core import cache_tags
from core.models import SiteSettings
from core.privacy import all_pages, visible
from core.text import start_of_day
from media.models import KINDS, MULTIMEDIA_PAGE_TYPES, AudioBulletinPage, MultimediaIndexPage
from newsroom.models import ArticlePage, SectionPage, Topic
from policy_pages.choices import DocumentType
from policy_pages.filters import DocumentFilters
from policy_pages.models import LegalDocumentIndexPage, LegalDocumentPage, PolicyPage
from policy_pages.models.documents import today
from policy_pages.models.policies import participation_tag

from . import entries as entry_tools

FEED_SIZE = 50
STORY_TYPES = (ArticlePage, *MULTIMEDIA_PAGE_TYPES)
EVERYTHING = (*STORY_TYPES, LegalDocumentPage, PolicyPage)
PODCAST_COVER = "img/podcast-cover.png"
# Feed names (syndication/appearances.py) that are not `<source>/<what>`.
LATEST, PODCAST, LEGAL_DOCUMENTS = "latest", "podcast", "legal-documents"
WITHDRAWN = "withdrawn"


@dataclass
class Feed:
    title: str
    link: str
    description: str
    build: Callable[[], list] = field(repr=False)
    author: str = ""
    rights: str = ""
    image_url: str = ""
    owner_email: str = ""
    podcast: bool = False
    # The canonical filters of a narrowed feed, as an address query ("" for the others).
    variant: str = ""
    # Its address under /feeds/ without the format (syndication/appearances.py).
    name: str = ""


def find(request, site, source, **kwargs):
    """The feed of `source` (a name of SOURCES) for these address arguments, named."""
    feed = SOURCES[source](request, site, **kwargs)
    feed.name = feed_name(source, **kwargs)
    return feed


def feed_name(source, **kwargs):
    """The name of the feed a view of `source` serves: its address under /feeds/ without the
    format (`latest`, `section/thoi-su`, `legal-documents`)."""
    if source == "legal_documents":
        return LEGAL_DOCUMENTS
    if not kwargs:
        return source
    (value,) = kwargs.values()
    return f"{source}/{value}"


# A feed's name is its address under /feeds/ without the format (`.rss`, `.atom`…).
FEED_ADDRESS = re.compile(r"/feeds/(?P<name>[A-Za-z0-9_-]{1,100}(?:/[A-Za-z0-9_-]{1,100})?)\.")


def name_of_address(path):
    """The name of the feed at `path` (as feed_name() gives it), without resolving the URL: an
    outlet's poll may be answered from the page cache, before any view runs."""
    match = FEED_ADDRESS.match(path)
    return match["name"] if match else None


def usage_terms(settings):
    """The terms of reuse every feed carries (`rights`), which outlets accept (syndication
    admin): the site's own, or its name after ©."""
    return settings.reuse_terms or f"© {settings.site_name}"


def _feed(site, title, link, description, build, **kwargs):
    settings = SiteSettings.for_site(site)
    return Feed(
        title=f"{settings.site_name} - {title}",
        link=link,
        description=description,
        build=build,
        author=settings.agency or settings.site_name,
        rights=usage_terms(settings),
        **kwargs,
    )


def _index_url(site, index_type, params):
    """The reader's page a feed follows: the site's index of that kind, with the same filters."""
    index = index_type.objects.live().unrestricted().descendant_of(site.root_page).first()
    url = index.get_full_url() if index else site.root_url + "/"
    return url + (f"?{urlencode(params)}" if params else "")


def _page_entries(site, pages):
    return lambda: entry_tools.page_entries(pages[:FEED_SIZE], site.root_url)


def _newest(queryset):
    return queryset.order_by("-first_published_at", "-pk")


def _live(site, *page_types):
    return all_pages().live().unrestricted().type(*page_types).descendant_of(site.root_page)


def latest_feed(request, site):
    pages = _newest(_live(site, *EVERYTHING)).specific()
    return _feed(
        site,
        "Tin mới nhất",
        site.root_url + "/",
        "Tin, bài, ảnh, video, văn bản và chính sách mới đăng, mới nhất trước.",
        _page_entries(site, pages),
    )


def withdrawn_feed(request, site):
    """Every story withdrawn in the last 30 days, as tombstones only (syndication/withdrawals.py):
    what an outlet reads to take its copies down."""
    return _feed(
        site,
        "Tin đã gỡ",
        site.root_url + "/feeds/",
        "Tin, bài đã thôi xuất bản, giới hạn người xem hoặc đã xoá trong 30 ngày qua, để các "
        "đơn vị khai thác gỡ bản đăng lại.",
        list,
    )


def section_feed(request, site, slug):
    # A slug is unique among siblings only: the shallowest section of that name is the one meant.
    section = (
        SectionPage.objects.live()
        .unrestricted()
        .descendant_of(site.root_page)
        .filter(slug=slug)
        .order_by("depth", "path")
        .first()
    )
    if section is None:
        raise Http404("Không có chuyên mục này.")
    pages = _newest(_live(site, *STORY_TYPES).descendant_of(section)).specific()
    return _feed(
        site,
        section.title,
        section.get_full_url(request),
        section.display_summary or f"Tin, bài mới nhất của chuyên mục {section.title}.",
        _page_entries(site, pages),
    )


def topic_feed(request, site, slug):
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404("Không có chủ đề này.")
    articles = (
        ArticlePage.objects.published().filter(topic_items__tag=topic).descendant_of(site.root_page)
    )
    return _feed(
        site,
        f"Chủ đề {topic.name}",
        site.root_url + topic.get_absolute_url(),
        f"Tin, bài mới nhất về {topic.name}.",
        _page_entries(site, articles),
    )


def multimedia_feed(request, site, kind):
    page_type = KINDS.get(kind)
    if page_type is None:
        raise Http404("Không có loại đa phương tiện này.")
    pages = _newest(_live(site, page_type)).specific()
    return _feed(
        site,
        str(page_type._meta.verbose_name_plural).capitalize(),
        _index_url(site, MultimediaIndexPage, {"loai": kind}),
        f"{str(page_type._meta.verbose_name_plural).capitalize()} mới nhất.",
        _page_entries(site, pages),
    )


def podcast_feed(request, site):
    pages = _newest(_live(site, AudioBulletinPage)).specific()
    settings = SiteSettings.for_site(site)
    return _feed(
        site,
        "Bản tin âm thanh",
        _index_url(site, MultimediaIndexPage, {"loai": AudioBulletinPage.kind_slug}),
        "Các bản tin thời sự bằng âm thanh của cổng, phát cùng các đài đối tác.",
        _page_entries(site, pages),
        podcast=True,
        image_url=site.root_url + static(PODCAST_COVER),
        owner_email=settings.email,
    )


def legal_documents_feed(request, site):
    """Documents, narrowed by the same filters as the document index (`loai`, `co-quan`,
    `linh-vuc`, `hieu-luc`, `nam`); words (`q`) are for the index's search, not for feeds."""
    filters = DocumentFilters.from_request(request)
    filters.query = ""
    chosen = urlencode(sorted(parse_qsl(filters.query_string())))
    documents = _newest(
        filters.apply(LegalDocumentPage.objects.published().descendant_of(site.root_page))
    )
    index_url = _index_url(site, LegalDocumentIndexPage, dict(parse_qsl(chosen)))
    narrowed = [
        str(label)
        for label in (
            filters.document_type and DocumentType(filters.document_type).label,
            filters.issuing_body and filters.issuing_body.name,
            filters.legal_field and filters.legal_field.name,
        )
        if label
    ]
    title = "Văn bản" + (f": {', '.join(narrowed)}" if narrowed else "")
    return _feed(
        site,
        title,
        index_url,
        "Văn bản quy phạm pháp luật và văn bản chỉ đạo, điều hành mới đăng.",
        _page_entries(site, documents),
        variant=chosen,
    )


def policy_feed(request, site, slug):
    """ "Follow this policy": its milestones as they come, its documents, guidance, answers to
    the public and news about it."""
    policy = (
        PolicyPage.objects.live()
        .unrestricted()
        .descendant_of(site.root_page)
        .filter(slug=slug)
        .first()
    )
    if policy is None:
        raise Http404("Không có chính sách này.")
    cache_tags.add(participation_tag(policy.pk))  # answers and drafts are among its entries
    policy_url = policy.get_full_url(request)
    return _feed(
        site,
        f"Chính sách: {policy.title}",
        policy_url,
        policy.summary,
        lambda: policy_entries(policy, policy_url, site.root_url),
    )


def policy_entries(policy, policy_url, root_url):
    """Steps whose day has come, documents, guidance, answers and news, newest first."""
    items = []
    for milestone in policy.timeline_entries():
        # Draft versions and the report come as the policy's events, below.
        if not milestone.is_done or not milestone.pk:
            continue
        body = entry_tools.render_snippet(
            "policy_milestone", {"milestone": milestone, "policy": policy}
        )
        items.append(
            _policy_entry(
                entry_tools.tag_uri(root_url, f"moc-{milestone.pk}"),
                f"{policy_url}#timeline-heading",
                f"{policy.title}: {milestone.stage_label}",
                milestone.note or milestone.stage_label,
                start_of_day(milestone.date),
                entry_tools.absolute_html(body, root_url),
            )
        )
    for event in policy.feed_events():
        items.append(_event_entry(policy, event, policy_url, root_url))
    for note in policy.guidance:
        if note.published_on > today():
            continue
        body = entry_tools.render_snippet("policy_guidance", {"note": note})
        items.append(
            _policy_entry(
                entry_tools.tag_uri(root_url, f"huong-dan-{note.pk}"),
                f"{policy_url}#implementation-heading",
                f"Hướng dẫn thực hiện: {note.title}",
                Truncator(note.text).chars(300),
                start_of_day(note.published_on),
                entry_tools.absolute_html(body, root_url),
            )
        )
    answered = policy.answered_questions()
    answers = [
        (
            f"faq-{q.pk}",
            "faq-heading",
            "hỏi đáp",
            q.question,
            q.answered_by,
            q.answered_on,
            q.answer,
            None,
        )
        for q in policy.faq
    ]
    answers += [
        (
            f"tra-loi-{item.pk}",
            "faq-heading" if item in answered["questions"] else "proposals-heading",
            item.get_kind_display().lower(),
            item.body,
            item.answer.answered_by or policy.drafting_agency,
            item.answer.answered_on,
            item.answer.explanation,
            # Answered at an online dialogue: the entry links back to it, once it is public.
            item.dialogue if item.dialogue_id and visible(item.dialogue) else None,
        )
        for item in [*answered["questions"], *answered["proposals"]]
    ]
    for anchor, heading, kind, question, agency, answered_on, text, dialogue in answers:
        context = {
            "question": question,
            "agency": agency,
            "answered_on": answered_on,
            "text": text,
            "dialogue": dialogue,
        }
        items.append(
            _policy_entry(
                entry_tools.tag_uri(root_url, anchor),
                f"{policy_url}#{heading}",
                f"Trả lời {kind}: {Truncator(question).chars(90)}",
                Truncator(text).chars(300),
                start_of_day(answered_on),
                entry_tools.absolute_html(
                    entry_tools.render_snippet("policy_answer", context), root_url
                ),
            )
        )
    items += entry_tools.page_entries(
        [document for _link, document in policy.legal_documents()], root_url
    )
    items += entry_tools.page_entries(policy.related_news(), root_url)
    items.sort(key=lambda entry: entry.published, reverse=True)
    return items[:FEED_SIZE]


def _event_entry(policy, event, policy_url, root_url):
    """A draft version published (its note, its text, the diff with the one before) or the
    answer table made public (the report's summary and counts, the table and its files)."""
    context = {
        "policy": policy,
        "event": event,
        "links": [(label, policy_url + path) for label, path in event.links],
    }
    if event.kind == "answer-table":
        context["counts"] = policy.report_counts()
    body = entry_tools.render_snippet("policy_event", context)
    return _policy_entry(
        entry_tools.tag_uri(root_url, event.key),
        policy_url + event.path,
        event.title,
        Truncator(event.summary or event.title).chars(300),
        event.published,
        entry_tools.absolute_html(body, root_url),
    )


def _policy_entry(guid, link, title, summary, when, body):
    return entry_tools.Entry(
        guid=guid,
        link=link,
        title=entry_tools.xml_text(title),
        summary=entry_tools.xml_text(summary),
        published=when,
        updated=when,
        body=body,
        is_permalink=False,
    )


SOURCES = {
    "latest": latest_feed,
    "section": section_feed,
    "topic": topic_feed,
    "policy": policy_feed,
    "legal_documents": legal_documents_feed,
    "multimedia": multimedia_feed,
    "podcast": podcast_feed,
    "withdrawn": withdrawn_feed,
}
