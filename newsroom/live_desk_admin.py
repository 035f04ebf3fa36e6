"""The live desk in the admin (Tường thuật trực tiếp): the live pages a user may post to, and per
page the desk: the post form (Wagtail's StreamField widget), the updates newest first with the
actions the user's rights allow, the reporters assigned (editors choose them) and the history.

Every address names its page: a page the user may not post to is a 404 (its title is not
told), an update of another page is a 404, an action the user may not take is a 403. The rules
are newsroom/live_desk.py's.
"""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.blocks import StreamValue

from . import live_desk
from .models import LiveUpdate, LiveUpdateHistory

NOTE_MAX_LENGTH = 500
HISTORY_ROWS = 500


class LiveUpdateForm(WagtailAdminModelForm):
    """An update's content; `note` is the correction's note, asked for after the grace period."""

    note = forms.CharField(
        label=gettext_lazy("Ghi chú đính chính"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Hiện cho bạn đọc cạnh dòng “Đã sửa lúc …”."),
    )

    class Meta:
        model = LiveUpdate
        fields = ["content"]

    def clean_content(self):
        content = self.cleaned_data["content"]
        if not content or not len(content):
            raise ValidationError(_("Nhập nội dung cập nhật: ít nhất một khối."))
        return content


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do rút"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Hiện cho bạn đọc ở chỗ cập nhật đã rút."),
    )


class AssignForm(forms.Form):
    reporter = forms.ModelChoiceField(
        label=gettext_lazy("Phóng viên"),
        queryset=get_user_model().objects.none(),
        empty_label=gettext_lazy("— Chọn phóng viên —"),
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=live_desk.LIVE_REPORTER)
            .exclude(live_desk_assignments__page=page)
            .order_by("last_name", "first_name", "username")
            .distinct()
        )


def _page(request, page_id):
    return get_object_or_404(live_desk.pages_for(request.user), pk=page_id)


def _update(page, update_id):
    return get_object_or_404(LiveUpdate.objects.shown(), pk=update_id, page=page)


def _desk_url(page):
    return reverse("live_desk:desk", args=[page.pk])


def index(request):
    if not live_desk.is_on_desk(request.user):
        raise PermissionDenied
    pages = live_desk.pages_for(request.user)
    return TemplateResponse(
        request,
        "newsroom/admin/live_desk/index.html",
        {"page_title": _("Tường thuật trực tiếp"), "header_icon": "media", "pages": pages},
    )


