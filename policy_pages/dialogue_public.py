"""What readers get of an online dialogue: its page's answered questions, the live endpoint
(core/live.py's contract, oldest first), and the question form's tokens and POST.

The form's views are plain Django views, as policy_pages/views.py's are, so that they answer
with a clear message even when the database does not.
"""

import logging

from django.db import DatabaseError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from core import live
from core.accounts.client_ip import client_ip
from core.privacy import visible

from .forms import dialogue_form, dialogue_token_key, fresh_token, without_consent
from .models.dialogues import DialoguePage
from .submissions import Refusal, issue_token, receive
from .views import MAX_ID, csrf_refused, not_saved

logger = logging.getLogger(__name__)

ITEM_TEMPLATE = "policy_pages/includes/dialogue_item.html"
CLOSED = _(
    "Buổi giao lưu đã kết thúc hoặc không còn nhận câu hỏi, nên câu hỏi chưa được gửi. Cảm ơn "
    "bạn đã quan tâm."
)


def newest_change(page):
    """The stamp the page's script asks from: the newest change readers could notice (to a
    question once shown, or its removal), not the moderators' work on the others."""
    return page.newest_public_change() or page.starts_at


def page_context(page):
    items = list(page.answered())
    return {
        "items": items,
        "related_policy": visible(page.policy),
        "related_document": visible(page.legal_document),
        "guests": page.guest_list,
        "since": live.stamp(newest_change(page)),
        "question_form": dialogue_form(page),
    }


def updates_response(page, request):
    """The answered questions changed after `?since=`, as core/live.py answers them."""
    since = live.parse_since(request.GET.get("since", ""))
    if since is None:
        return live.bad_since_response()
    items, gone = page.changes_after(live.changed_after(since))
    updates = [
        {
            "id": item.dom_id,
            "key": item.order_key,
            "changed": live.stamp(item.changed_at),
            "html": render_to_string(ITEM_TEMPLATE, {"item": item, "page": page}),
        }
        for item in items
    ]
    updates += [
        {"id": f"cau-hoi-{pk}", "changed": live.stamp(changed), "removed": True}
        for pk, changed in gone
    ]
    newest = max([since, *(item.changed_at for item in items), *(c for _pk, c in gone)])
    return live.changes_response(
        live=page.is_live,
        since=live.stamp(newest),
        items=updates,
        changes_in=page.seconds_until_it_changes(),
    )


def public_dialogue(dialogue_id):
    if dialogue_id > MAX_ID:
        raise Http404
    dialogue = (
        DialoguePage.objects.live()
        .unrestricted()
        .select_related("policy")
        .filter(pk=dialogue_id)
        .first()
    )
    if dialogue is None:
        raise Http404
    return dialogue


def show_form(request, dialogue, form, refusal=None, status=400):
    return render(
        request,
        "policy_pages/dialogue_question_form.html",
        {"page": dialogue, "dialogue": dialogue, "form": form, "refusal": refusal},
        status=status,
    )


@never_cache
@require_safe
def form_tokens(request, dialogue_id):
    """The CSRF and time tokens of a dialogue's question form (its page is cached whole)."""
    public_dialogue(dialogue_id)
    response = JsonResponse(
        {
            "csrfmiddlewaretoken": get_token(request),
            "token": issue_token(dialogue_token_key(dialogue_id)),
        }
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@csrf_exempt  # checked in the view, as policy_pages.views.submit does
def submit(request, dialogue_id):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        dialogue = public_dialogue(dialogue_id)
        form = dialogue_form(dialogue, request.POST if request.method == "POST" else None)
        if form is None:
            closed = Refusal(str(CLOSED), status=410)
            return render(
                request,
                "policy_pages/dialogue_question_form.html",
                {"page": dialogue, "dialogue": dialogue, "form": None, "refusal": closed},
                status=closed.status,
            )
        if request.method != "POST":
            form.initial["token"] = issue_token(form.token_key)
            form.tokens_inline = True
            response = show_form(request, dialogue, form, status=200)
            response["X-Robots-Tag"] = "noindex"
            return response
        if csrf_refused(request):
            refusal = Refusal(
                _(
                    "Để bảo đảm an toàn, câu hỏi chưa được gửi. Nội dung của bạn vẫn còn dưới "
                    "đây; vui lòng đánh dấu ô đồng ý rồi bấm Gửi một lần nữa."
                ),
                status=403,
            )
            form = dialogue_form(dialogue, without_consent(request.POST))
            return show_form(request, dialogue, fresh_token(form), refusal, status=403)
        if not form.is_valid():
            return show_form(request, dialogue, fresh_token(form))
        if form.robot:
            logger.info("Question refused: honeypot filled on dialogue %s", dialogue.pk)
            refusal = Refusal(_("Không gửi được câu hỏi. Vui lòng để trống các ô ẩn rồi gửi lại."))
            return show_form(request, dialogue, fresh_token(form), refusal)
        data = form.cleaned_data
        try:
            submission, _created = receive(
                dialogue.policy, data, data.get("token"), client_ip(request), form.token_key
            )
        except Refusal as refusal:
            return show_form(request, dialogue, fresh_token(form), refusal, refusal.status)
    except DatabaseError:
        logger.exception("Question on dialogue %s not saved: the database failed", dialogue_id)
        return not_saved()
    response = HttpResponseRedirect(
        reverse("policy_pages:receipt", args=[submission.receipt]) + "?moi=1"
    )
    response.status_code = 303
    return response
