"""A unit of a new draft version continues the unit of the old one it grew from, whatever the
drafters did to the numbering: inserted, deleted, reordered and split articles, edited and
renumbered clauses. Comments on the old unit follow it; the comparison page shows how it changed."""

import random

from policy_pages.drafting.matching import (
    Change,
    UnitRef,
    classify,
    full_text,
    match_versions,
    refs_from_tree,
)
from policy_pages.drafting.tree import ParsedUnit, UnitKind


def chuong(number, title, *articles):
    return ParsedUnit(UnitKind.CHAPTER.value, number, title, "", list(articles))


def dieu(number, title, *clauses, text=""):
    return ParsedUnit(UnitKind.ARTICLE.value, number, title, text, list(clauses))


def khoan(number, text, *points):
    return ParsedUnit(UnitKind.CLAUSE.value, number, "", text, list(points))


def diem(letter, text):
    return ParsedUnit(UnitKind.POINT.value, letter, "", text)


def decree():
    """Version 1 of a decree on public consultation, three chapters and nine articles."""
    return [
        chuong(
            "I",
            "QUY ĐỊNH CHUNG",
            dieu(
                "1",
                "Phạm vi điều chỉnh",
                text="Nghị định này quy định việc lấy ý kiến của cơ quan, tổ chức, cá nhân đối "
                "với dự thảo văn bản quy phạm pháp luật do Chính phủ, Thủ tướng Chính phủ ban "
                "hành trên Cổng Thông tin điện tử.",
            ),
            dieu(
                "2",
                "Đối tượng áp dụng",
                khoan("1", "Cơ quan chủ trì soạn thảo dự thảo văn bản quy phạm pháp luật."),
                khoan("2", "Cơ quan, tổ chức, cá nhân tham gia góp ý kiến đối với dự thảo."),
                khoan("3", "Cơ quan quản lý Cổng Thông tin điện tử nơi đăng tải dự thảo."),
            ),
            dieu(
                "3",
                "Giải thích từ ngữ",
                khoan(
                    "1",
                    "Dự thảo là văn bản do cơ quan chủ trì soạn thảo công bố để lấy ý kiến "
                    "trước khi trình cấp có thẩm quyền.",
                ),
                khoan(
                    "2",
                    "Ý kiến góp ý là nội dung do người góp ý gửi đến qua biểu mẫu trực tuyến, "
                    "thư điện tử hoặc văn bản giấy.",
                ),
                khoan(
                    "3",
                    "Báo cáo tiếp thu, giải trình là văn bản tổng hợp các ý kiến và nêu rõ ý "
                    "kiến được tiếp thu hoặc lý do không tiếp thu.",
                ),
                text="Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:",
            ),
        ),
        chuong(
            "II",
            "TRÌNH TỰ LẤY Ý KIẾN",
            dieu(
                "4",
                "Đăng tải dự thảo",
                khoan(
                    "1",
                    "Cơ quan chủ trì soạn thảo đăng tải toàn văn dự thảo và tờ trình trong thời "
                    "hạn ít nhất 60 ngày để lấy ý kiến.",
                ),
                khoan(
                    "2",
                    "Hồ sơ đăng tải gồm:",
                    diem("a", "Tờ trình;"),
                    diem("b", "Toàn văn dự thảo;"),
                    diem("c", "Bản đánh giá tác động của chính sách;"),
                    diem("d", "Bản so sánh, thuyết minh nội dung sửa đổi, bổ sung."),
                ),
                khoan(
                    "3",
                    "Trường hợp dự thảo được chỉnh lý, cơ quan chủ trì soạn thảo đăng tải phiên "
                    "bản mới kèm ghi chú những nội dung đã thay đổi.",
                ),
            ),
            dieu(
                "5",
                "Hình thức góp ý",
                khoan("1", "Cá nhân, tổ chức gửi ý kiến qua biểu mẫu trực tuyến trên trang."),
                khoan(
                    "2",
                    "Ý kiến có thể gửi bằng thư điện tử hoặc văn bản giấy đến địa chỉ của cơ "
                    "quan chủ trì soạn thảo.",
                ),
                khoan("3", "Người góp ý ghi rõ điều, khoản, điểm của dự thảo mà ý kiến đề cập."),
            ),
            dieu(
                "6",
                "Tiếp nhận và công khai ý kiến",
                khoan("1", "Ý kiến hợp lệ được tiếp nhận, cấp mã số và công khai sau kiểm duyệt."),
                khoan(
                    "2",
                    "Thông tin cá nhân của người góp ý như địa chỉ thư điện tử, số điện thoại "
                    "không được công khai.",
                ),
                khoan(
                    "3",
                    "Ý kiến có nội dung xúc phạm, quảng cáo hoặc không liên quan đến dự thảo "
                    "thì không được công khai.",
                ),
            ),
        ),
        chuong(
            "III",
            "TIẾP THU, GIẢI TRÌNH VÀ TỔ CHỨC THỰC HIỆN",
            dieu(
                "7",
                "Tiếp thu, giải trình ý kiến",
                khoan(
                    "1",
                    "Chậm nhất 10 ngày kể từ ngày hết thời hạn lấy ý kiến, cơ quan chủ trì "
                    "soạn thảo tổng hợp, nghiên cứu, tiếp thu các ý kiến.",
                ),
                khoan("2", "Báo cáo tiếp thu, giải trình được đăng tải cùng dự thảo đã chỉnh lý."),
            ),
            dieu(
                "8",
                "Trách nhiệm thi hành",
                khoan(
                    "1",
                    "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ "
                    "chịu trách nhiệm thi hành Nghị định này.",
                ),
                khoan("2", "Văn phòng Chính phủ hướng dẫn, kiểm tra việc thực hiện Nghị định này."),
            ),
            dieu(
                "9",
                "Hiệu lực thi hành",
                text="Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2027.",
            ),
        ),
    ]


