"""Draft versions for tests: a decree of `articles` Điều written for the project, as a ParsedUnit
tree, stored as a policy's version through the same path as the admin's import."""

from datetime import date

from django.utils import timezone

from policy_pages.draft_versions import store_version
from policy_pages.drafting.tree import ParsedUnit, UnitKind

SUBJECTS = [
    "lấy ý kiến nhân dân đối với dự thảo văn bản",
    "công khai hồ sơ dự thảo trên cổng thông tin",
    "tiếp nhận góp ý qua môi trường điện tử",
    "tổng hợp, tiếp thu, giải trình ý kiến",
    "bảo vệ dữ liệu cá nhân của người góp ý",
    "trách nhiệm của cơ quan chủ trì soạn thảo",
    "thời hạn lấy ý kiến và gia hạn",
    "đối thoại trực tuyến với người dân, doanh nghiệp",
]


def article(number, subject, clauses=2, points=0):
    """Điều `number` about `subject`: `clauses` Khoản, the first with `points` Điểm."""
    letters = "abcdđeghik"[:points]
    children = []
    for clause in range(1, clauses + 1):
        points_here = [
            ParsedUnit(
                UnitKind.POINT, letter, text=f"Trường hợp {letter} về {subject} theo khoản này;"
            )
            for letter in (letters if clause == 1 else "")
        ]
        children.append(
            ParsedUnit(
                UnitKind.CLAUSE,
                str(clause),
                text=f"Nội dung thứ {clause} quy định việc {subject} tại Điều {number}.",
                children=points_here,
            )
        )
    return ParsedUnit(UnitKind.ARTICLE, str(number), title=subject.capitalize(), children=children)


def decree_units(articles=6, chapters=2):
    """A decree in `chapters` Chương sharing `articles` Điều numbered through, Điều 5 with a
    Khoản 2 that has points a) and b) (issue 19's example: `dieu-5-khoan-2-diem-a`)."""
    preamble = "Căn cứ Luật Ban hành văn bản quy phạm pháp luật;"
    units = [ParsedUnit(UnitKind.PARAGRAPH, text=preamble)]
    per_chapter = -(-articles // chapters)
    roman = ["I", "II", "III", "IV", "V", "VI"]
    for index in range(chapters):
        numbers = range(index * per_chapter + 1, min(articles, (index + 1) * per_chapter) + 1)
        body = []
        for number in numbers:
            subject = f"{SUBJECTS[(number - 1) % len(SUBJECTS)]} (mục {number})"
            unit = article(number, subject, clauses=3 if number == 5 else 2)
            if number == 5:
                unit.children[1].children = [
                    ParsedUnit(UnitKind.POINT, "a", text="Đăng tải toàn văn dự thảo;"),
                    ParsedUnit(UnitKind.POINT, "b", text="Đăng tải tờ trình và báo cáo đánh giá."),
                ]
            body.append(unit)
        title = f"QUY ĐỊNH PHẦN {index + 1}"
        units.append(ParsedUnit(UnitKind.CHAPTER, roman[index], title=title, children=body))
    return units


def draft_version(policy, units=None, *, published=True, **kwargs):
    """Store `units` (a six-article decree by default) as `policy`'s next version."""
    return store_version(
        policy,
        units if units is not None else decree_units(),
        drafted_on=kwargs.pop("drafted_on", date(2026, 10, 1)),
        published_at=timezone.now() if published else None,
        **kwargs,
    )
