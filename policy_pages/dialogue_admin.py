"""The admin screens of an online dialogue (the operations are in dialogue_desk.py).

- the dialogues (Giao lưu trực tuyến), for either role;
- a dialogue's questions, for its moderators (`moderate_dialogue`): the pending ones to judge,
  the approved ones in order, moved up or down and handed to the host;
- the questions handed to the host, and each answer's form, for the guests' secretariat
  (`change_guestanswer`): the asker's name and question, never the email.
"""

import re

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import AdminPageChooser
from wagtail.images.widgets import AdminImageChooser

from . import dialogue_desk
from .models.dialogues import DialogueGuest, DialoguePage, DialogueQuestion, GuestAnswer
from .models.participation import APPROVED, REJECTED, SPAM
from .views import MAX_ID

MODERATE = "policy_pages.moderate_dialogue"
ANSWER = "policy_pages.change_guestanswer"
VERDICTS = {"approve": APPROVED, "reject": REJECTED, "spam": SPAM}


def may_moderate(user):
    return user.has_perm(MODERATE)


def may_answer(user):
    return user.has_perm(ANSWER) and user.has_perm("policy_pages.add_guestanswer")


def dialogue_or_404(page_id):
    if page_id > MAX_ID:
        raise Http404
    return get_object_or_404(DialoguePage.objects.select_related("policy"), pk=page_id)


def dialogue_index(request):
    if not (may_moderate(request.user) or may_answer(request.user)):
        raise PermissionDenied
    dialogues = DialoguePage.objects.order_by("-starts_at", "-pk")[:50]
    return TemplateResponse(
        request,
        "policy_pages/admin/dialogue_index.html",
        {
            "page_title": _("Giao lưu trực tuyến"),
            "header_icon": "group",
            "dialogues": dialogues,
            "may_moderate": may_moderate(request.user),
            "may_answer": may_answer(request.user),
        },
    )


def moderate_view(request, page_id):
    if not may_moderate(request.user):
        raise PermissionDenied
    dialogue = dialogue_or_404(page_id)
    if request.method == "POST":
        act(request, dialogue)
        return redirect("policy_pages_dialogue_moderate", dialogue.pk, permanent=False)
    approved = dialogue_desk.approved(dialogue)
    return TemplateResponse(
        request,
        "policy_pages/admin/dialogue_moderate.html",
        {
            "page_title": _("Câu hỏi giao lưu"),
            "page_subtitle": dialogue.title,
            "header_icon": "comment",
            "dialogue": dialogue,
            "pending": dialogue_desk.pending(dialogue),
            "approved": approved,
            "last": len(approved) - 1,
        },
    )


# A question's id as the screen sends it: ASCII digits only (not "²" nor "٣", which
# str.isdigit() accepts), and no more than a database's integer holds (MAX_ID).
AN_ID = re.compile(r"[0-9]{1,18}")
NOT_TAKEN_BACK = _("Câu hỏi đã được trả lời hoặc chưa chuyển, không thể thu hồi.")
BAD_ID = _("Mã câu hỏi không hợp lệ, nên chưa thực hiện thao tác. Hãy tải lại trang rồi chọn lại.")


def chosen_ids(request):
    """The chosen questions' ids, or None when one of them is not an id."""
    values = request.POST.getlist("id")
    if not all(AN_ID.fullmatch(value) for value in values):
        return None
    return [int(value) for value in values]


def act(request, dialogue):
    """One moderator's action from the screen; what it did or why not, as a message."""
    action, ids, user = request.POST.get("action", ""), chosen_ids(request), request.user
    if ids is None:
        messages.error(request, BAD_ID)
        return
    if not ids:
        messages.error(request, _("Hãy chọn ít nhất một câu hỏi."))
        return
    if action in VERDICTS:
        reason = request.POST.get("reason", "").strip()[:1000]
        if action == "reject" and not reason:
            messages.error(request, _("Hãy ghi lý do từ chối: người gửi thấy lý do khi tra cứu."))
            return
        count = dialogue_desk.judge(dialogue, ids, VERDICTS[action], user, reason)
        messages.success(request, _("Đã cập nhật %(count)d câu hỏi.") % {"count": count})
    elif action in ("up", "down"):
        if not dialogue_desk.move(dialogue, ids[0], -1 if action == "up" else 1):
            messages.error(request, _("Không thể chuyển câu hỏi này lên hoặc xuống thêm."))
    elif action == "pass":
        count = dialogue_desk.pass_to_host(dialogue, ids, user)
        messages.success(
            request, _("Đã chuyển %(count)d câu hỏi cho khách mời.") % {"count": count}
        )
    elif action == "take_back":
        if not dialogue_desk.take_back(dialogue, ids[0]):
            messages.error(request, NOT_TAKEN_BACK)
    else:
        messages.error(request, _("Thao tác không hợp lệ."))