def renumber(chapters):
    """Number articles through the draft and clauses within each article, as drafters do after
    inserting or deleting one."""
    articles = [article for chapter in chapters for article in chapter.children]
    for number, article in enumerate(articles, start=1):
        article.number = str(number)
        clauses = [unit for unit in article.children if unit.kind == UnitKind.CLAUSE.value]
        for clause_number, clause in enumerate(clauses, start=1):
            clause.number = str(clause_number)
    return chapters


class Changes(dict):
    """{new key: Change} of the units in the new version, and the removed ones by old key."""

    def __init__(self, changes):
        super().__init__((change.new_key, change) for change in changes if change.new_key)
        self.removed = {change.old_key for change in changes if change.kind == "removed"}


def compare(old_tree, new_tree):
    old, new = refs_from_tree(old_tree), refs_from_tree(new_tree)
    matches = match_versions(old, new)
    return matches, Changes(classify(old, new, matches))


def kinds_of(changes, kind):
    """New keys of the units with this kind of change; old keys for "removed"."""
    if kind == "removed":
        return changes.removed
    return {key for key, change in changes.items() if change.kind == kind}


def test_an_unchanged_draft_matches_every_unit_to_itself():
    matches, changes = compare(decree(), decree())

    keys = [ref.key for ref in refs_from_tree(decree())]
    assert matches == {key: key for key in keys}
    assert {change.kind for change in changes.values()} == {"same"}


def test_an_inserted_article_leaves_the_old_article_3_continued_by_the_new_article_4():
    new = decree()
    new[0].children.insert(
        2,
        dieu(
            "",
            "Nguyên tắc lấy ý kiến",
            khoan("1", "Bảo đảm công khai, minh bạch và thuận tiện cho người góp ý."),
            khoan("2", "Mọi ý kiến đều được ghi nhận và phản hồi bằng văn bản."),
        ),
    )
    matches, changes = compare(decree(), renumber(new))

    assert "dieu-3" not in matches
    assert matches["dieu-4"] == "dieu-3"
    assert matches["dieu-4-khoan-2"] == "dieu-3-khoan-2"
    assert matches["dieu-10"] == "dieu-9"
    assert kinds_of(changes, "added") == {"dieu-3", "dieu-3-khoan-1", "dieu-3-khoan-2"}
    assert changes["dieu-4"].kind == "same"
    assert not kinds_of(changes, "moved") | kinds_of(changes, "removed")


