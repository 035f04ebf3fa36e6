"""Small helpers several test folders share."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def count_queries(client, url, params=None):
    """How many SQL queries a successful GET of `url` costs."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def member_of(group_name, username):
    """A user in one of the portal's roles (groups made by migrations)."""
    user = get_user_model().objects.create_user(username, password="mat-khau-dai-2026")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def hidden_stories(section):
    """Stories in `section` that must appear nowhere public, by slug: a draft, one scheduled an
    hour ahead, one behind a login, and one withdrawn (published, then unpublished)."""
    from tests.factories import ArticlePageFactory  # factories import the models: not at load

    draft = ArticlePageFactory(parent=section, title="Bí mật bản nháp", slug="ban-nhap", live=False)
    scheduled = ArticlePageFactory(
        parent=section,
        title="Bí mật hẹn giờ",
        slug="tin-hen-gio",
        live=False,
        first_published_at=None,
    )
    scheduled.save_revision(approved_go_live_at=timezone.now() + timedelta(hours=1))
    private = ArticlePageFactory(parent=section, title="Bí mật nội bộ", slug="tin-noi-bo")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    withdrawn = ArticlePageFactory(parent=section, title="Bí mật đã gỡ", slug="tin-da-go")
    withdrawn.unpublish()
    return {page.slug: page for page in (draft, scheduled, private, withdrawn)}


def confirmed_device(user):
    """The authenticator app a user has set up (core/accounts/two_factor.py)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Ứng dụng thử"}
    )[0]


def totp_code(device):
    """The six digits the user's app shows now, as the app computes them from the shared key.
    A code opens the device once: a second login in the same 30 s takes the next step's code,
    which the device accepts (one step of tolerance)."""
    import time

    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    step = max(totp.t(), device.last_t + 1)
    totp.time = device.t0 + (step - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"


def log_in_verified(client, user):
    """`client.force_login`, plus the second factor superusers and the editor-in-chief must
    give before any admin page: the session is marked verified by the user's own device."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
    session.save()
    return user


def admin_article_form(
    title="Chính phủ họp phiên thường kỳ tháng 8",
    slug="hop-chinh-phu-thuong-ky",
    sapo="Hội nghị bàn các giải pháp thúc đẩy tăng trưởng trong những tháng cuối năm.",
    **extra,
):
    """What the admin's article editor posts for a one-paragraph story with no byline, topic or
    related story; `extra` adds fields such as `action-publish`."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "dateline": "Hà Nội",
            "sapo": sapo,
            "layout": "standard",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung bài.</p>"))]),
            "article_authors": inline_formset([]),
            "related_links": inline_formset([]),
            "corrections": inline_formset([]),
            "topics": "",
            "comment_notifications": "",
            **extra,
        }
    )
