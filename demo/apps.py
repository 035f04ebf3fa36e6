from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and bulk content: `seed_demo`, `seed_bulk`, the drawn pictures and encoded clips.

    It may import every desk; nothing imports it, so the desks stay their real size and a
    production install could leave it out without losing a page type."""

    name = "demo"
    label = "demo"
    verbose_name = "Nội dung mẫu"
