"""Demo online dialogues: one ended, about free tuition, with its transcript; one upcoming, about
the regional minimum wage, taking questions. Answers go through the desk's own steps
(policy_pages/dialogue_desk.py), so they join the policies' questions and answers as real ones do.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.html import escape

from wagtail.rich_text import RichText

from newsroom.models import SectionPage
from policy_pages import dialogue_desk
from policy_pages.models import DialogueGuest, DialoguePage, IssuingBody, PolicyPage, Submission
from policy_pages.models.participation import APPROVED, PENDING, QUESTION

from .media import demo_image
from .policy_pages import _submission
from .publishing import publish

PHOTO = ("caption", "credit", "alt")
ENDED = {
    "slug": "giao-luu-truc-tuyen-mien-hoc-phi",
    "title": "Giao lưu trực tuyến: Miễn học phí cho học sinh phổ thông công lập",
    "policy": "chinh-sach-mien-hoc-phi",
    "topics": ["Giáo dục"],
    "days_ago": 3,
    "sapo": (
        "Lãnh đạo Bộ Giáo dục và Đào tạo và Bộ Tài chính trả lời câu hỏi của phụ huynh, giáo "
        "viên về đối tượng, thời điểm áp dụng và nguồn kinh phí miễn học phí."
    ),
    "intro": (
        "Cổng Thông tin điện tử Chính phủ tổ chức giao lưu trực tuyến để phụ huynh, học sinh và "
        "giáo viên hỏi trực tiếp các cơ quan soạn thảo về chính sách miễn học phí."
    ),
    "host": ("Nguyễn Thu Hà", "Biên tập viên Cổng Thông tin điện tử Chính phủ"),
    "photo": {
        "caption": "Các khách mời tại trường quay giao lưu trực tuyến",
        "credit": "VGP/Minh Khôi",
        "alt": "Hai khách mời ngồi bên bàn tròn trước màn hình lớn",
    },
    "guests": [
        ("Phạm Ngọc Thưởng", "Thứ trưởng", "Bộ Giáo dục và Đào tạo"),
        ("Võ Thành Hưng", "Vụ trưởng Vụ Ngân sách nhà nước", "Bộ Tài chính"),
    ],
    # (asker, organisation, question, the guest answering, answer)
    "questions": [
        (
            "Trần Thị Lan",
            "",
            "Con tôi học lớp 10 trường công lập ở Hà Nội thì từ năm học nào được miễn học phí?",
            0,
            "Học sinh phổ thông công lập trên cả nước được miễn học phí từ năm học 2025-2026, "
            "gồm cả học sinh lớp 10 tại Hà Nội. Nhà trường không thu học phí từ đầu năm học.",
        ),
        (
            "Lê Văn Minh",
            "Trường THCS Nguyễn Du",
            "Học sinh trường tư thục có được hỗ trợ học phí không?",
            0,
            "Học sinh trường tư thục, dân lập được Nhà nước hỗ trợ học phí bằng mức học phí của "
            "trường công lập cùng cấp học ở địa phương; phần chênh lệch do gia đình chi trả.",
        ),
        (
            "Nguyễn Hoàng Nam",
            "",
            "Nguồn kinh phí nào bảo đảm cho việc miễn học phí trên toàn quốc?",
            1,
            "Ngân sách nhà nước bảo đảm toàn bộ kinh phí, khoảng 30.000 tỷ đồng mỗi năm. Ngân "
            "sách trung ương hỗ trợ các địa phương chưa tự cân đối được ngân sách.",
        ),
    ],
}
UPCOMING = {
    "slug": "giao-luu-truc-tuyen-luong-toi-thieu-vung",
    "title": "Giao lưu trực tuyến: Điều chỉnh lương tối thiểu vùng",
    "policy": "chinh-sach-luong-toi-thieu-vung",
    "topics": ["An sinh xã hội"],
    "days_ahead": 5,
    "sapo": (
        "Mời bạn đọc gửi câu hỏi trước về mức lương tối thiểu vùng mới, thời điểm áp dụng và "
        "trách nhiệm của người sử dụng lao động."
    ),
    "intro": (
        "Câu hỏi gửi trước được ban tổ chức tổng hợp, chuyển cho khách mời trả lời trong buổi "
        "giao lưu."
    ),
    "host": ("Đỗ Minh Quân", "Biên tập viên Cổng Thông tin điện tử Chính phủ"),
    "photo": {
        "caption": "Trường quay giao lưu trực tuyến của Cổng Thông tin điện tử Chính phủ",
        "credit": "VGP/Đỗ Minh",
        "alt": "Trường quay với bàn tròn và màn hình lớn",
    },
    "guests": [("Nguyễn Thị Hương", "Phó Vụ trưởng Vụ Quan hệ lao động", "Bộ Tài chính")],
    "questions": [],
}


def _page(data, section, policy, starts):
    host_name, host_title = data["host"]
    page = DialoguePage(
        title=data["title"],
        slug=data["slug"],
        dateline="Hà Nội",
        sapo=data["sapo"],
        image=demo_image(
            title=data["title"], seed=data["slug"], **{k: data["photo"][k] for k in PHOTO}
        ),
        body=[("paragraph", RichText(f"<p>{escape(data['intro'])}</p>"))],
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        policy=policy,
        host_name=host_name,
        host_title=host_title,
        first_published_at=min(timezone.now(), starts - timedelta(days=2)),
    )
    page.guests = [
        DialogueGuest(
            name=name,
            position=position,
            agency=IssuingBody.objects.get_or_create(name=agency)[0],
            sort_order=order,
        )
        for order, (name, position, agency) in enumerate(data["guests"])
    ]
    # Topics from the start: the newsroom's demo gives topics to any story of a section without.
    page.topics.add(*data["topics"])
    return publish(section, page)


def _transcript(page, policy, data):
    guests = list(page.guests.order_by("sort_order"))
    for number, (name, organisation, body, by, answer) in enumerate(data["questions"], 500):
        question = _submission(
            policy,
            number,
            QUESTION,
            name,
            body,
            PENDING,
            page.starts_at,
            organisation=organisation,
            dialogue=page,
        )
        question.save()
        dialogue_desk.judge(page, [question.pk], APPROVED, None)
        dialogue_desk.pass_to_host(page, [question.pk], None)
        place = Submission.objects.get(pk=question.pk).dialogue_place
        reply = dialogue_desk.post_answer(page, place, None, guest=guests[by], text=answer)
        reply.answered_at = page.starts_at + timedelta(minutes=20 * (number - 499))
        reply.save(update_fields=["answered_at"])


def seed(home):
    """Create what is missing; running it again changes nothing."""
    section = SectionPage.objects.child_of(home).filter(slug="xa-hoi").first()
    if section is None:
        return
    today = timezone.localdate()
    for data, day in (
        (ENDED, today - timedelta(days=ENDED["days_ago"])),
        (UPCOMING, today + timedelta(days=UPCOMING["days_ahead"])),
    ):
        policy = PolicyPage.objects.filter(slug=data["policy"]).first()
        if policy is None or DialoguePage.objects.filter(slug=data["slug"]).exists():
            continue
        starts = timezone.make_aware(datetime.combine(day, time(9)))
        page = _page(data, section, policy, starts)
        if data["questions"]:
            _transcript(page, policy, data)
