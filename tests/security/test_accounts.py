"""Editors' accounts hold against the usual attacks: guessing passwords (from behind a forged
address, or telling real user names from wrong ones), weak passwords, sessions left open or
fixed before login, and a stolen password alone (two-factor authentication for the
editor-in-chief and admins)."""

import time
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.accounts.session_timeouts import LOGGED_IN_AT, SEEN_AT
from tests.factories import ArticlePageFactory
from tests.helpers import confirmed_device, log_in_verified, member_of, totp_code

PASSWORD = "mật-khẩu-đủ-dài-2026"
LOGIN = "/admin/login/"
SETUP = "/admin/xac-thuc/thiet-lap/"
VERIFY = "/admin/xac-thuc/ma/"


@pytest.fixture
def chief(db):
    user = member_of("Tổng biên tập", "tongbientap")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def reporter(db):
    user = member_of("Phóng viên", "phongvien")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [
        item.get_text(" ", strip=True) for item in page.select(".messages .error, .error-message")
    ]


# Same answer for known and unknown user names ------------------------------------------------


def test_a_wrong_password_and_an_unknown_user_name_get_the_same_message(client, reporter):
    known = log_in(client, "phongvien", "sai-mat-khau-roi")
    unknown = log_in(client, "khong-ai-ten-nay", "sai-mat-khau-roi")
    assert known.status_code == unknown.status_code == 200
    assert errors(known) and errors(known) == errors(unknown)


def test_the_password_is_hashed_for_unknown_user_names_too(client, reporter):
    """The answer takes as long either way: Django hashes the password even when no such user
    exists, and the throttle in front of it must not skip that."""
    original = MD5PasswordHasher.encode
    with mock.patch.object(
        MD5PasswordHasher, "encode", autospec=True, side_effect=original
    ) as encode:
        log_in(client, "phongvien", "sai-mat-khau-roi")
        known = encode.call_count
        encode.reset_mock()
        log_in(client, "khong-ai-ten-nay", "sai-mat-khau-roi")
        unknown = encode.call_count
    assert known == unknown == 1


# Throttling by the real address ---------------------------------------------------------------


def test_a_forged_forwarded_for_does_not_dodge_the_lock(client, reporter):
    """With no proxy configured, X-Forwarded-For is the sender's own word and is ignored."""
    for n in range(5):
        response = log_in(
            client,
            "phongvien",
            "doan-sai",
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}",
        )
    assert response.status_code == 429
    response = log_in(
        client, "phongvien", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.8.8.8"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_behind_a_trusted_proxy_the_lock_follows_the_real_client(client, reporter, settings):
    settings.PORTAL_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(5):
        # What the guesser writes on the left changes every time; what our proxy saw does not.
        forwarded = f"192.0.2.{n}, 198.51.100.7"
        response = log_in(client, "phongvien", "doan-sai", HTTP_X_FORWARDED_FOR=forwarded, **proxy)
    assert response.status_code == 429
    # The real editor, through the same load balancer from another address, still gets in.
    response = log_in(client, "phongvien", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reporter.pk)


def test_a_malformed_forwarded_address_is_answered_normally(client, reporter, settings):
    settings.PORTAL_TRUSTED_PROXIES = 1
    response = log_in(client, "phongvien", "doan-sai", HTTP_X_FORWARDED_FOR="không-phải-địa-chỉ")
    assert response.status_code == 200
    assert errors(response)


# Strong passwords everywhere one is set -------------------------------------------------------


WEAK = ["ngan-qua", "123456789012", "password1234"]


def add_user(admin_client, password):
    """The admin's "add a user" form, sent with `password` twice."""
    return admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "nguoimoi",
            "email": "nguoimoi@example.vn",
            "first_name": "Người",
            "last_name": "Mới",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize("weak", WEAK)
def test_the_admin_refuses_a_weak_password_for_a_new_user(admin_client, weak):
    response = add_user(admin_client, weak)
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="nguoimoi").exists()


def test_the_admin_accepts_a_strong_password_for_a_new_user(admin_client):
    response = add_user(admin_client, PASSWORD)
    assert response.status_code == 302
    assert get_user_model().objects.get(username="nguoimoi").check_password(PASSWORD)


@pytest.mark.parametrize("weak", WEAK)
def test_the_admin_refuses_a_weak_password_when_changing_a_user(admin_client, reporter, weak):
    admin_client.post(
        reverse("wagtailusers_users:edit", args=[reporter.pk]),
        {
            "username": "phongvien",
            "email": "phongvien@example.vn",
            "first_name": "Phóng",
            "last_name": "Viên",
            "password1": weak,
            "password2": weak,
            "is_active": "on",
        },
    )
    reporter.refresh_from_db()
    assert reporter.check_password(PASSWORD)
    assert not reporter.check_password(weak)


