"""The editors' guide, docs/editors.md, read inside the admin rather than Wagtail's English one."""

import pytest

from core.editors_guide import render_markdown

GUIDE_URL = "/admin/huong-dan/"


def test_an_editor_reads_the_guide_in_vietnamese_inside_the_admin(admin_client):
    response = admin_client.get(GUIDE_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h3>Tự động lưu</h3>" in html
    assert "<strong>văn bản thay thế (alt)</strong>" in html
    assert "guide.wagtail.org" not in html


@pytest.mark.django_db
def test_the_guide_is_behind_the_admin_login(client):
    response = client.get(GUIDE_URL)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_nothing_in_the_guide_becomes_markup_of_its_own():
    html = render_markdown('Dán <script>alert(1)</script> và <a href="x">liên kết</a> **đậm**')

    assert "<script>" not in html and "<a " not in html
    assert "&lt;script&gt;" in html
    assert "<strong>đậm</strong>" in html


def test_the_guide_subset_renders_headings_lists_and_tables():
    html = render_markdown(
        "## Viết bài\n\n- **Tiêu đề**: tít bài.\n  - Đoạn văn;\n- Chủ đề\n\n| nhóm | được làm |\n"
        "| --- | --- |\n| Phóng viên | tạo trang |"
    )

    assert "<h3>Viết bài</h3>" in html
    assert "<ul><li><strong>Tiêu đề</strong>: tít bài.<ul><li>Đoạn văn;</li></ul></li>" in html
    assert '<th scope="col">nhóm</th>' in html and "<td>Phóng viên</td>" in html
