"""Helpers for the participation tests: read the form off the page as a browser would."""

from bs4 import BeautifulSoup

from policy_pages.drafting.tree import ParsedUnit, UnitKind
from policy_pages.models import DraftUnit, Submission


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


def unit_at(policy, anchor, number=None):
    """The unit at `anchor` in the policy's version `number` (its latest by default)."""
    units = DraftUnit.objects.filter(version__policy=policy, anchor=anchor)
    if number is not None:
        units = units.filter(version__number=number)
    return units.order_by("-version__number").first()


def consumer_protection_draft():
    """A short draft: a preamble, then Điều 3 (two Khoản, points a and b in Khoản 2) in
    Chương I and Điều 12 in Chương II."""

    def clause(number, text, *points):
        children = [ParsedUnit(UnitKind.POINT, letter, text=words) for letter, words in points]
        return ParsedUnit(UnitKind.CLAUSE, number, text=text, children=children)

    definitions = ParsedUnit(
        UnitKind.ARTICLE,
        "3",
        title="Giải thích từ ngữ",
        children=[
            clause(
                "1",
                "Người tiêu dùng là người mua, sử dụng hàng hóa, dịch vụ cho mục đích tiêu dùng.",
            ),
            clause(
                "2",
                "Giao dịch từ xa gồm:",
                ("a", "Giao dịch trên sàn thương mại điện tử;"),
                ("b", "Giao dịch qua điện thoại."),
            ),
        ],
    )
    duties = ParsedUnit(
        UnitKind.ARTICLE,
        "12",
        title="Trách nhiệm của nhà cung cấp",
        children=[clause("1", "Cung cấp thông tin đầy đủ, trung thực về hàng hóa, dịch vụ.")],
    )
    return [
        ParsedUnit(UnitKind.PARAGRAPH, text="Căn cứ Luật Bảo vệ quyền lợi người tiêu dùng;"),
        ParsedUnit(UnitKind.CHAPTER, "I", title="NHỮNG QUY ĐỊNH CHUNG", children=[definitions]),
        ParsedUnit(UnitKind.CHAPTER, "II", title="TRÁCH NHIỆM CỦA NHÀ CUNG CẤP", children=[duties]),
    ]
