"""The policy desk's blocks on the home page (core/registry.py): the newest legal documents, and
the open consultations with the latest milestones of policies.

Each block is a fragment of the home page (core/fragments.py), kept apart from it with the tags
of what it shows and of the index it lists (`under-<index id>`): a story published in a section
renews the home page's stories, and these two stay kept; a document or a policy published
renews them. Fragments are keyed by the day: days left and milestones whose date has come
follow it.

Days left follow the date. The whole-page cache (core/page_cache.py) keeps an entry only on the
Hà Nội day it was made, so the portal's own cache never hands out yesterday's count; a shared
cache in front (Varnish) may keep the page for its s-maxage, PAGE_CACHE_SECONDS (600 s), so
"Còn 1 ngày" can outlive midnight by ten minutes at most, never a whole day.
"""

from core import cache_tags

from .models.documents import LegalDocumentPage, today
from .models.indexes import LegalDocumentIndexPage, PolicyIndexPage, policies_as_of
from .models.policies import PolicyPage
from .models.timeline import PolicyMilestone

LATEST_DOCUMENTS_COUNT = 5
OPEN_CONSULTATIONS_COUNT = 5
LATEST_MILESTONES_COUNT = 5


def _listing(index_type):
    indexes = index_type.objects.values_list("pk", flat=True)
    cache_tags.add(*(cache_tags.under_tag(pk) for pk in indexes))


def latest_documents(request):
    _listing(LegalDocumentIndexPage)
    return _latest_documents()


def policy_section(request):
    _listing(PolicyIndexPage)
    return _policy_section()


def _latest_documents():
    documents = list(LegalDocumentPage.objects.published()[:LATEST_DOCUMENTS_COUNT])
    index = LegalDocumentIndexPage.objects.live().unrestricted().first() if documents else None
    return {"documents": documents, "index": index}


def _policy_section():
    """Open consultations, closing soonest first, and milestones reached, newest first: three
    queries (the index's link only when there is something to show)."""
    on = today()
    consultations = list(
        policies_as_of(on)
        .filter(open_until__isnull=False)
        .order_by("open_until", "-first_published_at", "-pk")[:OPEN_CONSULTATIONS_COUNT]
    )
    for policy in consultations:
        policy.days_left = (policy.open_until - on).days
    public_policies = PolicyPage.objects.live().unrestricted().values("pk")
    milestones = list(
        PolicyMilestone.objects.filter(date__lte=on, page__in=public_policies)
        .select_related("page")
        .order_by("-date", "-sort_order", "-pk")[:LATEST_MILESTONES_COUNT]
    )
    shown = consultations or milestones
    index = PolicyIndexPage.objects.live().unrestricted().first() if shown else None
    return {"consultations": consultations, "milestones": milestones, "index": index}
