"""Helpers for the participation tests: read the form off the page as a browser would."""

from bs4 import BeautifulSoup

from policy_pages.models import Submission


def form_tokens(client, form):
    """The tokens participation-form.js fetches for the form, as a browser would."""
    response = client.get(form["data-tokens"])
    assert response.status_code == 200
    return response.json()


def form_fields(client, policy):
    """The form's tokens as the page's script gets them, plus valid answers."""
    soup = BeautifulSoup(client.get(policy.url).content, "html.parser")
    form = soup.select_one("form.participation-form")
    assert form is not None, "the policy page shows no participation form"
    return {
        **form_tokens(client, form),
        "kind": form.select_one("input[name=kind]")["value"],
        "name": "Nguyễn Văn An",
        "email": "an.nguyen@example.vn",
        "organisation": "",
        "capacity": "ca-nhan",
        "body": "Tôi đề nghị bổ sung quy định bảo vệ người mua hàng trực tuyến.",
        "consent": "on",
        "website": "",
    }, form["action"]


def send(client, policy, ip="203.0.113.7", **changes):
    """POST the policy's form with `changes`, as a reader would after reading the page."""
    data, action = form_fields(client, policy)
    data.update(changes)
    return client.post(action, data, REMOTE_ADDR=ip)


def stored():
    return list(Submission.objects.order_by("pk"))