def test_a_deleted_article_is_removed_with_its_clauses_and_the_next_one_continues_its_lineage():
    new = decree()
    del new[1].children[2]  # Điều 6, Tiếp nhận và công khai ý kiến
    matches, changes = compare(decree(), renumber(new))

    assert matches["dieu-6"] == "dieu-7"
    assert matches["dieu-8"] == "dieu-9"
    assert "dieu-6" not in matches.values()
    assert kinds_of(changes, "removed") == {
        "dieu-6",
        "dieu-6-khoan-1",
        "dieu-6-khoan-2",
        "dieu-6-khoan-3",
    }
    assert not kinds_of(changes, "added") | kinds_of(changes, "moved")


def test_a_removed_article_is_listed_where_it_stood():
    new = decree()
    del new[1].children[2]
    old_refs, new_refs = refs_from_tree(decree()), refs_from_tree(renumber(new))
    changes = classify(old_refs, new_refs, match_versions(old_refs, new_refs))

    order = [(change.kind, change.old_key) for change in changes]
    removed_at = order.index(("removed", "dieu-6"))
    assert order[removed_at - 1] == ("same", "dieu-5-khoan-3")
    assert order[removed_at + 4] == ("same", "chuong-iii")


def test_an_article_moved_ahead_of_its_siblings_is_reported_as_moved_not_added_and_removed():
    new = decree()
    chapter = new[1]
    chapter.children = [chapter.children[2], chapter.children[0], chapter.children[1]]
    matches, changes = compare(decree(), renumber(new))

    assert matches["dieu-4"] == "dieu-6"
    assert matches["dieu-5"] == "dieu-4"
    assert matches["dieu-6"] == "dieu-5"
    assert kinds_of(changes, "moved") == {"dieu-4"}
    assert changes["dieu-4"].old_key == "dieu-6"
    assert not kinds_of(changes, "added") | kinds_of(changes, "removed")
    # Its clauses moved with it and stayed in order.
    assert changes["dieu-4-khoan-2"].kind == "same"


def test_an_article_moved_into_another_chapter_is_moved_and_keeps_its_number():
    new = decree()
    new[1].children.append(new[2].children.pop(0))  # Điều 7 to the end of Chương II
    matches, changes = compare(decree(), renumber(new))

    assert matches["dieu-7"] == "dieu-7"
    assert kinds_of(changes, "moved") == {"dieu-7"}
    assert changes["dieu-7-khoan-1"].kind == "same"


def test_a_split_article_continues_in_the_closer_half_and_the_other_half_is_new():
    new = decree()
    article_4 = new[1].children[0]
    submissions = article_4.children.pop(1)  # Khoản 2, Hồ sơ đăng tải gồm: a) … d)
    new[1].children.insert(
        1,
        dieu(
            "",
            "Hồ sơ lấy ý kiến",
            submissions,
            khoan("", "Hồ sơ được đăng tải ở định dạng cho phép tìm kiếm, sao chép nội dung."),
        ),
    )
    matches, changes = compare(decree(), renumber(new))

    assert matches["dieu-4"] == "dieu-4"
    assert "dieu-5" not in matches
    assert matches["dieu-6"] == "dieu-5"
    assert matches["dieu-4-khoan-2"] == "dieu-4-khoan-3"
    # The list of documents keeps its lineage in the new article.
    assert matches["dieu-5-khoan-1"] == "dieu-4-khoan-2"
    assert matches["dieu-5-khoan-1-diem-c"] == "dieu-4-khoan-2-diem-c"
    assert changes["dieu-5"].kind == "added"
    assert changes["dieu-5-khoan-1"].moved
    assert changes["dieu-5-khoan-2"].kind == "added"


