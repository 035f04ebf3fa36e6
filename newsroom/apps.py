from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The news desk: home, sections, articles and authors."""

    name = "newsroom"
    verbose_name = "Tin bài"

    def ready(self):
        from core.cache import refresh_on_save

        from .models import Author, Topic

        # Pages and feeds show bylines and topic names (core/cache.py).
        refresh_on_save(Author, Topic)
