"""Idle and absolute time-outs for editors' sessions.

Django's SESSION_COOKIE_AGE alone is neither: the expiry moves forward whenever the session is
saved. So the session keeps two times of its own, the login and the last request, and this
middleware logs the editor out when either is too old: PORTAL_SESSION_IDLE_SECONDS after the last
request, PORTAL_SESSION_ABSOLUTE_SECONDS after the login whatever the activity. The last request
is written at most once a minute, so reading the admin does not write the session every time.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.urls import reverse

LOGGED_IN_AT = "portal_logged_in_at"
SEEN_AT = "portal_seen_at"
SEEN_RESOLUTION = 60  # seconds


@receiver(user_logged_in)
def start_the_clocks(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGGED_IN_AT] = now
        request.session[SEEN_AT] = now


def expired(session, now):
    logged_in_at = session.get(LOGGED_IN_AT)
    seen_at = session.get(SEEN_AT, logged_in_at)
    if logged_in_at is None:
        return False
    return (
        now - logged_in_at > settings.PORTAL_SESSION_ABSOLUTE_SECONDS
        or now - seen_at > settings.PORTAL_SESSION_IDLE_SECONDS
    )


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is logged in; asking would mark the session as read
        # and add "Vary: Cookie" to answers that caches share (pages, feeds, the API).
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            session, now = request.session, time.time()
            if expired(session, now):
                logout(request)
                if request.path_info.startswith(reverse("wagtailadmin_home")):
                    messages.warning(request, "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.")
                    return redirect_to_login(
                        request.get_full_path(), login_url=reverse("wagtailadmin_login")
                    )
            else:
                # A session from before these clocks existed starts them now.
                session.setdefault(LOGGED_IN_AT, now)
                if now - session.get(SEEN_AT, 0) > SEEN_RESOLUTION and not _background(request):
                    session[SEEN_AT] = now
        return self.get_response(request)


def _background(request):
    """The editor's tab asking by itself, not the editor: Wagtail pings its editing session every
    few seconds while an edit tab is open, which would keep an abandoned session alive."""
    return request.path_info.startswith(reverse("wagtailadmin_home") + "editing-sessions/")
