"""Which cache tags (core/cache_tags.py) each change renews.

A page published (for the first time or again), withdrawn (unpublished, deleted) or moved renews:
- `page-<id>`: every answer that showed it (its page, the listings, boxes and links that showed it);
- `under-<id>` of each of its ancestors, old and new: the listings it joins, leaves or shifts (the
  home page, its sections, their feeds and their later pages);
- `publications`: the answers that any publication may change (search, the API's lists,
  sitemaps, the latest feeds);
- the tags of what it is listed by (`page_listed_by()`: its topics and authors), and `page-<id>`
  of the pages it links to, which may list it back (a decree amended by a new one, a policy and
  its news).
A correction renews its ancestors' listings too: Wagtail's signal does not say whether the page
was live before, and a few renders of the home page and a section are cheap next to serving an
old listing.

What renews everything (`all`): a site, a redirect, a view restriction, the site settings.
A desk's own models renew their `<model>-<id>` tag on save (`renew_on_save`), and their list tag
on creation and deletion when a page lists them all (`listed=True`).

One thing is deliberately left to expire instead: an article's "related stories" box shows the
newest stories that share a topic with it, so a new story would renew every article of its topics
(thousands); older articles show it once their cached copy expires (PAGE_CACHE_SECONDS), while a
changed or withdrawn story leaves every box at once (each box tags the stories it shows).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import cache_tags
from .cache_tags import (
    ALL,
    PUBLICATIONS,
    invalidate,
    list_tag,
    page_tag,
    renew_everything,
    under_tag,
)

# The sections menu lists the home page's children (depth 3); the home page itself (2) is not
# in it.
MENU_DEPTH = 3
# Pages a page links to that are renewed with it: the links a body may hold.
MOST_LINKED = 200


def _ancestor_ids(page):
    """The ids of `page` and of every page above it."""
    return Page.objects.ancestor_of(page, inclusive=True).values_list("pk", flat=True)


def stories_tag(obj):
    """The tag of a list of the stories about `obj` (a topic's page and feed) or by it (an
    author's page): `stories-topic-7`. Apart from `topic-7` (shows the topic's name), which
    every story of the topic carries and which a new story must not renew."""
    return "stories-" + cache_tags.object_tag(obj)


def page_listed_by(page):
    """Tags of the lists that pick `page` by what it is about: its topics and its authors."""
    specific = page.specific_deferred
    tags = []
    topics = getattr(specific, "topic_list", None)
    if topics is None and hasattr(specific, "topics"):
        topics = specific.topics.all()
    tags += [stories_tag(topic) for topic in topics or []]
    tags += [stories_tag(author) for author in getattr(specific, "authors", None) or []]
    return tags


def linked_pages(page):
    """`page-<id>` of the live pages `page` links to (Wagtail's reference index)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=page_type)
        .values_list("to_object_id", flat=True)[:MOST_LINKED]
    )
    return [page_tag(pk) for pk in ids if str(pk).isdigit()]


def renew_page(page, *, hard=False):
    """Renew what shows `page` and the lists it joins or leaves."""
    tags = [page_tag(page.pk), PUBLICATIONS, *page_listed_by(page), *linked_pages(page)]
    tags += [under_tag(pk) for pk in _ancestor_ids(page)]
    if page.depth == MENU_DEPTH:
        # A section of the menu: every page shows the menu (core/navigation.py).
        tags.append(ALL)
    invalidate(*tags, hard=hard)


def renew_on_save(*models, listed=False):
    """Tag every answer that reads one of `models` with `<model>-<id>`, and renew the tag when
    it is saved or deleted. `listed`: some page lists every object of the model (the document
    filters list every issuing body), so a new or deleted one renews `<model>-list` too."""
    for model in models:
        cache_tags.tag_on_read(model)
        label = model._meta.label
        post_save.connect(
            _saved(listed), sender=model, dispatch_uid=f"renew-save-{label}", weak=False
        )
        post_delete.connect(
            _deleted(listed), sender=model, dispatch_uid=f"renew-delete-{label}", weak=False
        )


def _saved(listed):
    def receiver(sender, instance, created, **kwargs):
        if created:
            # Nothing showed it yet; a page that now shows it is saved or published itself.
            if listed:
                invalidate(list_tag(sender))
        else:
            invalidate(cache_tags.object_tag(instance), any_tag(sender))

    return receiver


def any_tag(model):
    """The tag of answers that show too many of `model` to name each (`cache_tags.bounded`)."""
    return f"{model._meta.model_name}-any"


def _deleted(listed):
    def receiver(sender, instance, **kwargs):
        tags = [cache_tags.object_tag(instance), any_tag(sender)]
        if listed:
            tags.append(list_tag(sender))
        invalidate(*tags, hard=True)

    return receiver


def connect():
    """Called once from core's ready(); the desks add their own models in theirs."""
    page_published.connect(_on_published, dispatch_uid="renew-published")
    # Also sent for each live page about to be deleted (Wagtail unpublishes it first).
    page_unpublished.connect(_on_unpublished, dispatch_uid="renew-unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="renew-moved")
    page_slug_changed.connect(_on_slug_changed, dispatch_uid="renew-slug-changed")
    post_delete.connect(_on_page_delete, dispatch_uid="renew-page-deleted")
    for model in (PageViewRestriction, Redirect, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                renew_everything, sender=model, dispatch_uid=f"renew-{signal}-{model._meta.label}"
            )


def _on_published(sender, instance, **kwargs):
    renew_page(instance)


def _on_unpublished(sender, instance, **kwargs):
    renew_page(instance, hard=True)


def _on_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    parent_before = kwargs.get("parent_page_before")
    in_menu = instance.depth == MENU_DEPTH or (
        parent_before is not None and parent_before.depth + 1 == MENU_DEPTH
    )
    if in_menu or (url_path_before != url_path_after and not instance.is_leaf()):
        # The menu changes (a section moved into, out of or within it), or every page below
        # changes address (and may go behind a restriction): all of it, at once.
        invalidate(ALL, hard=True)
    if url_path_before == url_path_after:
        return
    # Its old place: the lists under the old parent, which `post_page_move` still names.
    if parent_before is not None:
        invalidate(*(under_tag(pk) for pk in _ancestor_ids(parent_before)))
    renew_page(instance, hard=True)


def _on_slug_changed(sender, instance, instance_before, **kwargs):
    # Every page below changes address: their old addresses must go with it.
    if not instance.is_leaf():
        invalidate(ALL, hard=True)


def _on_page_delete(sender, instance, **kwargs):
    # A deleted live page was unpublished first (above); a draft showed nowhere but its preview.
    if isinstance(instance, Page) and instance.live:
        invalidate(page_tag(instance.pk), hard=True)
