from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from .navigation import menu_sections, split_menu


def navigation(request):
    """The sections menu, looked up only by templates that show it."""

    def sections():
        site = Site.find_for_request(request)
        return menu_sections(site, request) if site else []

    return {"menu": SimpleLazyObject(lambda: split_menu(sections()))}
