"""The policy desk's blocks on the home page (core/registry.py): the newest legal documents, and
the open consultations with the latest milestones of policies.

Days left follow the date. The whole-page cache (core/page_cache.py) keeps an entry only on the
Hà Nội day it was made, so the portal's own cache never hands out yesterday's count; a shared
cache in front (Varnish) may keep the page for its s-maxage, PAGE_CACHE_SECONDS (600 s), so
"Còn 1 ngày" can outlive midnight by ten minutes at most, never a whole day.
"""

from .models.documents import LegalDocumentPage, today
from .models.indexes import LegalDocumentIndexPage, PolicyIndexPage, policies_as_of
from .models.policies import PolicyPage
from .models.timeline import PolicyMilestone

LATEST_DOCUMENTS_COUNT = 5
OPEN_CONSULTATIONS_COUNT = 5
LATEST_MILESTONES_COUNT = 5


def latest_documents(request):
    documents = list(LegalDocumentPage.objects.published()[:LATEST_DOCUMENTS_COUNT])
    index = LegalDocumentIndexPage.objects.live().unrestricted().first() if documents else None
    return {"documents": documents, "index": index}


def policy_section(request):
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