@pytest.mark.parametrize("weak", WEAK)
def test_an_editor_cannot_change_their_own_password_to_a_weak_one(client, reporter, weak):
    client.force_login(reporter)
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "password-old_password": PASSWORD,
            "password-new_password1": weak,
            "password-new_password2": weak,
        },
    )
    assert response.status_code == 200
    reporter.refresh_from_db()
    assert reporter.check_password(PASSWORD)


# Sessions: rotation on login, idle and absolute time-outs -------------------------------------


def test_logging_in_gives_a_new_session_key(client, reporter):
    """A session key planted before login (session fixation) is worth nothing after it."""
    session = client.session
    session["truoc-dang-nhap"] = "1"
    session.save()
    before = session.session_key
    assert log_in(client, "phongvien").status_code == 302
    after = client.session.session_key
    assert after != before
    assert not type(session)().exists(before)


def age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_an_idle_session_ends_after_thirty_minutes(client, reporter):
    assert log_in(client, "phongvien").status_code == 302
    age_session(client, **{SEEN_AT: 31 * 60, LOGGED_IN_AT: 31 * 60})
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    assert "Phiên làm việc đã hết hạn" in client.get(response["Location"]).text


def test_a_session_in_use_stays_open_and_its_clock_moves(client, reporter):
    assert log_in(client, "phongvien").status_code == 302
    age_session(client, **{SEEN_AT: 29 * 60, LOGGED_IN_AT: 29 * 60})
    assert client.get("/admin/").status_code == 200
    assert time.time() - client.session[SEEN_AT] < 60


def test_an_edit_tab_left_open_does_not_keep_the_session_alive(client, reporter):
    """Wagtail's editor pings its editing session every few seconds by itself."""
    assert log_in(client, "phongvien").status_code == 302
    age_session(client, **{SEEN_AT: 29 * 60, LOGGED_IN_AT: 29 * 60})
    client.post("/admin/editing-sessions/ping/wagtailcore/page/2/0/")
    assert time.time() - client.session[SEEN_AT] > 28 * 60


def test_a_session_ends_eight_hours_after_login_however_busy(client, reporter):
    assert log_in(client, "phongvien").status_code == 302
    age_session(client, **{SEEN_AT: 10, LOGGED_IN_AT: 8 * 3600 + 10})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_a_session_seven_hours_old_still_works(client, reporter):
    assert log_in(client, "phongvien").status_code == 302
    age_session(client, **{SEEN_AT: 10, LOGGED_IN_AT: 7 * 3600})
    assert client.get("/admin/").status_code == 200


# Two-factor authentication -------------------------------------------------------------------


