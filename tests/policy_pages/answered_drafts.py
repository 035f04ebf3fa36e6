"""A policy whose consultation on two draft versions is answered unit by unit, its report public
since 20 May 2025: the answer table's tests and the API's share it."""

from datetime import date

from tests.factories import AnswerFactory, PolicyPageFactory, SubmissionFactory, milestone
from tests.factories.drafts import draft_version


def comment(policy, unit, answer, body, **fields):
    fields.setdefault("status", "da-duyet")
    return SubmissionFactory(policy=policy, unit=unit, answer=answer, body=body, **fields)


def same_anchors(version):
    return {unit.anchor: unit for unit in version.units.all()}


def reported_policy(policies_index):
    """Two versions of a decree; comments on version 1 answered per unit; the report public
    since 20 May 2025."""
    policy = PolicyPageFactory(
        parent=policies_index,
        title="Nghị định về lấy ý kiến nhân dân trên môi trường điện tử",
        slug="lay-y-kien-dien-tu",
        report_published_on=date(2025, 5, 20),
    )
    milestone(policy, "lay-y-kien", date(2025, 3, 1), closes_on=date(2025, 4, 30))
    first = draft_version(policy)
    second = draft_version(policy, matches=same_anchors(first), drafted_on=date(2025, 5, 10))
    v1, v2 = same_anchors(first), same_anchors(second)
    point = AnswerFactory(
        policy=policy,
        unit=v1["dieu-5-khoan-2-diem-a"],
        outcome="tiep-thu",
        explanation="Đã bổ sung yêu cầu đăng tải toàn văn kèm phụ lục.",
    )
    point.changed_units.set([v2["dieu-5-khoan-2-diem-a"]])
    for number, (name, organisation) in enumerate(
        [
            ("Lê Thị Hồng", "Hội Luật gia tỉnh Nghệ An"),
            ("Phạm Quốc Bảo", ""),
            ("Vũ Thanh Hà", "Công ty Luật Ánh Dương"),
            ("Ngô Đức Thịnh", ""),
        ]
    ):
        comment(
            policy,
            v1["dieu-5-khoan-2-diem-a"],
            point,
            f"Đề nghị đăng tải cả các phụ lục của dự thảo, ý kiến số {number + 1}.",
            name=name,
            organisation=organisation,
            email=f"nguoi{number}@example.vn",
            quote="Đăng tải toàn văn dự thảo" if number == 0 else "",
        )
    comment(policy, v1["dieu-5-khoan-2-diem-a"], point, "Ý kiến bị từ chối.", status="tu-choi")
    article = AnswerFactory(
        policy=policy,
        unit=v1["dieu-2"],
        outcome="khong-tiep-thu",
        explanation="Phạm vi đã bao quát, không cần liệt kê thêm.",
    )
    comment(policy, v1["dieu-2"], article, "Đề nghị mở rộng phạm vi áp dụng.", name="Đinh Lan")
    clause = AnswerFactory(
        policy=policy,
        unit=v1["dieu-1-khoan-2"],
        outcome="tiep-thu-mot-phan",
        explanation="Tiếp thu phần thời hạn, giữ nguyên đối tượng.",
    )
    comment(policy, v1["dieu-1-khoan-2"], clause, "Rút ngắn thời hạn phản hồi.", name="Hà My")
    general = AnswerFactory(
        policy=policy, outcome="ghi-nhan", explanation="Ban soạn thảo ghi nhận ý kiến."
    )
    formula = '=HYPERLINK("http://x.example")'
    comment(policy, None, general, "Dự thảo cần ngắn gọn hơn.", name=formula)
    comment(policy, None, general, "Nên có bản tóm tắt.", name="Mai Anh")
    question = AnswerFactory(policy=policy, outcome="tra-loi", explanation="Trả lời câu hỏi.")
    SubmissionFactory(policy=policy, kind="hoi-dap", status="da-duyet", answer=question)
    policy.save_revision().publish()
    policy.refresh_from_db()
    return policy
