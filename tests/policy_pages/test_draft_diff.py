"""The comparison of two draft versions shows whole Vietnamese words removed and added, never a
stray accent, and never lets the draft's text turn into markup."""

import html
import re
import unicodedata

from policy_pages.drafting.diff import diff_html, word_diff

CLAUSE = (
    "Cơ quan chủ trì soạn thảo đăng tải toàn văn dự thảo và tờ trình trong thời hạn ít nhất "
    "60 ngày để lấy ý kiến."
)


def test_identical_text_is_one_equal_segment():
    assert word_diff(CLAUSE, CLAUSE) == [("equal", CLAUSE)]


def test_a_changed_tone_mark_replaces_the_whole_syllable():
    segments = word_diff("Dự thảo nghị định về thuế.", "Dự thảo nghị quyết về thuế.")

    assert segments == [
        ("equal", "Dự thảo nghị "),
        ("delete", "định"),
        ("insert", "quyết"),
        ("equal", " về thuế."),
    ]
    html = diff_html("đường bộ", "đương bộ")
    assert html == "<del>đường</del><ins>đương</ins> bộ"


def test_adjacent_changed_words_are_one_deletion_and_one_insertion():
    html = diff_html("trong thời hạn ba ngày làm việc", "trong thời hạn bốn mươi lăm ngày làm việc")

    assert html == "trong thời hạn <del>ba</del><ins>bốn mươi lăm</ins> ngày làm việc"


def test_punctuation_is_a_token_of_its_own():
    segments = word_diff("Hồ sơ gồm tờ trình.", "Hồ sơ gồm tờ trình, dự thảo.")

    assert segments == [
        ("equal", "Hồ sơ gồm tờ trình"),
        ("insert", ", dự thảo"),
        ("equal", "."),
    ]


def test_the_edited_clause_shows_only_what_the_drafters_changed():
    new = CLAUSE.replace("60 ngày", "30 ngày").replace(
        "lấy ý kiến.", "lấy ý kiến, trừ trường hợp rút gọn."
    )

    assert diff_html(CLAUSE, new) == (
        "Cơ quan chủ trì soạn thảo đăng tải toàn văn dự thảo và tờ trình trong thời hạn ít nhất "
        "<del>60</del><ins>30</ins> ngày để lấy ý kiến<ins>, trừ trường hợp rút gọn</ins>."
    )


def test_text_typed_with_combining_accents_compares_equal_to_precomposed_text():
    decomposed = unicodedata.normalize("NFD", CLAUSE)

    assert word_diff(decomposed, CLAUSE) == [("equal", CLAUSE)]


def test_markup_in_a_draft_is_escaped_not_run():
    old, new = "Ý kiến <b>cũ</b>", 'Ý kiến <script>alert("x")</script>'
    shown = diff_html(old, new)

    assert "<script" not in shown
    assert "<b>" not in shown
    new_version = re.sub(r"<del>.*?</del>|</?ins>", "", shown)
    assert html.unescape(new_version) == new
    assert diff_html("<script>", "<script>") == "&lt;script&gt;"


def test_text_added_to_an_empty_unit_is_all_inserted():
    assert word_diff("", "Điều này có hiệu lực từ ngày ký.") == [
        ("insert", "Điều này có hiệu lực từ ngày ký.")
    ]
    assert word_diff("", "") == []


def test_line_breaks_survive_the_diff():
    old = "a) Tờ trình;\nb) Toàn văn dự thảo;"
    new = "a) Tờ trình;\nb) Toàn văn dự thảo đã chỉnh lý;"

    segments = word_diff(old, new)
    assert "".join(text for tag, text in segments if tag != "delete") == new
    assert "".join(text for tag, text in segments if tag != "insert") == old
