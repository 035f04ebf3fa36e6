from django.urls import include, path

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import live_desk_admin
from .author_admin import AuthorViewSet

register_snippet(AuthorViewSet)


@hooks.register("register_admin_urls")
def register_live_desk_urls():
    return [
        path(
            "tuong-thuat/",
            include((live_desk_admin.urlpatterns, "live_desk"), namespace="live_desk"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_live_desk_menu_item():
    return live_desk_admin.menu_item()