def test_a_clause_edited_by_a_few_words_is_matched_and_reported_changed():
    new = decree()
    new[1].children[0].children[0].text = (
        "Cơ quan chủ trì soạn thảo đăng tải toàn văn dự thảo và tờ trình trong thời hạn ít "
        "nhất 30 ngày để lấy ý kiến, trừ trường hợp xây dựng theo trình tự rút gọn."
    )
    matches, changes = compare(decree(), new)

    assert matches["dieu-4-khoan-1"] == "dieu-4-khoan-1"
    assert changes["dieu-4-khoan-1"] == Change(
        "changed", "dieu-4-khoan-1", "dieu-4-khoan-1", moved=False, changed=True
    )
    # The article's own words did not change, only a clause's.
    assert changes["dieu-4"].kind == "same"
    assert kinds_of(changes, "changed") == {"dieu-4-khoan-1"}


def test_a_clause_reworded_in_its_place_continues_the_clause():
    new = decree()
    clause = new[1].children[1].children[0]  # Điều 5 Khoản 1
    clause.text = (
        "Người dân, doanh nghiệp góp ý bằng biểu mẫu trực tuyến đặt trên trang của dự thảo."
    )
    matches, changes = compare(decree(), new)

    assert matches["dieu-5-khoan-1"] == "dieu-5-khoan-1"
    assert changes["dieu-5-khoan-1"].kind == "changed"


def test_a_clause_renumbered_after_a_deletion_is_the_same_clause():
    new = decree()
    del new[1].children[2].children[0]  # Điều 6 Khoản 1
    matches, changes = compare(decree(), renumber(new))

    assert matches["dieu-6-khoan-1"] == "dieu-6-khoan-2"
    assert matches["dieu-6-khoan-2"] == "dieu-6-khoan-3"
    assert changes["dieu-6-khoan-1"].kind == "same"
    assert kinds_of(changes, "removed") == {"dieu-6-khoan-1"}


def test_a_moved_clause_can_also_be_changed():
    new = decree()
    article_5 = new[1].children[1]
    first = article_5.children.pop(0)
    first.text = "Cá nhân, tổ chức gửi ý kiến qua biểu mẫu trực tuyến trên trang của dự thảo."
    article_5.children.append(first)
    matches, changes = compare(decree(), renumber(new))

    assert matches["dieu-5-khoan-3"] == "dieu-5-khoan-1"
    change = changes["dieu-5-khoan-3"]
    assert (change.kind, change.moved, change.changed) == ("moved", True, True)


def test_units_match_only_within_their_kind():
    old = [UnitRef("a", "dieu", "1", "", "Cơ quan chủ trì soạn thảo đăng tải dự thảo.", None)]
    new = [UnitRef("b", "khoan", "1", "", "Cơ quan chủ trì soạn thảo đăng tải dự thảo.", None)]

    assert match_versions(old, new) == {}


def test_identical_units_are_matched_in_reading_order():
    text = "Các ý kiến được tổng hợp theo từng điều của dự thảo."
    old = [UnitRef(f"old-{n}", "doan", "", "", text, None) for n in (1, 2)]
    new = [UnitRef(f"new-{n}", "doan", "", "", text, None) for n in (1, 2)]

    assert match_versions(old, new) == {"new-1": "old-1", "new-2": "old-2"}


def test_refs_from_a_tree_carry_anchors_and_parent_anchors():
    refs = {ref.key: ref for ref in refs_from_tree(decree())}

    assert refs["dieu-4-khoan-2-diem-b"].parent_key == "dieu-4-khoan-2"
    assert refs["dieu-4"].parent_key == "chuong-ii"
    assert refs["chuong-ii"].parent_key is None
    assert full_text(refs["dieu-9"]).startswith("Hiệu lực thi hành Nghị định này")