def test_every_group_the_setting_names_exists_and_must_give_a_second_factor(db, client, settings):
    """The setting names groups the migrations make: a rename of either would silently drop
    the rule, and an emptied setting would let the editor-in-chief in on a password alone."""
    assert "Tổng biên tập" in settings.PORTAL_TWO_FACTOR_REQUIRED_GROUPS
    for number, name in enumerate(settings.PORTAL_TWO_FACTOR_REQUIRED_GROUPS):
        assert Group.objects.filter(name=name).exists(), name
        user = member_of(name, f"thanhvien{number}")
        user.set_password(PASSWORD)
        user.save()
        client.logout()
        assert log_in(client, user.username).status_code == 302
        assert client.get("/admin/")["Location"].startswith(SETUP), name


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/users/", "/admin/documents/"])
def test_a_superuser_without_a_device_is_sent_to_set_one_up(client, url):
    get_user_model().objects.create_superuser("quantri", "", PASSWORD)
    assert log_in(client, "quantri").status_code == 302
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_the_editor_in_chief_sets_up_an_app_on_first_login(client, chief):
    response = log_in(client, "tongbientap")
    assert client.get(response["Location"])["Location"].startswith(SETUP)
    page = client.get(SETUP + "?next=/admin/pages/")
    assert page.status_code == 200
    assert "<svg" in page.text  # the QR code, drawn here: no outside service
    device = TOTPDevice.objects.get(user=chief)
    assert not device.confirmed
    secret = BeautifulSoup(page.content, "html.parser").select_one(".two-factor-qr code").text
    assert secret.replace(" ", "") in device.config_url

    wrong = client.post(SETUP, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "Mã xác thực không đúng" in wrong.text
    assert client.get("/admin/pages/").status_code == 302

    device.throttle_reset()  # the wait a wrong code imposes is tested below
    right = client.post(SETUP, {"code": totp_code(device), "next": "/admin/pages/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_with_a_device_the_code_is_asked_before_any_admin_page(client, chief):
    device = confirmed_device(chief)
    log_in(client, "tongbientap")
    before = client.session.session_key
    response = client.get("/admin/pages/")
    assert response["Location"].startswith(VERIFY)
    # A password alone cannot add a second device either.
    assert client.get(SETUP)["Location"].startswith(VERIFY)

    wrong = client.post(VERIFY, {"code": "123456", "next": "/admin/pages/"})
    assert "Mã xác thực không đúng" in wrong.text
    assert client.get("/admin/pages/").status_code == 302

    device.throttle_reset()
    right = client.post(VERIFY, {"code": totp_code(device), "next": "/admin/pages/"})
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    assert client.session.session_key != before


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "١٢٣٤٥٦"])
def test_a_malformed_code_is_refused_with_a_message(client, chief, code):
    confirmed_device(chief)
    log_in(client, "tongbientap")
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "mã xác thực" in " ".join(errors(response)).lower()


def test_a_code_is_not_accepted_twice(client, chief):
    device = confirmed_device(chief)
    code = totp_code(device)
    log_in(client, "tongbientap")
    assert client.post(VERIFY, {"code": code})["Location"] == "/admin/"
    client.logout()
    log_in(client, "tongbientap")
    assert client.post(VERIFY, {"code": code}).status_code == 200


def test_guessing_codes_is_throttled(client, chief):
    """After a wrong code even the right one is refused for a while (1 s, 2 s, 4 s … doubling),
    so a million guesses take longer than anyone has."""
    device = confirmed_device(chief)
    log_in(client, "tongbientap")
    for _ in range(3):
        client.post(VERIFY, {"code": "000000"})
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
    refused = client.post(VERIFY, {"code": totp_code(device)})
    assert refused.status_code == 200
    assert "đợi vài giây" in refused.text
    assert DEVICE_ID_SESSION_KEY not in client.session
    # Once the wait is over (moved back in the database, not slept), the right code opens.
    device.refresh_from_db()
    device.throttling_failure_timestamp -= timedelta(seconds=60)
    device.save()
    assert client.post(VERIFY, {"code": totp_code(device)})["Location"] == "/admin/"


def test_an_unverified_session_is_anonymous_on_the_public_site(client, chief, home_page):
    """A stolen password alone opens no page behind a login."""
    story = ArticlePageFactory(parent=home_page, title="Tin nội bộ", slug="tin-noi-bo")
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    confirmed_device(chief)
    log_in(client, "tongbientap")
    assert client.get(story.url).status_code == 302
    log_in_verified(client, chief)
    assert client.get(story.url).status_code == 200


def test_a_reporter_needs_no_second_factor(client, reporter):
    log_in(client, "phongvien")
    assert client.get("/admin/pages/").status_code == 200


def test_a_reporter_may_opt_in_and_is_then_held_to_it(client, reporter):
    log_in(client, "phongvien")
    assert "Xác thực hai bước" in client.get(reverse("wagtailadmin_account")).text
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=reporter)
    assert client.post(SETUP, {"code": totp_code(device)}).status_code == 302
    client.logout()
    log_in(client, "phongvien")
    assert client.get("/admin/pages/")["Location"].startswith(VERIFY)


def test_the_code_page_sends_only_to_this_site(client, chief):
    device = confirmed_device(chief)
    log_in(client, "tongbientap")
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://example.com/"})
    assert response["Location"] == "/admin/"


def test_the_shell_can_print_the_code_an_admin_without_a_phone_needs(db):
    """`make run`'s admin sets up two-factor authentication with `manage.py otp_code admin`."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin = get_user_model().objects.create_superuser("quantri", "", "mật-khẩu-thật-dài-2026")
    with pytest.raises(CommandError, match="chưa có thiết bị"):
        call_command("otp_code", "quantri")

    device = TOTPDevice.objects.create(user=admin, name="Điện thoại", confirmed=False)
    printed = StringIO()
    call_command("otp_code", "quantri", stdout=printed)
    assert device.verify_token(printed.getvalue().strip())


def test_an_editor_without_a_code_can_log_out_from_the_code_page(client, chief):
    confirmed_device(chief)
    log_in(client, "tongbientap")
    page = BeautifulSoup(client.get(VERIFY).text, "html.parser")
    logout = page.find("button", string=lambda text: text and "Đăng xuất" in text).find_parent(
        "form"
    )
    assert logout["method"] == "post"
    response = client.post(logout["action"])
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "forwarded, seen",
    [
        ("198.51.100.8", "198.51.100.8"),
        ("198.51.100.8:51234", "198.51.100.8"),  # a proxy that writes the port
        ("[2001:db8::7]:443", "2001:db8::7"),
        ("2001:db8::7", "2001:db8::7"),
        ("không-phải-địa-chỉ", "10.0.0.1"),  # the proxy's own: throttles more, never less
    ],
)
def test_the_client_address_behind_our_proxy_is_read_with_or_without_a_port(
    rf, settings, forwarded, seen
):
    """Readers must not all share the proxy's address (and one rate limit) because it adds
    ports."""
    from core.accounts.client_ip import client_ip

    settings.PORTAL_TRUSTED_PROXIES = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == seen
