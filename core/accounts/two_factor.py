"""Who must pass a second factor before the admin, and the middleware that holds them to it.

Required for superusers and the groups in PORTAL_TWO_FACTOR_REQUIRED_GROUPS (the editor-in-chief and
the desks' heads publish on the Government's behalf); anyone else who has set up a device has opted
in and is held to it too. A required user with no device yet is sent to set one up right after the
password; a user with a device must give a code before any admin page. Until then the session counts
for nothing outside the admin either: the public site sees an anonymous reader, so a stolen password
alone opens no private document and no page behind a login.

Runs after django_otp.middleware.OTPMiddleware, which tells whether the session is verified.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

from django_otp import user_has_device

SETUP, VERIFY = "portal_two_factor_setup", "portal_two_factor_verify"
# Pages an unverified session may still open: the way out, and what those pages need to render.
OPEN_URL_NAMES = {"wagtailadmin_logout", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite"}


def two_factor_required(user):
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.groups.filter(name__in=settings.PORTAL_TWO_FACTOR_REQUIRED_GROUPS).exists()
    )


def held_to_two_factor(user):
    return two_factor_required(user) or user_has_device(user, confirmed=True)


def _url_name(path):
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)  # nobody logged in: the session stays unread
        user = request.user
        if user.is_authenticated and not user.is_verified() and held_to_two_factor(user):
            if not request.path_info.startswith(reverse("wagtailadmin_home")):
                request.user = AnonymousUser()
                return self.get_response(request)
            url_name = _url_name(request.path_info)
            step = VERIFY if user_has_device(user, confirmed=True) else SETUP
            if url_name not in OPEN_URL_NAMES and url_name != step:
                return redirect_to_login(request.get_full_path(), login_url=reverse(step))
        return self.get_response(request)
