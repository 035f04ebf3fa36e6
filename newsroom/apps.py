from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The news desk: home, sections, articles and authors."""

    name = "newsroom"
    verbose_name = "Tin bài"

    def ready(self):
        from core import registry
        from core.cache_renewal import renew_on_save

        from .models import Author, SectionPage, Topic

        # Pages and feeds show bylines and topic names (core/cache_tags.py); the feeds'
        # directory lists every topic.
        renew_on_save(Author)
        renew_on_save(Topic, listed=True)
        registry.clean_text_of(self.label)
        registry.narrow_search_by(SectionPage)