def answers_view(request, page_id):
    if not may_answer(request.user):
        raise PermissionDenied
    dialogue = dialogue_or_404(page_id)
    return TemplateResponse(
        request,
        "policy_pages/admin/dialogue_answers.html",
        {
            "page_title": _("Trả lời câu hỏi giao lưu"),
            "page_subtitle": dialogue.title,
            "header_icon": "comment",
            "dialogue": dialogue,
            "questions": dialogue_desk.passed(dialogue),
        },
    )


class GuestAnswerForm(forms.ModelForm):
    class Meta:
        model = GuestAnswer
        fields = ["guest", "text", "photo", "photo_credit", "clip"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 10}),
            "photo": AdminImageChooser,
            "clip": AdminPageChooser(target_models=["media.VideoPage"]),
        }
        error_messages = {
            "guest": {"required": _("Hãy chọn khách mời trả lời.")},
            "text": {"required": _("Hãy nhập câu trả lời.")},
        }

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guest"].queryset = DialogueGuest.objects.filter(page=dialogue).select_related(
            "agency"
        )
        self.fields["guest"].required = True
        self.fields["guest"].label_from_instance = lambda guest: (
            f"{guest.name}, {guest.position} ({guest.agency.name})"
        )


def answer_view(request, page_id, submission_id):
    if not may_answer(request.user):
        raise PermissionDenied
    dialogue = dialogue_or_404(page_id)
    if submission_id > MAX_ID:
        raise Http404
    place = (
        DialogueQuestion.objects.select_related("submission")
        .filter(
            pk=submission_id,
            submission__dialogue=dialogue,
            submission__status=APPROVED,
            passed_at__isnull=False,
        )
        .first()
    )
    if place is None:
        raise Http404("Câu hỏi này chưa được chuyển cho khách mời.")
    existing = GuestAnswer.objects.filter(question=place).first()
    form = GuestAnswerForm(
        request.POST if request.method == "POST" else None, instance=existing, dialogue=dialogue
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dialogue_desk.post_answer(
                dialogue,
                place,
                request.user,
                guest=data["guest"],
                text=data["text"],
                photo=data["photo"],
                photo_credit=data["photo_credit"],
                clip=data["clip"],
            )
        except dialogue_desk.Refused as refused:
            messages.error(request, refused.message)
            return redirect("policy_pages_dialogue_answers", dialogue.pk)
        messages.success(request, _("Đã đăng câu trả lời lên trang giao lưu."))
        return redirect("policy_pages_dialogue_answers", dialogue.pk)
    return TemplateResponse(
        request,
        "policy_pages/admin/dialogue_answer_form.html",
        {
            "page_title": _("Câu trả lời của khách mời"),
            "page_subtitle": dialogue.title,
            "header_icon": "comment",
            "dialogue": dialogue,
            "question": place.submission,
            "form": form,
            "media": form.media,
        },
        status=400 if form.is_bound else 200,
    )


class DialogueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_moderate(request.user) or may_answer(request.user)


def menu_item():
    return DialogueMenuItem(
        _("Giao lưu trực tuyến"),
        reverse("policy_pages_dialogues"),
        icon_name="group",
        order=255,
    )


urlpatterns = [
    path("giao-luu/", dialogue_index, name="policy_pages_dialogues"),
    path("giao-luu/<int:page_id>/cau-hoi/", moderate_view, name="policy_pages_dialogue_moderate"),
    path("giao-luu/<int:page_id>/tra-loi/", answers_view, name="policy_pages_dialogue_answers"),
    path(
        "giao-luu/<int:page_id>/tra-loi/<int:submission_id>/",
        answer_view,
        name="policy_pages_dialogue_answer",
    ),
]
