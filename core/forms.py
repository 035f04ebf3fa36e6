from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm


class PortalLoginForm(LoginForm):
    """Wagtail's login form, with the password label and the user-name placeholder translatable
    (Wagtail leaves the first unlabelled and builds the second from a lowercase field name)."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs["placeholder"] = _("Enter your username")
        self.fields["password"].label = _("Password")
