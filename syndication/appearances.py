"""Which feeds show a page: the names a withdrawal's tombstone (syndication/withdrawals.py) and a
WebSub delivery (syndication/websub.py) go to.

A feed's name is its address under /feeds/ without the format: `latest`, `section/thoi-su`,
`topic/chuyen-doi-so`, `multimedia/video`, `podcast`, `legal-documents`, `policy/<slug>`. The
document feed's narrowed forms (`?loai=…`) share the name `legal-documents`: a tombstone there
for a document the filter did not select costs an outlet nothing (it has no copy to take down),
and saves keeping every filter a document matched.
"""

from django.db.models import Q

from media.models import AudioBulletinPage
from newsroom.models import ArticlePage, SectionPage
from policy_pages.models import LegalDocumentPage, PolicyPage
from policy_pages.models.policy_items import (
    PolicyLegalDocument,
    PolicyRelatedArticle,
    PolicyTopic,
)

from .feeds import EVERYTHING, LATEST, PODCAST, STORY_TYPES, feed_name


def feeds_showing(page):
    """The names of the feeds `page` (specific, as published) is listed in."""
    if not isinstance(page, EVERYTHING):
        return []
    names = [LATEST]
    if isinstance(page, STORY_TYPES):
        sections = SectionPage.objects.ancestor_of(page).values_list("slug", flat=True)
        names += [feed_name("section", slug=slug) for slug in sections]
    kind = getattr(page, "kind_slug", "")
    if kind:
        names.append(feed_name("multimedia", kind=kind))
    if isinstance(page, AudioBulletinPage):
        names.append(PODCAST)
    if isinstance(page, ArticlePage):
        topics = list(page.topics.all())
        names += [feed_name("topic", slug=topic.slug) for topic in topics]
        names += _policy_feeds(
            PolicyRelatedArticle.objects.filter(article=page).values("page"),
            PolicyTopic.objects.filter(tag__in=topics).values("content_object"),
        )
    if isinstance(page, LegalDocumentPage):
        names.append(feed_name("legal_documents"))
        names += _policy_feeds(PolicyLegalDocument.objects.filter(document=page).values("page"))
    return list(dict.fromkeys(names))


def _policy_feeds(*policy_ids):
    """The feeds of the policies whose ids these subqueries give ("follow this policy")."""
    chosen = Q()
    for ids in policy_ids:
        chosen |= Q(pk__in=ids)
    slugs = PolicyPage.objects.filter(chosen).values_list("slug", flat=True)
    return [feed_name("policy", slug=slug) for slug in slugs]
