"""The live desk (newsroom/live_desk.py and its admin screens): reporters assigned to a live
page post and take back their updates at once, never a page revision; after the grace period a
change is a correction or a withdrawal that readers see; every change leaves a history row; a
reporter can never touch another live page."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
import time_machine

from newsroom import live_desk
from newsroom.models import LiveUpdate, LiveUpdateAction, LiveUpdateHistory
from tests.factories import LiveCoveragePageFactory, SectionPageFactory, live_update
from tests.helpers import log_in_verified, member_of

SECRET = "BẢN-THẢO-BÊN-KIA-5521"


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


@pytest.fixture
def live(section):
    return LiveCoveragePageFactory(parent=section, title="Trực tiếp: Kỳ họp Quốc hội")


@pytest.fixture
def other_live(section):
    page = LiveCoveragePageFactory(parent=section, title="Trực tiếp: Hội nghị Chính phủ")
    live_update(page, f"{SECRET} cập nhật của trang khác", timezone.now())
    return page


@pytest.fixture
def reporter(live):
    user = member_of("Phóng viên tường thuật", "pv-tuong-thuat")
    live_desk.assign(live, user, by=member_of("Biên tập viên", "bien-tap-phan-cong"))
    return user


@pytest.fixture
def editor(db):
    return member_of("Biên tập viên", "bien-tap-vien")


def text(content):
    return [("text", RichText(f"<p>{content}</p>"))]


def desk_form(content, note=""):
    """The post form as the StreamField widget sends it: one text block."""
    return nested_form_data(
        {
            "cap-nhat-content": streamfield([("text", rich_text(f"<p>{content}</p>"))]),
            "cap-nhat-note": note,
        }
    )


# --- The rules ----------------------------------------------------------------------------------


def test_posting_keeps_a_history_row_and_makes_no_revision(live, reporter):
    revisions = Revision.objects.count()
    update = live_desk.post(live, reporter, text("Khai mạc."))
    assert Revision.objects.count() == revisions
    row = update.history.get()
    assert (row.action, row.user, row.content_before) == (LiveUpdateAction.POSTED, reporter, [])


def test_within_the_grace_period_the_poster_edits_and_deletes_silently(live, reporter):
    update = live_desk.post(live, reporter, text("Khai mạc lúc 8 giờ."))
    live_desk.edit(update, reporter, text("Khai mạc lúc 8 giờ 30."))
    update.refresh_from_db()
    assert update.corrected_at is None
    edited = update.history.get(action=LiveUpdateAction.EDITED)
    assert "Khai mạc lúc 8 giờ." in str(edited.content_before)
    live_desk.remove(update, reporter)
    update.refresh_from_db()
    assert update.is_removed and not update.is_withdrawn and not len(update.content)
    deleted = update.history.get(action=LiveUpdateAction.DELETED)
    assert "8 giờ 30" in str(deleted.content_before)


def test_after_the_grace_period_an_edit_is_a_correction_with_a_note(live, reporter):
    update = live_desk.post(live, reporter, text("Có 480 đại biểu."))
    with time_machine.travel(timezone.now() + live_desk.GRACE + dt.timedelta(seconds=1)):
        with pytest.raises(ValidationError) as error:
            live_desk.edit(update, reporter, text("Có 482 đại biểu."))
        assert "Ghi rõ đã sửa gì" in str(error.value)
        live_desk.edit(update, reporter, text("Có 482 đại biểu."), "Sửa số đại biểu.")
        update.refresh_from_db()
        assert update.corrected_at and update.correction_note == "Sửa số đại biểu."
        with pytest.raises(ValidationError):
            live_desk.remove(update, reporter)  # a withdrawal needs its reason
        live_desk.remove(update, reporter, "Số liệu chưa chính thức.")
    update.refresh_from_db()
    assert update.is_withdrawn and not update.is_removed
    assert list(update.history.values_list("action", flat=True)) == [
        LiveUpdateAction.WITHDRAWN,
        LiveUpdateAction.CORRECTED,
        LiveUpdateAction.POSTED,
    ]


def test_an_editor_changing_a_reporters_update_always_leaves_a_trace(live, reporter, editor):
    update = live_desk.post(live, reporter, text("Tin nhanh."))
    with pytest.raises(ValidationError):
        live_desk.edit(update, editor, text("Tin nhanh đã sửa."))
    live_desk.edit(update, editor, text("Tin nhanh đã sửa."), "Biên tập lại.")
    assert LiveUpdate.objects.get(pk=update.pk).corrected_at is not None


def test_a_reporter_may_not_pin_nor_change_a_colleagues_update(live, reporter):
    colleague = member_of("Phóng viên tường thuật", "pv-dong-nghiep")
    live_desk.assign(live, colleague, by=member_of("Tổng biên tập", "tong-bien-tap"))
    update = live_desk.post(live, colleague, text("Của đồng nghiệp."))
    for action in (
        lambda: live_desk.pin(update, reporter),
        lambda: live_desk.edit(update, reporter, text("Sửa trộm."), "x"),
        lambda: live_desk.remove(update, reporter, "x"),
    ):
        with pytest.raises(PermissionDenied):
            action()
    assert LiveUpdateHistory.objects.filter(user=reporter).count() == 0


def test_an_unassigned_reporter_may_not_post(other_live, reporter):
    with pytest.raises(PermissionDenied):
        live_desk.post(other_live, reporter, text("Lạc trang."))


def test_a_change_renews_only_the_live_tag(live, reporter, monkeypatch):
    renewed = []
    for where in ("core.cache_tags.invalidate", "core.cache_renewal.invalidate"):
        monkeypatch.setattr(where, lambda *tags, **kw: renewed.append(tags))
    with TestCase.captureOnCommitCallbacks(execute=True):
        live_desk.post(live, reporter, text("Khai mạc."))
    assert renewed == [(f"live-{live.pk}",)]


def test_taking_an_update_away_renews_hard_and_a_change_softly(live, reporter, editor, monkeypatch):
    """A withdrawn or deleted update must never be served again while the page is re-made (a
    hard renewal); a new or edited one may be, a moment (core/cache_tags.py)."""
    renewed = []
    monkeypatch.setattr("core.cache_tags.invalidate", lambda *tags, **kw: renewed.append(kw))
    with TestCase.captureOnCommitCallbacks(execute=True):
        mine = live_desk.post(live, reporter, text("Gõ nhầm."))
    with TestCase.captureOnCommitCallbacks(execute=True):
        live_desk.remove(mine, reporter)  # deleted within the grace period
    with TestCase.captureOnCommitCallbacks(execute=True):
        other = live_desk.post(live, reporter, text("Số liệu chưa kiểm chứng."))
    with TestCase.captureOnCommitCallbacks(execute=True):
        live_desk.remove(other, editor, "Số liệu chưa được kiểm chứng.")  # withdrawn
    assert renewed == [{"hard": False}, {"hard": True}, {"hard": False}, {"hard": True}]


def test_one_update_a_page_is_pinned_even_if_two_rows_say_so_at_once(live, editor):
    first = live_desk.post(live, editor, text("Phát biểu khai mạc."))
    second = live_desk.post(live, editor, text("Thông qua chương trình kỳ họp."))
    live_desk.pin(first, editor)
    live_desk.pin(second, editor)
    assert list(live.updates.filter(pinned=True)) == [second]
    with pytest.raises(IntegrityError), transaction.atomic():
        LiveUpdate.objects.filter(pk=first.pk).update(pinned=True)  # as a racing editor would


def test_migrated_updates_belong_to_nobody_so_no_reporter_may_change_them(live, reporter):
    """The copied inline updates (migration 0015) have no poster: the page's owner may not
    have written them, and a reporter may change only their own."""
    update = live_update(live, "Cập nhật từ trước khi có bàn tường thuật.", timezone.now())
    update.posted_by = None
    update.save()
    assert not live_desk.may_change_silently(reporter, update)
    assert not live_desk.may_correct(reporter, update)


# --- The admin screens --------------------------------------------------------------------------


def test_the_menu_lists_only_the_assigned_pages(client, live, other_live, reporter):
    log_in_verified(client, reporter)
    body = client.get(reverse("live_desk:index")).text
    assert "Tường thuật trực tiếp" in body
    assert live.title in body and other_live.title not in body


def test_a_reporter_posts_from_the_desk(client, live, reporter):
    log_in_verified(client, reporter)
    url = reverse("live_desk:desk", args=[live.pk])
    desk = client.get(url)
    assert desk.status_code == 200 and "Đăng cập nhật mới" in desk.text
    assert "streamfield" in desk.text.lower()  # Wagtail's StreamField widget and its script
    response = client.post(url, desk_form("Phiên họp bắt đầu."))
    assert response.status_code == 302
    update = live.updates.get()
    assert update.posted_by == reporter
    assert "Phiên họp bắt đầu." in client.get(live.url).text


def test_an_empty_post_is_refused_in_vietnamese(client, live, reporter):
    log_in_verified(client, reporter)
    data = nested_form_data({"cap-nhat-content": streamfield([])})
    response = client.post(reverse("live_desk:desk", args=[live.pk]), data)
    assert response.status_code == 200
    assert "Nhập nội dung cập nhật" in response.text
    assert not live.updates.exists()


def test_an_editor_assigns_a_reporter_from_the_desk(client, live, editor):
    newcomer = member_of("Phóng viên tường thuật", "pv-moi")
    log_in_verified(client, editor)
    url = reverse("live_desk:reporters", args=[live.pk])
    assert client.post(url, {"reporter": newcomer.pk}).status_code == 302
    assert live_desk.may_post(newcomer, live)
    for tampered in ("abc", "²", "9" * 30):  # never a 500, as int("²") or a huge id gave
        assert client.post(url, {"remove": tampered}).status_code == 404
    client.post(url, {"remove": newcomer.pk})
    assert not live_desk.may_post(newcomer, live)


def test_editors_read_the_history(client, live, reporter, editor):
    update = live_desk.post(live, reporter, text("Bản đầu."))
    live_desk.edit(update, reporter, text("Bản sau."))
    log_in_verified(client, editor)
    body = client.get(reverse("live_desk:history", args=[live.pk])).text
    assert "Sửa trong thời gian cho phép" in body and "Bản đầu." in body
    assert reporter.username in body


def other_page_addresses(other_live, own_live):
    update = other_live.updates.get()
    return [
        ("get", reverse("live_desk:desk", args=[other_live.pk])),
        ("post", reverse("live_desk:desk", args=[other_live.pk])),
        ("get", reverse("live_desk:history", args=[other_live.pk])),
        ("post", reverse("live_desk:reporters", args=[other_live.pk])),
        ("get", reverse("live_desk:edit", args=[other_live.pk, update.pk])),
        ("post", reverse("live_desk:edit", args=[other_live.pk, update.pk])),
        ("get", reverse("live_desk:remove", args=[other_live.pk, update.pk])),
        ("post", reverse("live_desk:remove", args=[other_live.pk, update.pk])),
        ("post", reverse("live_desk:pin", args=[other_live.pk, update.pk])),
        # Through the reporter's own page: the update belongs to another.
        ("get", reverse("live_desk:edit", args=[own_live.pk, update.pk])),
        ("post", reverse("live_desk:edit", args=[own_live.pk, update.pk])),
        ("post", reverse("live_desk:remove", args=[own_live.pk, update.pk])),
        ("post", reverse("live_desk:pin", args=[own_live.pk, update.pk])),
    ]


def test_a_reporter_can_never_touch_another_live_pages_updates(client, live, other_live, reporter):
    log_in_verified(client, reporter)
    before = list(other_live.updates.values())
    for method, url in other_page_addresses(other_live, live):
        response = getattr(client, method)(url, {**desk_form("Chen ngang."), "reason": "x"})
        assert response.status_code in (403, 404), (method, url, response.status_code)
        assert SECRET not in response.content.decode()
    assert list(other_live.updates.values()) == before
    assert not LiveUpdateHistory.objects.filter(user=reporter).exists()


def refused(response):
    """403, or Wagtail's answer to a PermissionDenied in the admin: back to its home page."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def test_a_reporter_may_not_read_the_history_nor_assign(client, live, reporter):
    log_in_verified(client, reporter)
    assert refused(client.get(reverse("live_desk:history", args=[live.pk])))
    url = reverse("live_desk:reporters", args=[live.pk])
    assert refused(client.post(url, {"reporter": reporter.pk}))
    assert not live.desk_assignments.exclude(user=reporter).exists()


