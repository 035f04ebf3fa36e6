"""Sending a comment, question or proposal, and looking up its receipt.

These are plain Django views rather than routes of the policy page, so that they answer with a
clear message even when the database does not: Wagtail's page routing needs the database before
any view of ours would run.
"""

import logging

from django.db import DatabaseError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from wagtail.views import serve as wagtail_serve

from core.accounts.client_ip import client_ip
from core.outage import RETRY_AFTER_SECONDS

from .draft_links import UNIT_PARAMETER
from .forms import form_for_page, fresh_token, without_consent
from .models import PolicyPage, Submission
from .models.participation import parse_receipt
from .receipt_outcome import comment_outcome
from .submissions import Refusal, issue_token, receive
from .unit_labels import PARENTS, unit_with_version

logger = logging.getLogger(__name__)


def not_saved():
    # Rendered without the request context or any query: the database may be what failed.
    html = loader.get_template("policy_pages/submission_not_saved.html").render()
    return HttpResponse(html, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def show_form(request, policy, form, refusal=None, status=400):
    return render(
        request,
        "policy_pages/submission_form.html",
        {"page": policy, "policy": policy, "form": fresh_token(form), "refusal": refusal},
        status=status,
    )


UNKNOWN_UNIT = _(
    "Không tìm thấy điều, khoản này trong các dự thảo đã công bố của chính sách. Bạn vẫn có thể "
    "góp ý cho toàn bộ dự thảo, hoặc chọn điều, khoản trong danh sách dưới đây."
)


def blank_form(request, policy_id):
    """The form on a page of its own, for this reader: with its tokens, and with the unit of
    `?don-vi=` chosen (a unit's "Góp ý điều này" link, which the cached policy page cannot
    answer per unit)."""
    try:
        policy = public_policy(policy_id)
        form = form_for_page(policy)
        wanted = request.GET.get(UNIT_PARAMETER, "")[:20]
        refusal = None
        if wanted and "unit" in form.fields and not form.choose_unit(wanted):
            refusal = Refusal(str(UNKNOWN_UNIT))
    except DatabaseError:
        logger.exception("Form of policy %s not shown: the database failed", policy_id)
        return not_saved()
    form.initial["token"] = issue_token(policy.pk)
    form.tokens_inline = True
    response = render(
        request,
        "policy_pages/submission_form.html",
        {"page": policy, "policy": policy, "form": form, "refusal": refusal},
        status=400 if refusal else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# The largest id an address may name: more digits overflow the database's integer (SQLite
# raises OverflowError, PostgreSQL DataError) where a page's or a question's id is looked up.
MAX_ID = 10**18 - 1


def public_policy(policy_id):
    if policy_id > MAX_ID:  # a page's id is its parent link: Django's overflow guard misses it
        raise Http404
    policy = PolicyPage.objects.live().unrestricted().filter(pk=policy_id).first()
    if policy is None:
        raise Http404
    return policy


@never_cache
@require_safe
def form_tokens(request, policy_id):
    """The CSRF token and the signed time token for a policy's form, as JSON.

    Policy pages are cached whole for every reader (core/page_cache.py), so their form carries
    no token of its own: participation-form.js asks here, once the reader starts on the form.
    """
    public_policy(policy_id)
    response = JsonResponse(
        {"csrfmiddlewaretoken": get_token(request), "token": issue_token(policy_id)}
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def csrf_refused(request):
    """Django's CSRF check, run by the view rather than the middleware (see `submit`)."""
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {}) is not None


@never_cache
@csrf_exempt  # checked in the view: a form sent without its token comes back to be sent again
def submit(request, policy_id):
    if request.method in ("GET", "HEAD"):
        return blank_form(request, policy_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        policy = public_policy(policy_id)
        if csrf_refused(request):
            # A cached page's form sent before its tokens came (script off or blocked). Nothing
            # is stored; the reader gets the text back with tokens, and ticks consent again, so
            # a form posted from another site is never sent without the reader seeing it.
            refusal = Refusal(
                _(
                    "Để bảo đảm an toàn, ý kiến chưa được gửi. Nội dung của bạn vẫn còn dưới đây; "
                    "vui lòng đánh dấu ô đồng ý rồi bấm Gửi một lần nữa."
                ),
                status=403,
            )
            form = form_for_page(policy, without_consent(request.POST))
            return show_form(request, policy, form, refusal, status=403)
        form = form_for_page(policy, request.POST)
        if not form.is_valid():
            return show_form(request, policy, form)
        if form.robot:
            logger.info("Submission refused: honeypot filled on policy %s", policy.pk)
            refusal = Refusal(_("Không gửi được ý kiến. Vui lòng để trống các ô ẩn rồi gửi lại."))
            return show_form(request, policy, form, refusal)
        data = form.cleaned_data
        try:
            submission, _created = receive(policy, data, data.get("token"), client_ip(request))
        except Refusal as refusal:
            return show_form(request, policy, form, refusal, status=refusal.status)
    except DatabaseError:
        logger.exception("Submission on policy %s not saved: the database failed", policy_id)
        return not_saved()
    # 303: reloading the receipt page does not send the form again.
    response = HttpResponseRedirect(
        reverse("policy_pages:receipt", args=[submission.receipt]) + "?moi=1"
    )
    response.status_code = 303
    return response


@never_cache
def receipt(request, code):
    """Where a receipt stands. Shows the status and the policy, never the text or the email."""
    submission = (
        Submission.objects.select_related("policy", "dialogue", "unit__version", PARENTS, "answer")
        .filter(receipt=parse_receipt(code))
        .first()
    )
    if submission is None:
        return render(
            request,
            "policy_pages/receipt_lookup.html",
            {"code": code, "not_found": True},
            status=404,
        )
    response = render(
        request,
        "policy_pages/receipt.html",
        {
            "submission": submission,
            "just_sent": request.GET.get("moi") == "1",
            "unit_heading": unit_with_version(submission.unit) if submission.unit else "",
            "outcome": comment_outcome(submission),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def receipt_lookup(request):
    code = request.GET.get("ma", "")[:100]
    if code:
        parsed = parse_receipt(code)
        if parsed:
            return redirect("policy_pages:receipt", parsed)
        return render(
            request,
            "policy_pages/receipt_lookup.html",
            {"code": code, "invalid": True},
            status=400,
        )
    return render(request, "policy_pages/receipt_lookup.html", {"code": ""})


@require_safe
def answer_table_file(request, page_path, name):
    """The .docx or .xlsx of a policy's answer table, served by Wagtail as a route of the page
    (so its privacy, its being live and its site are checked as for the page itself)."""
    return wagtail_serve(request, f"{page_path}{name}/")
