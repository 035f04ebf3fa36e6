"""What readers may see: `.unrestricted()`, Wagtail's `PageQuerySet.public()` with its one lookup
cached, on every portal page type's queryset (`BasePage.objects`) and on `all_pages()`.

Wagtail's `.public()` reads every view restriction (password, login, group) from the database
each time it is called, and a listing page calls it for each of its lists. The cached version has
a name of its own rather than overriding `.public()`: the same call then means the same thing on
our page types and on Wagtail's `Page.objects`, and a queryset without the method (Wagtail's own)
fails loudly instead of silently reading the database. Restrictions are few
and change rarely, so their page paths are kept in the shared cache with the tags `all` and
`restrictions` (core/cache_tags.py), which saving or deleting a restriction, or moving a page
(which changes the paths below it), renews once committed. The clock is read before the
database, so a list read just before a new restriction is committed can never outlive it.
If the cache is down, every call reads the database, as Wagtail does.
"""

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

from . import cache_tags

CACHE_KEY = "privacy:restricted-paths"
CACHE_SECONDS = 3600
RESTRICTIONS = "restrictions"


def restricted_paths():
    # Asked for by every list of a page (each `.unrestricted()`): read once per answer.
    return cache_tags.once_per_answer(CACHE_KEY, _restricted_paths)


def _restricted_paths():
    return cache_tags.kept(
        CACHE_KEY, CACHE_SECONDS, {cache_tags.ALL, RESTRICTIONS}, read_restricted_paths
    )


def read_restricted_paths(excluding=None):
    """The paths under a view restriction, read from the database now, past every cache: for
    a change to restrictions, which must see them as they are (`excluding` the restriction
    being saved or deleted, to tell what was public before it or stays public after it)."""
    restrictions = PageViewRestriction.objects.all()
    if excluding is not None:
        restrictions = restrictions.exclude(pk=excluding)
    return sorted(restrictions.values_list("page__path", flat=True))


class PortalPageQuerySet(PageQuerySet):
    """Wagtail's page queryset with what the portal's readers may see."""

    def unrestricted(self):
        """These pages without those under a view restriction, like Wagtail's `.public()`."""
        private = Q()
        for path in restricted_paths():
            private |= Q(path__startswith=path)
        return self.exclude(private) if private else self


def all_pages():
    """Pages of every type, as `Page.objects` gives them, with the portal's queryset methods."""
    return PortalPageQuerySet(Page).order_by("path")


def is_public(page, paths=None):
    """Whether one page is outside every view restriction: of `paths` if given
    (read_restricted_paths()), else of the same cached paths."""
    paths = restricted_paths() if paths is None else paths
    return not any(page.path.startswith(path) for path in paths)


def visible(page):
    """`page` if readers may open it (published and outside every view restriction), else None:
    what a link, a block or a mail points at shows only then."""
    return page if page is not None and page.live and is_public(page) else None


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
def forget_restricted_paths(**kwargs):
    # At once, for this transaction's own later reads; the renewal on commit is what keeps
    # other processes' reads from putting the old list back.
    cache.delete(CACHE_KEY)
    cache_tags.invalidate(RESTRICTIONS)
