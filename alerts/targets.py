"""What a reader may follow, named as the fan-out finds it (Subscription.target):

- `trang-<id>`: a policy, a legal document or a section, live and public;
- `chu-de-<id>`: a topic;
- `van-ban?<filters>`: a search of the document index (`/van-ban/` with its filters), its
  filters in the index's own canonical order, so the same search is one target.

`resolve(params)` reads the subscribe form's values and answers a `Target`, or None for anything
that is not one of these (the form then says so).
"""

import re
from dataclasses import dataclass
from types import SimpleNamespace

from django.http import QueryDict
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.privacy import is_public
from newsroom.models import SectionPage, Topic
from policy_pages.choices import DocumentStatus, DocumentType
from policy_pages.filters import DocumentFilters
from policy_pages.models import (
    IssuingBody,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalField,
    PolicyPage,
)

FOLLOWABLE_PAGES = (PolicyPage, LegalDocumentPage, SectionPage)
SLUG = re.compile(r"[-\w]+")
# The columns' sizes (Subscription.target, .url): a longer search is refused, not cut.
MAX_TARGET, MAX_URL = 400, 600
SEARCH_PREFIX = "van-ban?"
# The filters of the document index a search subscription keeps.
SEARCH_PARAMS = ("q", "loai", "co-quan", "linh-vuc", "nam", "hieu-luc")


@dataclass
class Target:
    key: str
    label: str
    url: str  # the page's address, for the mails and the manage page
    page: Page | None = None
    topic: Topic | None = None


def page_key(page_id):
    return f"trang-{page_id}"


def topic_key(topic_id):
    return f"chu-de-{topic_id}"


def page_label(page):
    if isinstance(page, PolicyPage):
        return _("Chính sách: %(title)s") % {"title": page.title}
    if isinstance(page, LegalDocumentPage):
        return _("Văn bản %(number)s: %(title)s") % {
            "number": page.number_symbol,
            "title": page.title,
        }
    return _("Chuyên mục: %(title)s") % {"title": page.title}


def page_target(page_id):
    try:
        page = Page.objects.live().get(pk=int(page_id)).specific
    except (Page.DoesNotExist, ValueError, TypeError, OverflowError):
        return None
    if not isinstance(page, FOLLOWABLE_PAGES) or not is_public(page):
        return None
    return Target(page_key(page.pk), page_label(page), page.url or "", page=page)


def topic_target(slug):
    slug = str(slug)
    if len(slug) > 100 or not SLUG.fullmatch(slug):
        return None
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        return None
    return Target(
        topic_key(topic.pk),
        _("Chủ đề: %(name)s") % {"name": topic.name},
        topic.get_absolute_url(),
        topic=topic,
    )


def search_filters(query_string, bodies=None, fields=None):
    """The index's filters read from a query string, as the index reads its address."""
    request = SimpleNamespace(GET=QueryDict(query_string))
    return DocumentFilters.from_request(request, bodies=bodies, fields=fields)


def describe(filters):
    parts = []
    if filters.document_type:
        parts.append(_("loại %(type)s") % {"type": DocumentType(filters.document_type).label})
    if filters.issuing_body:
        parts.append(_("cơ quan %(body)s") % {"body": filters.issuing_body.name})
    if filters.legal_field:
        parts.append(_("lĩnh vực %(field)s") % {"field": filters.legal_field.name})
    if filters.year:
        parts.append(_("năm %(year)s") % {"year": filters.year})
    if filters.status:
        parts.append(str(DocumentStatus(filters.status).label).lower())
    if filters.query:
        parts.append(_("có “%(words)s”") % {"words": filters.query})
    return ", ".join(parts)


def search_target(params):
    picked = QueryDict(mutable=True)
    for name in SEARCH_PARAMS:
        picked.setlist(name, params.getlist(name)[:1])
    filters = search_filters(picked.urlencode())
    query = filters.query_string()
    index = LegalDocumentIndexPage.objects.live().public().first()
    index_url = index.url if index else "/van-ban/"
    what = describe(filters)
    label = _("Văn bản mới: %(what)s") % {"what": what} if what else _("Mọi văn bản mới")
    return Target(SEARCH_PREFIX + query, label, f"{index_url}?{query}" if query else index_url)


def resolve(params):
    """The target the subscribe form names: `trang`, `chu-de`, or `tim=van-ban` with filters."""
    if params.get("trang"):
        return page_target(params["trang"])
    if params.get("chu-de"):
        return topic_target(params["chu-de"])
    if params.get("tim") == "van-ban":
        target = search_target(params)
        return target if len(target.key) <= MAX_TARGET and len(target.url) <= MAX_URL else None
    return None


def matching_searches(document_id, targets):
    """Among search targets, those whose filters find this document today."""
    documents = LegalDocumentPage.objects.published().filter(pk=document_id)
    bodies, fields = list(IssuingBody.objects.all()), list(LegalField.objects.all())
    return [
        target
        for target in targets
        if search_filters(target.removeprefix(SEARCH_PREFIX), bodies, fields)
        .apply(documents)
        .exists()
    ]
