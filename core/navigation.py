"""The sections menu, kept in the shared cache: it is on every page but changes rarely.

Kept with the tag `all` (core/cache_tags.py): every page shows it, so what changes it (a
section published, withdrawn, moved or renamed; a view restriction) renews every page anyway
(core/cache_renewal.py)."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import cache_tags
from .privacy import all_pages

MENU_TIMEOUT = 3600

# The server cannot measure text, so the bar's room is counted in characters: in the menu's
# semi-bold 16 px Be Vietnam Pro a lower-case Vietnamese title takes about 8.8 px a character
# and a link's padding and gap about 4 characters, so 1,152 px of bar hold some 130; 120 leaves
# room for wider letters. The bar also wraps (portal.css), so a title wider than counted, or a
# narrower screen, takes a second row and never hides. The rest go under "Thêm", a <details>
# that opens without JavaScript.
BAR_CHARACTERS = 120
LINK_PADDING_CHARACTERS = 4
HOME_TITLE = "Trang chủ"
MORE_TITLE = "Thêm"


def _cache_key(site):
    return f"menu:site:{site.pk}"


def menu_sections(site, request=None):
    """[(title, url, page_id)] for the live, public, in-menu children of the site's home page."""

    def read():
        pages = all_pages().child_of(site.root_page).live().unrestricted().in_menu()
        return [(page.title, page.get_url(request), page.pk) for page in pages]

    return cache_tags.kept(_cache_key(site), MENU_TIMEOUT, {cache_tags.ALL}, read)


@dataclass
class Menu:
    """The sections menu as shown: the links in the bar, then those under "Thêm"."""

    bar: list = field(default_factory=list)
    more: list = field(default_factory=list)


def split_menu(items, room=BAR_CHARACTERS):
    """The menu's items in editors' order, as many in the bar as fit beside the home link (and
    "Thêm" when some are left over), the rest under "Thêm"."""

    def width(title):
        return len(title) + LINK_PADDING_CHARACTERS

    if sum(width(title) for title, *_ in items) + width(HOME_TITLE) <= room:
        return Menu(bar=list(items))
    used, bar = width(HOME_TITLE) + width(MORE_TITLE), []
    for item in items:
        used += width(item[0])
        if used > room:
            break
        bar.append(item)
    return Menu(bar=bar, more=list(items[len(bar) :]))


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
@receiver(post_delete, sender=Page)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def clear_menus(**kwargs):
    # At once, for this transaction's own later reads (a restriction saved, then the home page
    # shown in the same request); the renewal of `all` on commit is what keeps another
    # request's menu, read before the change landed, from staying.
    from wagtail.models import Site

    cache.delete_many([_cache_key(site) for site in Site.objects.all()])
