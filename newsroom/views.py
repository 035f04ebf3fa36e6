"""Topic and author pages.

Plain Django views rather than routes on the home page (RoutablePageMixin): an author's or a
topic's address must be known without loading the home page, e.g. to link every byline.
"""

from django.shortcuts import get_object_or_404, render

from wagtail.models import Site

from .models import Author, Topic, published_articles
from .models.listing import paginate


def _site_articles(request):
    site = Site.find_for_request(request)
    articles = published_articles()
    return articles.descendant_of(site.root_page) if site else articles.none()


def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page_obj = paginate(_site_articles(request).filter(topic_items__tag=topic), request)
    return render(
        request,
        "newsroom/topic_page.html",
        {"topic": topic, "page_obj": page_obj, "articles": page_obj.object_list},
    )


def author(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page_obj = paginate(_site_articles(request).filter(article_authors__author=author), request)
    return render(
        request,
        "newsroom/author_page.html",
        {"author": author, "page_obj": page_obj, "articles": page_obj.object_list},
    )