def test_a_newsroom_reporter_without_the_live_role_sees_no_desk(client, live):
    log_in_verified(client, member_of("Phóng viên", "phong-vien-thuong"))
    assert refused(client.get(reverse("live_desk:index")))
    assert client.get(reverse("live_desk:desk", args=[live.pk])).status_code == 404


def test_after_the_grace_period_the_edit_screen_asks_for_a_correction_note(client, live, reporter):
    update = live_desk.post(live, reporter, text("Có 480 đại biểu."))
    log_in_verified(client, reporter)
    url = reverse("live_desk:edit", args=[live.pk, update.pk])
    with time_machine.travel(timezone.now() + live_desk.GRACE + dt.timedelta(seconds=5)):
        assert "Đính chính cập nhật" in client.get(url).text
        refused = client.post(url, desk_form("Có 482 đại biểu."))
        assert refused.status_code == 200 and "Ghi rõ đã sửa gì" in refused.text
        done = client.post(url, desk_form("Có 482 đại biểu.", note="Sửa số đại biểu."))
        assert done.status_code == 302
    body = client.get(live.url).text
    assert "Có 482 đại biểu." in body and "Đã sửa lúc" in body and "Sửa số đại biểu." in body


def test_an_editor_pins_from_the_desk(client, live, reporter, editor):
    first = live_desk.post(live, reporter, text("Quan trọng."))
    live_desk.post(live, reporter, text("Mới hơn."))
    log_in_verified(client, editor)
    response = client.post(reverse("live_desk:pin", args=[live.pk, first.pk]), {"pinned": "1"})
    assert response.status_code == 302
    body = client.get(live.url).text
    assert body.index("Quan trọng.") < body.index("Mới hơn.")
