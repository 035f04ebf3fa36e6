from io import StringIO

from django.core.management import call_command
from django.db import transaction

from wagtail.models import Page, ReferenceIndex

import pytest

from core.search.indexing import search_words
from demo.bulk.tree import bulk_pages
from newsroom.models import ArticlePage, SectionPage
from policy_pages.models import LegalDocumentPage, LegalDocumentRelation, PolicyPage, Submission

PAGES = 400


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """The demo and the archive, built once for this module and rolled back after it: seed_demo
    alone (images, audio and video files) takes most of the time."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        call_command("seed_bulk", pages=PAGES, batch=120, no_progress=True, stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_seed_bulk_reaches_the_target_with_a_sound_tree_and_a_second_run_adds_nothing(archive, db):
    assert Page.objects.count() == PAGES
    assert Page.find_problems() == ([], [], [], [], [])
    ours = bulk_pages()
    assert ours.exists() and not ours.filter(live=False).exists()
    assert ArticlePage.objects.filter(pk__in=ours.values("pk")).count() > 150
    assert LegalDocumentRelation.objects.filter(page__in=ours.values("pk")).exists()
    # Bylines and photos are recorded where the admin and the API look for their usage.
    # (object_id is text: PostgreSQL compares it with text only.)
    ids = [str(pk) for pk in ours.values_list("pk", flat=True)]
    assert ReferenceIndex.objects.filter(object_id__in=ids).exists()

    call_command("seed_bulk", pages=PAGES, no_progress=True, stdout=StringIO())
    assert Page.objects.count() == PAGES


def test_bulk_pages_render_and_sections_list_them(archive, db, client):
    ours = bulk_pages().values("pk")
    article = ArticlePage.objects.filter(pk__in=ours).first()
    document = LegalDocumentPage.objects.filter(pk__in=ours).first()
    section = SectionPage.objects.get(pk=article.get_parent().pk)
    for page in (article, document, section):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    listed = client.get(section.url).content.decode()
    listed += client.get(section.url, {"page": 2}).content.decode()
    titles = ArticlePage.objects.filter(pk__in=ours).descendant_of(section)
    assert any(title in listed for title in titles.values_list("title", flat=True))


def test_search_finds_a_bulk_article_typed_without_diacritics(archive, db, client):
    article = ArticlePage.objects.filter(pk__in=bulk_pages().values("pk")).first()
    response = client.get("/search/", {"q": search_words(article.title)})
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_commenters_emails_stay_off_the_policy_page(archive, db, client):
    policy = (
        PolicyPage.objects.filter(pk__in=bulk_pages().values("pk"), submissions__status="da-duyet")
        .distinct()
        .first()
    )
    response = client.get(policy.url)
    html = response.content.decode()
    assert response.status_code == 200
    approved = Submission.objects.filter(policy=policy, status="da-duyet")
    assert any(comment.name in html for comment in approved)
    emails = Submission.objects.filter(policy=policy).values_list("email", flat=True)
    assert not any(email in html for email in emails)
