"""What to measure, chosen from the database the bench runs on (the demo or a bulk one).

Needs Django set up. Every choice is the one with the most to show: the section and topic with
the most stories (and the section's last page, the deep OFFSET), the commonest type and year of
legal document, the policy with the most approved comments.
"""

from dataclasses import dataclass, field
from math import ceil
from urllib.parse import quote, urlencode

from django.db.models import Count

from wagtail.models import Page, Site

SEARCH_ACCENTED = "nghị định"
SEARCH_FOLDED = "nghi dinh"
MIXED_SEARCHES = ["chính phủ", "chinh phu", "kinh tế", "giao duc", "chuyển đổi số", "y te"]


def search_path(query):
    return "/search/?q=" + quote(query)


def page_path(page):
    """A page's path on its site ("/kinh-te/..."), never with a host."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


@dataclass
class Scenario:
    """The addresses the bench measures, and facts about the database they come from."""

    pages: dict
    paths: dict = field(default_factory=dict)  # row name -> path
    notes: dict = field(default_factory=dict)  # row name -> how it was chosen
    policy_id: int | None = None
    mixed: list = field(default_factory=list)  # paths for the memory run

    def as_dict(self):
        return {"pages": self.pages, "paths": self.paths, "notes": self.notes}


def page_counts():
    from newsroom.models import ArticlePage
    from policy_pages.models import LegalDocumentPage, PolicyPage

    return {
        "total": Page.objects.count(),
        "live": Page.objects.live().count(),
        "articles": ArticlePage.objects.count(),
        "legal_documents": LegalDocumentPage.objects.count(),
        "policies": PolicyPage.objects.count(),
    }


def choose():
    from newsroom.models import ArticlePage, SectionPage, Topic
    from newsroom.models.listing import SECTION_PAGE_SIZE, published_stories
    from policy_pages.models import (
        LegalDocumentIndexPage,
        LegalDocumentPage,
        PolicyPage,
        Submission,
    )
    from policy_pages.models.participation import APPROVED

    scenario = Scenario(pages=page_counts())
    site = Site.objects.get(is_default_site=True)
    paths, notes = scenario.paths, scenario.notes

    paths["home"] = page_path(site.root_page)

    sections = [
        (published_stories().descendant_of(s).count(), s) for s in SectionPage.objects.live()
    ]
    if sections:
        count, section = max(sections, key=lambda item: (item[0], -item[1].pk))
        # The first page shows the lead story apart, so one story fewer is paginated.
        last = max(1, ceil(max(count - 1, 0) / SECTION_PAGE_SIZE))
        deep = max(1, last - 1) if last > 2 else last
        paths["section"] = page_path(section)
        paths["section_deep"] = f"{page_path(section)}?page={deep}"
        notes["section"] = f"{section.title}: {count} stories"
        notes["section_deep"] = f"page {deep} of {last}"

    article = ArticlePage.objects.published().first()
    if article:
        paths["article"] = page_path(article)
        notes["article"] = f"newest article, id {article.pk}"

    topic = Topic.objects.annotate(n=Count("tagged_articles")).order_by("-n", "name").first()
    if topic:
        paths["topic"] = topic.get_absolute_url()
        notes["topic"] = f"{topic.name}: {topic.n} stories"

    index = LegalDocumentIndexPage.objects.live().first()
    if index:
        common = (
            LegalDocumentPage.objects.published()
            .values("document_type", "issued_on__year")
            .annotate(n=Count("pk"))
            .order_by("-n", "document_type", "-issued_on__year")
            .first()
        )
        query = (
            urlencode({"loai": common["document_type"], "nam": common["issued_on__year"]})
            if common
            else ""
        )
        paths["legal_index"] = page_path(index) + (f"?{query}" if query else "")
        notes["legal_index"] = f"{common['n']} documents match" if common else "no filter"

    busiest = (
        Submission.objects.filter(status=APPROVED, policy__live=True)
        .values("policy")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    policy = (
        PolicyPage.objects.live().filter(pk=busiest["policy"]).first()
        if busiest
        else PolicyPage.objects.live().order_by("-first_published_at").first()
    )
    if policy:
        paths["policy"] = page_path(policy)
        notes["policy"] = f"{busiest['n'] if busiest else 0} approved comments"
        scenario.policy_id = policy.pk

    paths["search_accented"] = search_path(SEARCH_ACCENTED)
    paths["search_folded"] = search_path(SEARCH_FOLDED)
    paths["feed"] = "/feeds/latest.rss"
    paths["api"] = "/api/v2/pages/?type=newsroom.ArticlePage"

    scenario.mixed = mixed_paths(scenario, site)
    return scenario


def mixed_paths(scenario, site):
    """A few hundred distinct addresses of every kind, for the memory run."""
    from newsroom.models import SectionPage, Topic
    from newsroom.models.listing import published_stories
    from policy_pages.models import LegalDocumentPage, PolicyPage

    found = [p for p in scenario.paths.values() if p]
    found += [page_path(p) for p in published_stories()[:120]]
    found += [page_path(p) for p in LegalDocumentPage.objects.published()[:40]]
    found += [page_path(p) for p in PolicyPage.objects.live()[:20]]
    for section in SectionPage.objects.live()[:20]:
        found += [f"{page_path(section)}?page={n}" for n in (1, 2, 3)]
    found += [t.get_absolute_url() for t in Topic.objects.all()[:20]]
    found += [search_path(q) for q in MIXED_SEARCHES]
    found += ["/feeds/latest.atom", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt"]
    found += [f"/api/v2/pages/?type=newsroom.ArticlePage&offset={n}" for n in (0, 20, 40)]
    return list(dict.fromkeys(p for p in found if p))