# A hundred articles: words for their names and clauses, and the openings drafters reuse.
WORD_LIST = (
    "quản lý, đầu tư, xây dựng, giao thông, vận tải, tài chính, ngân sách, thuế, phí, lệ phí, "
    "giáo dục, đào tạo, y tế, bảo hiểm, xã hội, lao động, việc làm, môi trường, đất đai, khoáng "
    "sản, tài nguyên nước, rừng, biển đảo, nông nghiệp, thủy lợi, công nghiệp, thương mại, điện "
    "lực, năng lượng, viễn thông, báo chí, xuất bản, văn hóa, thể thao, du lịch, khoa học, công "
    "nghệ, dân tộc, tín ngưỡng, quốc phòng, an ninh, tư pháp, hộ tịch, cư trú, doanh nghiệp, "
    "hợp tác xã, chứng khoán, kế toán, kiểm toán, thống kê, đo lường, chất lượng, sở hữu trí "
    "tuệ, cạnh tranh, người tiêu dùng, nhà ở, đô thị, hạ tầng, cảng biển, hàng không, đường "
    "sắt, đường thủy, phòng cháy, cứu nạn, thiên tai, dịch bệnh, trẻ em, người cao tuổi, bình "
    "đẳng, hồ sơ, thủ tục, cấp phép, thanh tra, khiếu nại, tố cáo, bồi thường, hỗ trợ, ưu đãi, "
    "chuyển đổi số, dữ liệu, định danh, lưu trữ, di sản, bảo tàng, thư viện, nghệ thuật"
)
WORDS = WORD_LIST.split(", ")
OPENINGS = [
    "Cơ quan chủ trì soạn thảo có trách nhiệm",
    "Ủy ban nhân dân cấp tỉnh bảo đảm",
    "Bộ, cơ quan ngang bộ hướng dẫn",
    "Tổ chức, cá nhân có liên quan thực hiện",
]


def article_spec(rng, origin):
    """(origin, name, [(clause origin, text)]) of one generated article."""
    name = " ".join(rng.sample(WORDS, 3)).capitalize()
    clauses = [
        ((origin, n), f"{rng.choice(OPENINGS)} {' '.join(rng.sample(WORDS, 8))}.") for n in range(5)
    ]
    return origin, name, clauses


def build(specs):
    """The draft of these article specs, and {origin: anchor} of every article and clause."""
    units, anchors = [], {}
    for number, (origin, name, clauses) in enumerate(specs, start=1):
        article = dieu(str(number), name)
        anchors[origin] = f"dieu-{number}"
        for clause_number, (clause_origin, text) in enumerate(clauses, start=1):
            article.children.append(khoan(str(clause_number), text))
            anchors[clause_origin] = f"dieu-{number}-khoan-{clause_number}"
        units.append(article)
    return units, anchors


def test_a_hundred_article_draft_is_matched_through_insertions_deletions_moves_and_edits():
    rng = random.Random(2026)  # noqa: S311 - a repeatable draft, not a secret
    old_specs = [article_spec(rng, origin) for origin in range(100)]
    new_specs = [(origin, name, list(clauses)) for origin, name, clauses in old_specs]
    new_specs.insert(20, new_specs.pop(70))  # moved well ahead
    removed = [new_specs.pop(55)[0], new_specs.pop(10)[0]]
    for place, origin in ((3, "new-a"), (40, "new-b"), (80, "new-c")):
        new_specs.insert(place, article_spec(rng, origin))
    edited = next(spec for spec in new_specs if spec[0] == 30)
    clause_origin, text = edited[2][2]
    edited[2][2] = (clause_origin, text.replace(" ", " không ", 2))
    shortened = next(spec for spec in new_specs if spec[0] == 45)
    del shortened[2][1]

    old_tree, old_anchors = build(old_specs)
    new_tree, new_anchors = build(new_specs)
    matches, changes = compare(old_tree, new_tree)

    expected = {
        new_anchors[origin]: old_anchors[origin] for origin in new_anchors if origin in old_anchors
    }
    assert matches == expected
    moved_article = new_anchors[70]
    assert {key for key in kinds_of(changes, "moved") if "khoan" not in key} == {moved_article}
    assert kinds_of(changes, "changed") == {new_anchors[(30, 2)]}
    assert {key for key in kinds_of(changes, "removed") if "khoan" not in key} == {
        old_anchors[origin] for origin in removed
    }
    assert kinds_of(changes, "added") == {
        key for origin, key in new_anchors.items() if origin not in old_anchors
    }
