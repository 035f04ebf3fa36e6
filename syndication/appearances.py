"""Which feeds show a page: the names a withdrawal's tombstone (syndication/withdrawals.py) and a
WebSub delivery (syndication/websub.py) go to.

A feed's name is its address under /feeds/ without the format: `latest`, `section/thoi-su`,
`topic/chuyen-doi-so`, `multimedia/video`, `podcast`, `legal-documents`, `policy/<slug>`. The
document feed's narrowed forms (`?loai=…`) share the name `legal-documents`: a tombstone there
for a document the filter did not select costs an outlet nothing (it has no copy to take down),
and saves keeping every filter a document matched.
"""

from newsroom.models import ArticlePage, SectionPage
from policy_pages.models import LegalDocumentPage, PolicyPage
from policy_pages.models.policy_items import (
    PolicyLegalDocument,
    PolicyRelatedArticle,
    PolicyTopic,
)

from .feeds import EVERYTHING, LATEST, LEGAL_DOCUMENTS, PODCAST, STORY_TYPES


def feeds_showing(page):
    """The names of the feeds `page` (specific, as published) is listed in."""
    if not isinstance(page, EVERYTHING):
        return []
    names = [LATEST]
    if isinstance(page, STORY_TYPES):
        sections = SectionPage.objects.ancestor_of(page).values_list("slug", flat=True)
        names += [f"section/{slug}" for slug in sections]
    kind = getattr(page, "kind_slug", "")
    if kind:
        names.append(f"multimedia/{kind}")
        if kind == "am-thanh":
            names.append(PODCAST)
    if isinstance(page, ArticlePage):
        topics = list(page.topics.all())
        names += [f"topic/{topic.slug}" for topic in topics]
        policies = PolicyPage.objects.filter(
            pk__in=PolicyRelatedArticle.objects.filter(article=page).values("page")
        ) | PolicyPage.objects.filter(
            pk__in=PolicyTopic.objects.filter(tag__in=topics).values("content_object")
        )
        names += [f"policy/{slug}" for slug in policies.values_list("slug", flat=True)]
    if isinstance(page, LegalDocumentPage):
        names.append(LEGAL_DOCUMENTS)
        policies = PolicyPage.objects.filter(
            pk__in=PolicyLegalDocument.objects.filter(document=page).values("page")
        )
        names += [f"policy/{slug}" for slug in policies.values_list("slug", flat=True)]
    return list(dict.fromkeys(names))
