"""Which feeds to offer: every one on /feeds/, and on each page those following what it shows."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from media.models import KINDS, AudioBulletinPage, MultimediaIndexPage
from newsroom.models import ArticlePage, SectionPage, Topic
from policy_pages.choices import DocumentType
from policy_pages.models import (
    IssuingBody,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    PolicyPage,
)

RSS_TYPE, ATOM_TYPE = "application/rss+xml", "application/atom+xml"


@dataclass
class FeedLink:
    title: str
    rss: str
    atom: str = ""  # the podcast is RSS only
    ninjs: str = ""  # IPTC ninjs (JSON), for newsrooms' systems; not for the podcast either


def _link(title, name, query="", **kwargs):
    rss, atom, ninjs = (
        reverse(f"syndication:{name}", kwargs={**kwargs, "fmt": fmt}) + query
        for fmt in ("rss", "atom", "ninjs")
    )
    return FeedLink(str(title), rss, atom, ninjs)


def latest():
    return _link(_("Tin mới nhất"), "latest")


def podcast():
    return FeedLink(str(_("Bản tin âm thanh (podcast)")), reverse("syndication:podcast"))


def legal_documents(title=None, query=""):
    return _link(title or _("Văn bản mới"), "legal_documents", query)


def multimedia(kind):
    label = str(KINDS[kind]._meta.verbose_name_plural).capitalize()
    return _link(label, "multimedia", kind=kind)


def section(page):
    return _link(_("Chuyên mục %(title)s") % {"title": page.title}, "section", slug=page.slug)


def topic(item):
    return _link(_("Chủ đề %(name)s") % {"name": item.name}, "topic", slug=item.slug)


def policy(page):
    return _link(
        _("Theo dõi chính sách: %(title)s") % {"title": page.title}, "policy", slug=page.slug
    )


def feeds_for(page=None, topic_=None):
    """The feeds a page links in its head, from what it already holds: no database query."""
    links = [latest()]
    if topic_ is not None:
        links.append(topic(topic_))
    if page is None:
        return links
    if isinstance(page, SectionPage):
        links.append(section(page))
    elif isinstance(page, ArticlePage):
        # An article's parent is always a section, named in the article's own path.
        parent_slug = page.url_path.rstrip("/").split("/")[-2]
        links.append(_link(_("Chuyên mục"), "section", slug=parent_slug))
        links += [topic(item) for item in page.topic_list]
    elif isinstance(page, MultimediaIndexPage):
        links += [multimedia(kind) for kind in KINDS]
        links.append(podcast())
    elif getattr(page, "kind_slug", "") in KINDS:
        links.append(multimedia(page.kind_slug))
        if isinstance(page, AudioBulletinPage):
            links.append(podcast())
    elif isinstance(page, LegalDocumentIndexPage | LegalDocumentPage):
        links.append(legal_documents())
    elif isinstance(page, PolicyPage):
        links.append(policy(page))
    return links


def feed_directory(site):
    """[(group heading, [FeedLink])] of every feed of the site, for /feeds/."""
    root = site.root_page
    sections = SectionPage.objects.live().unrestricted().descendant_of(root).order_by("path")
    policies = PolicyPage.objects.live().unrestricted().descendant_of(root).order_by("title")
    documents = LegalDocumentPage.objects.live().unrestricted().descendant_of(root)
    types_used = set(documents.values_list("document_type", flat=True).distinct())
    bodies = IssuingBody.objects.filter(documents__in=documents).distinct().order_by("name")
    topics = (
        Topic.objects.filter(
            tagged_articles__content_object__in=ArticlePage.objects.live().unrestricted()
        )
        .distinct()
        .order_by("name")
    )
    return [
        (_("Tin tức"), [latest(), *(section(page) for page in sections)]),
        (_("Đa phương tiện"), [*(multimedia(kind) for kind in KINDS), podcast()]),
        (
            _("Văn bản"),
            [
                legal_documents(),
                *(
                    legal_documents(label, f"?loai={value}")
                    for value, label in DocumentType.choices
                    if value in types_used
                ),
                *(legal_documents(body.name, f"?co-quan={body.slug}") for body in bodies),
            ],
        ),
        (_("Chính sách"), [policy(page) for page in policies]),
        (_("Chủ đề"), [topic(item) for item in topics]),
    ]