def desk(request, page_id):
    page = _page(request, page_id)
    user = request.user
    form = LiveUpdateForm(request.POST or None, prefix="cap-nhat")
    if request.method == "POST":
        if form.is_valid():
            live_desk.post(page, user, form.cleaned_data["content"])
            messages.success(request, _("Đã đăng cập nhật."))
            return redirect(_desk_url(page))
        messages.error(request, _("Chưa đăng được: xem lỗi bên dưới."))
    updates = list(page.updates.shown().in_page_order().select_related("posted_by"))
    rows = [
        {
            "update": update,
            "silent": live_desk.may_change_silently(user, update),
            "correct": live_desk.may_correct(user, update),
            "pin": live_desk.may_pin(user) and not update.is_withdrawn,
        }
        for update in updates
    ]
    editor = live_desk.is_editor(user)
    return TemplateResponse(
        request,
        "newsroom/admin/live_desk/desk.html",
        {
            "page_title": page.title,
            "header_icon": "media",
            "page": page,
            "form": form,
            "rows": rows,
            "editor": editor,
            "grace_minutes": int(live_desk.GRACE.total_seconds() // 60),
            "assignments": page.desk_assignments.select_related("user") if editor else [],
            "assign_form": AssignForm(page=page) if editor else None,
        },
    )


def edit(request, page_id, update_id):
    page = _page(request, page_id)
    update = _update(page, update_id)
    silent = live_desk.may_change_silently(request.user, update)
    if not silent and not live_desk.may_correct(request.user, update):
        raise PermissionDenied
    form = LiveUpdateForm(request.POST or None, instance=update, prefix="cap-nhat")
    if request.method == "POST" and form.is_valid():
        try:
            live_desk.edit(
                update, request.user, form.cleaned_data["content"], form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error("note", error.message_dict.get("note", error.messages))
        else:
            messages.success(request, _("Đã lưu.") if silent else _("Đã đính chính."))
            return redirect(_desk_url(page))
    return TemplateResponse(
        request,
        "newsroom/admin/live_desk/edit.html",
        {
            "page_title": _("Sửa cập nhật") if silent else _("Đính chính cập nhật"),
            "header_icon": "edit",
            "page": page,
            "update": update,
            "form": form,
            "silent": silent,
            "grace_minutes": int(live_desk.GRACE.total_seconds() // 60),
        },
    )


def remove(request, page_id, update_id):
    page = _page(request, page_id)
    update = _update(page, update_id)
    silent = live_desk.may_change_silently(request.user, update)
    if not silent and not live_desk.may_correct(request.user, update):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            live_desk.remove(update, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error.message_dict.get("reason", error.messages))
        else:
            messages.success(request, _("Đã xoá cập nhật.") if silent else _("Đã rút cập nhật."))
            return redirect(_desk_url(page))
    return TemplateResponse(
        request,
        "newsroom/admin/live_desk/remove.html",
        {
            "page_title": _("Xoá cập nhật") if silent else _("Rút cập nhật"),
            "header_icon": "bin",
            "page": page,
            "update": update,
            "form": form,
            "silent": silent,
        },
    )


@require_POST
def pin(request, page_id, update_id):
    page = _page(request, page_id)
    update = _update(page, update_id)
    pinned = request.POST.get("pinned") == "1"
    try:
        live_desk.pin(update, request.user, pinned=pinned)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ghim cập nhật.") if pinned else _("Đã bỏ ghim."))
    return redirect(_desk_url(page))


def history(request, page_id):
    page = _page(request, page_id)
    if not live_desk.is_editor(request.user):
        raise PermissionDenied
    rows = list(
        LiveUpdateHistory.objects.filter(update__page=page).select_related("user")[:HISTORY_ROWS]
    )
    block = LiveUpdate._meta.get_field("content").stream_block
    for row in rows:
        row.before = StreamValue(block, row.content_before, is_lazy=True)
    return TemplateResponse(
        request,
        "newsroom/admin/live_desk/history.html",
        {
            "page_title": _("Lịch sử cập nhật: %(title)s") % {"title": page.title},
            "header_icon": "history",
            "page": page,
            "rows": rows,
        },
    )


@require_POST
def reporters(request, page_id):
    page = _page(request, page_id)
    if not live_desk.is_editor(request.user):
        raise PermissionDenied
    if "remove" in request.POST:
        reporter_id = request.POST["remove"]
        reporter = get_object_or_404(
            get_user_model(),
            pk=int(reporter_id) if re.fullmatch(r"[0-9]{1,18}", reporter_id) else 0,
            live_desk_assignments__page=page,
        )
        live_desk.unassign(page, reporter, request.user)
        messages.success(request, _("Đã bỏ phân công."))
        return redirect(_desk_url(page))
    form = AssignForm(request.POST, page=page)
    if form.is_valid():
        live_desk.assign(page, form.cleaned_data["reporter"], request.user)
        messages.success(request, _("Đã phân công phóng viên."))
    else:
        messages.error(request, _("Chọn một phóng viên tường thuật chưa được phân công."))
    return redirect(_desk_url(page))


urlpatterns = [
    path("", index, name="index"),
    path("<int:page_id>/", desk, name="desk"),
    path("<int:page_id>/lich-su/", history, name="history"),
    path("<int:page_id>/phong-vien/", reporters, name="reporters"),
    path("<int:page_id>/<int:update_id>/sua/", edit, name="edit"),
    path("<int:page_id>/<int:update_id>/xoa/", remove, name="remove"),
    path("<int:page_id>/<int:update_id>/ghim/", pin, name="pin"),
]


class LiveDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return live_desk.is_on_desk(request.user)


def menu_item():
    return LiveDeskMenuItem(
        gettext_lazy("Tường thuật trực tiếp"),
        reverse("live_desk:index"),
        icon_name="media",
        order=250,
    )
