from wagtail.snippets.models import register_snippet

from .author_admin import AuthorViewSet

register_snippet(AuthorViewSet)
