from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "core.accounts"
    label = "portal_accounts"
    verbose_name = _("Tài khoản biên tập")

    def ready(self):
        from . import session_timeouts  # noqa: F401  (connects the login signal)
