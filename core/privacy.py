"""What readers may see: Wagtail's `PageQuerySet.public()`, with its one lookup cached.

Wagtail's `.public()` reads every view restriction (password, login, group) from the database
each time it is called, and a listing page calls it for each of its lists. Restrictions are few
and change rarely, so their page paths are kept in the shared cache and dropped whenever a
restriction is saved or deleted or a page moves (which changes the paths below it). If the cache
is down, every call reads the database, as Wagtail does.
"""

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

CACHE_KEY = "privacy:restricted-paths"
CACHE_SECONDS = 3600


def restricted_paths():
    paths = cache.get(CACHE_KEY)
    if paths is None:
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(CACHE_KEY, paths, CACHE_SECONDS)
    return paths


def public(queryset):
    """`queryset` without pages under a view restriction, like Wagtail's `.public()`."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


def is_public(page):
    """Whether one page is outside every view restriction, from the same cached paths."""
    return not any(page.path.startswith(path) for path in restricted_paths())


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
def forget_restricted_paths(**kwargs):
    cache.delete(CACHE_KEY)
