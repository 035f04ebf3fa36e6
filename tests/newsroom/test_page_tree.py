from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from media.models import MULTIMEDIA_PAGE_TYPES, MultimediaIndexPage
from newsroom.models import ArticlePage, HomePage, LiveCoveragePage, SectionPage
from policy_pages.models import DialoguePage, LegalDocumentIndexPage, PolicyIndexPage


class PageTreeRulesTests(WagtailPageTestCase):
    """Each page type has one place in the tree, so editors cannot build a broken site."""

    def test_home_sits_at_the_root_and_holds_sections(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedSubpageTypes(
            HomePage,
            {SectionPage, MultimediaIndexPage, LegalDocumentIndexPage, PolicyIndexPage},
        )
        self.assertEqual(HomePage.max_count, 1)

    def test_sections_nest_and_hold_articles(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(
            SectionPage,
            {SectionPage, ArticlePage, LiveCoveragePage, DialoguePage, *MULTIMEDIA_PAGE_TYPES},
        )

    def test_articles_live_only_in_sections_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_live_coverage_lives_in_sections_and_has_no_children(self):
        self.assertAllowedParentPageTypes(LiveCoveragePage, {SectionPage})
        self.assertAllowedSubpageTypes(LiveCoveragePage, set())
