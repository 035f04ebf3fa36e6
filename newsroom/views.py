"""Topic and author pages.

Plain Django views rather than routes on the home page (RoutablePageMixin): an author's or a
topic's address must be known without loading the home page, e.g. to link every byline.
"""

from django.shortcuts import get_object_or_404, render

from wagtail.models import Site

from core.paginate import paginate

from .models import ArticlePage, Author, Topic


def _story_listing(request, template, stories_filter, context):
    """Render `template` with the site's live stories matching `stories_filter`, paginated."""
    site = Site.find_for_request(request)
    articles = ArticlePage.objects.published().filter(**stories_filter)
    articles = articles.descendant_of(site.root_page) if site else articles.none()
    page_obj = paginate(articles, request)
    return render(
        request, template, {**context, "page_obj": page_obj, "articles": page_obj.object_list}
    )


def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return _story_listing(
        request, "newsroom/topic_page.html", {"topic_items__tag": topic}, {"topic": topic}
    )


def author(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    return _story_listing(
        request,
        "newsroom/author_page.html",
        {"article_authors__author": author},
        {"author": author},
    )
