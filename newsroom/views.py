"""Topic and author pages, and the index of topics.

Plain Django views rather than routes on the home page (RoutablePageMixin): an author's or a
topic's address must be known without loading the home page, e.g. to link every byline.
"""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from wagtail.models import Site

from core import cache_tags
from core.cache_renewal import stories_tag
from core.paginate import paginate
from core.text import vi_sort_key

from .models import ArticlePage, Author, Topic


def _site_stories(request):
    """The live stories readers may see on the request's site, newest first."""
    site = Site.find_for_request(request)
    articles = ArticlePage.objects.published()
    return articles.descendant_of(site.root_page) if site else articles.none()


def _story_listing(request, template, stories_filter, context):
    """Render `template` with the site's live stories matching `stories_filter`, paginated."""
    page_obj = paginate(_site_stories(request).filter(**stories_filter), request)
    return render(
        request, template, {**context, "page_obj": page_obj, "articles": page_obj.object_list}
    )


def topic_index(request):
    """Every topic with at least one live public story, and how many, in one query; in
    Vietnamese dictionary order (đ after d), which the database's collation does not know."""
    topics = (
        Topic.objects.filter(
            tagged_articles__content_object__in=_site_stories(request).values("pk")
        )
        .annotate(story_count=Count("tagged_articles__content_object", distinct=True))
        .order_by()
    )
    topics = sorted(topics, key=lambda topic: vi_sort_key(topic.name))
    # Counts change with any publication, and a new topic joins the list.
    cache_tags.add(cache_tags.PUBLICATIONS, cache_tags.list_tag(Topic))
    return render(request, "newsroom/topic_index.html", {"topics": topics})


def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    cache_tags.add(stories_tag(topic))
    return _story_listing(
        request, "newsroom/topic_page.html", {"topic_items__tag": topic}, {"topic": topic}
    )


def author(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    cache_tags.add(stories_tag(author))
    return _story_listing(
        request,
        "newsroom/author_page.html",
        {"article_authors__author": author},
        {"author": author},
    )
