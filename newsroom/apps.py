from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The news desk: home, sections, articles and authors."""

    name = "newsroom"
    verbose_name = "Tin bài"
