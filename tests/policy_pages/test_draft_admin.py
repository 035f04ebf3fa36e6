"""Draft versions in the admin: an officer imports a version (pasted or a .docx), checks the
parsed tree and the suggested matches, stores it unpublished; only the head of the desk
publishes. Answers to comments name the unit answered and the units they changed."""

import io
from datetime import date

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest
from bs4 import BeautifulSoup

from policy_pages.draft_versions import store_version
from policy_pages.drafting.parse import NOT_A_DOCX
from policy_pages.drafting.tree import ParsedUnit, UnitKind
from policy_pages.models import Answer, DraftLineage, DraftVersion
from tests.factories import PolicyIndexPageFactory, PolicyPageFactory
from tests.factories import SubmissionFactory as Comment
from tests.factories.drafts import decree_units, draft_version
from tests.helpers import log_in_verified, member_of

pytestmark = pytest.mark.django_db

IMPORT = reverse("draft_versions:add")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DECREE = """Điều 1. Phạm vi điều chỉnh
Nghị định này quy định việc lấy ý kiến nhân dân đối với dự thảo văn bản.
Điều 2. Công khai dự thảo
1. Cơ quan chủ trì soạn thảo đăng tải toàn văn dự thảo trên cổng thông tin.
2. Hồ sơ được đăng tải gồm:
a) Tờ trình;
b) Báo cáo đánh giá tác động.
Điều 3. Thời hạn lấy ý kiến
Thời hạn lấy ý kiến ít nhất là ba mươi ngày.
"""


@pytest.fixture
def policies(home_page):
    return PolicyIndexPageFactory(parent=home_page)


@pytest.fixture
def policy(policies):
    return PolicyPageFactory(parent=policies, title="Nghị định về lấy ý kiến nhân dân")


@pytest.fixture
def officer(client, db):
    user = member_of("Chuyên viên chính sách", "chuyen-vien")
    client.force_login(user)
    return user


@pytest.fixture
def head(client, db):
    return log_in_verified(client, member_of("Trưởng ban Chính sách", "truong-ban"))


def source_step(policy, **fields):
    return {"policy": policy.pk, "drafted_on": "2026-11-02", "note": "Sửa theo góp ý.", **fields}


def hidden_source(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("input[name=source]")["value"]


def docx_file(*paragraphs, name="du-thao.docx"):
    import docx  # python-docx, as the parser reads it

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=DOCX)


def refused(response):
    """Wagtail answers a refusal in the admin by sending the user home with a message."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_the_policy_officers_edit_and_the_head_alone_publishes(db):
    def codenames(name):
        group = Group.objects.get(name=name)
        return set(
            group.permissions.filter(codename__contains="draftversion").values_list(
                "codename", flat=True
            )
        )

    editing = {"add_draftversion", "change_draftversion", "view_draftversion"}
    assert codenames("Chuyên viên chính sách") == editing
    assert codenames("Trưởng ban Chính sách") == {*editing, "publish_draftversion"}


# Import: paste or upload, preview, confirm.


def test_pasted_text_is_previewed_as_a_tree_then_stored_unpublished(client, officer, policy):
    preview = client.post(IMPORT, source_step(policy, text=DECREE))

    assert preview.status_code == 200
    page = BeautifulSoup(preview.content, "html.parser")
    lines = [line.get_text(" ", strip=True) for line in page.select(".draft-tree__unit")]
    assert lines[0].startswith("Điều 1 . Phạm vi điều chỉnh")
    assert any(line.startswith("Điểm a") and "Tờ trình" in line for line in lines)
    assert not DraftVersion.objects.exists(), "nothing is stored before the officer confirms"

    response = client.post(IMPORT, {"source": hidden_source(preview)})

    version = DraftVersion.objects.get()
    assert response.status_code == 302
    assert (version.policy, version.number, version.drafted_on) == (policy, 1, date(2026, 11, 2))
    assert version.note == "Sửa theo góp ý."
    assert version.published_at is None
    anchors = list(version.units.values_list("anchor", flat=True))
    assert {"dieu-1", "dieu-2-khoan-2-diem-b", "dieu-3"} <= set(anchors)


def test_an_uploaded_docx_is_stored_as_the_versions_downloadable_file(client, officer, policy):
    upload = docx_file(*DECREE.splitlines())
    preview = client.post(IMPORT, source_step(policy, source_file=upload))
    assert preview.status_code == 200

    client.post(IMPORT, {"source": hidden_source(preview)})

    version = DraftVersion.objects.get()
    assert version.source_file.filename.endswith(".docx")
    assert version.units.filter(anchor="dieu-2-khoan-1").exists()


def test_a_file_that_is_not_a_draft_is_refused_in_vietnamese_and_nothing_is_kept(
    client, officer, policy
):
    broken = SimpleUploadedFile("du-thao.docx", b"day khong phai tep Word", content_type=DOCX)

    response = client.post(IMPORT, source_step(policy, source_file=broken))

    assert response.status_code == 200
    assert NOT_A_DOCX in response.content.decode()
    assert not DraftVersion.objects.exists()
    assert not get_document_model().objects.exists()


def test_a_file_or_a_text_is_needed_but_not_both(client, officer, policy):
    neither = client.post(IMPORT, source_step(policy))
    both = client.post(IMPORT, source_step(policy, text=DECREE, source_file=docx_file("Điều 1.")))

    for response in (neither, both):
        assert "một trong hai" in response.content.decode()
    assert not DraftVersion.objects.exists()


def test_only_policies_the_officer_may_edit_are_offered(client, officer, policy, home_page):
    elsewhere = PolicyPageFactory(parent=home_page, title="Chính sách ngoài ban")

    response = client.post(IMPORT, source_step(elsewhere, text=DECREE))

    assert elsewhere.title not in response.content.decode()
    assert not DraftVersion.objects.exists()


@pytest.mark.parametrize("forge", ["not-a-token", "tamper", "another-user"])
def test_a_forged_or_altered_source_is_refused(client, officer, policy, forge):
    preview = client.post(IMPORT, source_step(policy, text=DECREE))
    token = hidden_source(preview)
    if forge == "not-a-token":
        token = "eyJ0ZXh0IjoiRGnhu4F1IDEuIn0:abc:def"
    elif forge == "tamper":
        token = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    else:
        client.force_login(member_of("Chuyên viên chính sách", "chuyen-vien-khac"))

    response = client.post(IMPORT, {"source": token})

    assert response.status_code == 400
    assert "Phiên nhập dự thảo không hợp lệ" in response.content.decode()
    assert not DraftVersion.objects.exists()


def previous_and_new(policy):
    """Version 1 with Điều 1 to 3; the new text inserts an article before the old Điều 2."""
    first = draft_version(policy, decree_units(articles=3, chapters=1))
    return first, {unit.anchor: unit for unit in first.units.all()}


def test_the_officer_corrects_a_match_before_storing(client, officer, policy):
    first, old = previous_and_new(policy)
    preview = client.post(IMPORT, source_step(policy, text=DECREE))
    page = BeautifulSoup(preview.content, "html.parser")
    select = page.select_one("select[name=match-dieu-3]")
    labels = [option.get_text(strip=True) for option in select.select("option")]
    assert labels[0] == "Mới (không nối với dự thảo trước)"
    assert labels[1].startswith("Dự thảo 1 · Điều 1")

    client.post(
        IMPORT,
        {
            "source": hidden_source(preview),
            "match-dieu-1": old["dieu-1"].pk,
            "match-dieu-3": old["dieu-2"].pk,
        },
    )

    second = DraftVersion.objects.get(number=2)
    assert second.units.get(anchor="dieu-3").lineage_id == old["dieu-2"].lineage_id
    assert second.units.get(anchor="dieu-1").lineage_id == old["dieu-1"].lineage_id
    assert second.units.get(anchor="dieu-2").lineage_id not in {
        unit.lineage_id for unit in old.values()
    }


def test_a_unit_of_another_kind_or_version_cannot_be_chosen_as_a_match(client, officer, policy):
    first, old = previous_and_new(policy)
    preview = client.post(IMPORT, source_step(policy, text=DECREE))

    response = client.post(
        IMPORT, {"source": hidden_source(preview), "match-dieu-1": old["dieu-1-khoan-1"].pk}
    )

    assert response.status_code == 200
    assert not DraftVersion.objects.filter(number=2).exists()


def test_two_units_cannot_claim_one_old_unit(client, officer, policy):
    first, old = previous_and_new(policy)
    preview = client.post(IMPORT, source_step(policy, text=DECREE))

    response = client.post(
        IMPORT,
        {
            "source": hidden_source(preview),
            "match-dieu-1": old["dieu-1"].pk,
            "match-dieu-2": old["dieu-1"].pk,
        },
    )

    assert "Hai đơn vị không thể cùng nối" in response.content.decode()
    assert not DraftVersion.objects.filter(number=2).exists()


# A stored version: its lineages until published; publishing.


@pytest.fixture
def second(policy):
    """Version 2 (unpublished) whose Điều 2 was wrongly tied to version 1's Điều 3."""
    first = draft_version(policy, decree_units(articles=3, chapters=1))
    old = {unit.anchor: unit for unit in first.units.all()}
    new = [ParsedUnit(UnitKind.ARTICLE, str(n), title=f"Điều thứ {n}") for n in (1, 2, 3)]
    version = store_version(
        policy,
        new,
        drafted_on=date(2026, 11, 1),
        matches={"dieu-1": old["dieu-1"], "dieu-2": old["dieu-3"], "dieu-3": old["dieu-2"]},
    )
    return version, old


def edit_url(version):
    return reverse("draft_versions:edit", args=[version.pk])


def test_an_officer_swaps_two_lineages_of_an_unpublished_version(client, officer, second):
    version, old = second

    response = client.post(
        edit_url(version),
        {
            "drafted_on": "2026-11-03",
            "note": "Đã sửa mạch.",
            f"match-{version.units.get(anchor='dieu-1').pk}": old["dieu-1"].pk,
            f"match-{version.units.get(anchor='dieu-2').pk}": old["dieu-2"].pk,
            f"match-{version.units.get(anchor='dieu-3').pk}": old["dieu-3"].pk,
        },
    )

    assert response.status_code == 302
    for anchor in ("dieu-1", "dieu-2", "dieu-3"):
        assert version.units.get(anchor=anchor).lineage_id == old[anchor].lineage_id
    version.refresh_from_db()
    assert (version.drafted_on, version.note) == (date(2026, 11, 3), "Đã sửa mạch.")


def test_a_unit_set_apart_gets_a_lineage_of_its_own_and_none_is_left_empty(client, officer, second):
    version, old = second
    lineages_before = DraftLineage.objects.count()

    client.post(
        edit_url(version),
        {
            "drafted_on": "2026-11-01",
            "note": "",
            f"match-{version.units.get(anchor='dieu-1').pk}": old["dieu-1"].pk,
            f"match-{version.units.get(anchor='dieu-2').pk}": "",
            f"match-{version.units.get(anchor='dieu-3').pk}": old["dieu-2"].pk,
        },
    )

    fresh = version.units.get(anchor="dieu-2").lineage_id
    assert fresh not in {unit.lineage_id for unit in old.values()}
    assert DraftLineage.objects.count() == lineages_before + 1
    assert not DraftLineage.objects.filter(units__isnull=True).exists()


def test_once_published_a_versions_lineages_are_frozen(client, officer, policy):
    draft_version(policy, decree_units(articles=2, chapters=1))
    version = draft_version(policy, decree_units(articles=2, chapters=1), matches={})
    unit = version.units.get(anchor="dieu-1")

    page = BeautifulSoup(client.get(edit_url(version)).content, "html.parser")
    client.post(
        edit_url(version),
        {"drafted_on": "2026-10-01", "note": "", f"match-{unit.pk}": "1"},
    )

    assert page.select("select[name^=match-]") == []
    assert version.units.get(anchor="dieu-1").lineage_id == unit.lineage_id


def publish_url(version):
    return reverse("draft_versions:publish", args=[version.pk])


def test_the_head_of_the_desk_publishes_a_version(client, head, policy):
    version = draft_version(policy, published=False)

    listing = client.get(reverse("draft_versions:index")).content.decode()
    response = client.post(publish_url(version))

    assert publish_url(version) in listing
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.is_published


def test_versions_are_published_in_their_order(admin_client, policy):
    """Readers compare each version with the one before: Dự thảo 2 waits for Dự thảo 1."""
    first = draft_version(policy, published=False)
    second = draft_version(policy, published=False)

    admin_client.post(publish_url(second))
    second.refresh_from_db()
    assert not second.is_published

    admin_client.post(publish_url(first))
    admin_client.post(publish_url(second))
    second.refresh_from_db()
    assert second.is_published


def test_a_superuser_publishes_too(admin_client, policy):
    version = draft_version(policy, published=False)

    admin_client.post(publish_url(version))

    version.refresh_from_db()
    assert version.is_published


def test_an_officer_without_the_permission_neither_sees_nor_uses_publishing(
    client, officer, policy
):
    version = draft_version(policy, published=False)

    listing = client.get(reverse("draft_versions:index"))
    edit = client.get(edit_url(version))

    assert listing.status_code == edit.status_code == 200
    assert publish_url(version) not in listing.content.decode() + edit.content.decode()
    assert refused(client.get(publish_url(version)))
    assert refused(client.post(publish_url(version)))
    version.refresh_from_db()
    assert version.published_at is None


def test_an_officer_sees_only_versions_of_policies_they_may_edit(
    client, officer, policy, home_page
):
    mine = draft_version(policy, published=False)
    theirs = draft_version(PolicyPageFactory(parent=home_page, title="Chính sách khác"))

    listing = client.get(reverse("draft_versions:index")).content.decode()

    assert edit_url(mine) in listing
    assert edit_url(theirs) not in listing
    assert client.get(edit_url(theirs)).status_code == 404


# Answers per unit.


def bulk_answer(*submissions):
    url = reverse("wagtail_bulk_action", args=("policy_pages", "submission", "answer"))
    return url + "?" + "&".join(f"id={item.pk}" for item in submissions)


@pytest.fixture
def commented(policy):
    """Two approved comments on version 1's Điều 2; version 2 (Điều 1 to 3) follows."""
    first = draft_version(policy, decree_units(articles=3, chapters=1))
    later = draft_version(policy, decree_units(articles=3, chapters=1), matches={})
    unit = first.units.get(anchor="dieu-2")
    items = [Comment(policy=policy, unit=unit, status="da-duyet") for _ in range(2)]
    return {"unit": unit, "later": later, "items": items}


def answer_data(**fields):
    return {
        "outcome": "tiep-thu",
        "explanation": "Đã bổ sung quy định theo góp ý.",
        "answered_on": "2026-11-20",
        **fields,
    }


def test_the_answer_form_offers_the_comments_unit_and_the_next_versions_units(
    client, officer, commented
):
    response = client.get(bulk_answer(*commented["items"]))

    page = BeautifulSoup(response.content, "html.parser")
    chosen = page.select_one("select[name=unit] option[selected]")
    assert chosen["value"] == str(commented["unit"].pk)
    assert chosen.get_text().startswith("Dự thảo 1 · Điều 2")
    changed = [option.get_text() for option in page.select("select[name=changed_units] option")]
    assert changed and all(label.startswith("Dự thảo 2 · ") for label in changed)
    assert any(label.startswith("Dự thảo 2 · Điều 2 – Khoản 1") for label in changed)


def test_an_answer_stores_its_unit_and_the_units_it_changed(client, officer, commented):
    changed = commented["later"].units.get(anchor="dieu-2")

    response = client.post(
        bulk_answer(*commented["items"]),
        answer_data(unit=commented["unit"].pk, changed_units=[changed.pk]),
    )

    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.unit == commented["unit"]
    assert list(answer.changed_units.all()) == [changed]
    assert set(answer.submissions.all()) == set(commented["items"])


def test_a_changed_unit_of_another_policy_is_refused(client, officer, commented, policies):
    other = draft_version(PolicyPageFactory(parent=policies, title="Chính sách khác"))
    foreign = other.units.get(anchor="dieu-2")

    response = client.post(
        bulk_answer(*commented["items"]),
        answer_data(unit=commented["unit"].pk, changed_units=[foreign.pk]),
    )

    assert response.status_code == 200
    assert not Answer.objects.exists()


def test_a_changed_unit_must_be_of_a_later_version_than_the_unit_answered(
    client, officer, commented
):
    same_version = commented["unit"].version.units.get(anchor="dieu-3")
    later_unit = commented["later"].units.get(anchor="dieu-2")

    response = client.post(
        bulk_answer(*commented["items"]),
        answer_data(unit=later_unit.pk, changed_units=[same_version.pk]),
    )

    assert response.status_code == 200
    assert not Answer.objects.exists()


def test_questions_are_answered_without_units(client, officer, policy):
    draft_version(policy)
    question = Comment(policy=policy, kind="hoi-dap", status="da-duyet")

    form = BeautifulSoup(client.get(bulk_answer(question)).content, "html.parser")
    response = client.post(bulk_answer(question), answer_data())

    assert form.select("[name=unit], [name=changed_units]") == []
    assert response.status_code == 302
    assert Answer.objects.get().unit is None


def test_a_version_with_comments_is_not_deleted_and_the_reason_is_said(admin_client, policy):
    version = draft_version(policy)
    Comment(policy=policy, unit=version.units.get(anchor="dieu-1"), status="da-duyet")

    response = admin_client.post(reverse("draft_versions:delete", args=[version.pk]), follow=True)

    assert response.status_code == 200
    assert "Không xoá được Dự thảo 1" in response.content.decode()
    assert DraftVersion.objects.filter(pk=version.pk).exists()


@pytest.mark.parametrize("articles", [3, 30])
def test_the_edit_view_takes_the_same_queries_whatever_the_size_of_the_draft(
    client, officer, policy, articles, django_assert_max_num_queries
):
    draft_version(policy, decree_units(articles=articles, chapters=2))
    version = draft_version(
        policy, decree_units(articles=articles, chapters=2), matches={}, published=False
    )
    client.get(edit_url(version))

    with django_assert_max_num_queries(20):
        response = client.get(edit_url(version))

    assert len(BeautifulSoup(response.content, "html.parser").select("select")) > articles


def decree_text(articles):
    lines = []
    for number in range(1, articles + 1):
        lines += [
            f"Điều {number}. Nội dung điều {number}",
            f"1. Khoản thứ nhất của điều {number}.",
            f"2. Khoản thứ hai của điều {number}.",
        ]
    return "\n".join(lines)


@pytest.mark.parametrize("articles", [3, 30])
def test_the_preview_and_the_answer_form_take_the_same_queries_whatever_the_size(
    client, officer, policy, articles, django_assert_max_num_queries
):
    first = draft_version(policy, decree_units(articles=articles, chapters=1))
    draft_version(policy, decree_units(articles=articles, chapters=1), matches={})
    comment = Comment(policy=policy, unit=first.units.get(anchor="dieu-1"), status="da-duyet")
    client.get(IMPORT)

    with django_assert_max_num_queries(20):
        preview = client.post(IMPORT, source_step(policy, text=decree_text(articles)))
    with django_assert_max_num_queries(20):
        form = client.get(bulk_answer(comment))

    assert len(BeautifulSoup(preview.content, "html.parser").select("select")) == 3 * articles
    assert f'value="{comment.unit.pk}" selected' in form.content.decode()


def test_a_confirmation_sent_twice_stores_one_version(client, officer, policy):
    preview = client.post(IMPORT, source_step(policy, text=DECREE))
    token = hidden_source(preview)

    client.post(IMPORT, {"source": token})
    again = client.post(IMPORT, {"source": token}, follow=True)

    assert DraftVersion.objects.count() == 1
    assert "đã được lưu trước đó" in again.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0011_takes_the_draft_permissions_back_and_grants_them_again():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def drafts_permissions(target):
        executor = MigrationExecutor(connection)
        executor.migrate([("policy_pages", target)])
        apps = MigrationExecutor(connection).loader.project_state([("policy_pages", target)]).apps
        head = apps.get_model("auth.Group").objects.get(name="Trưởng ban Chính sách")
        return set(
            head.permissions.filter(codename__contains="draftversion").values_list(
                "codename", flat=True
            )
        )

    try:
        assert drafts_permissions("0010_parts_to_units") == set()
        assert "publish_draftversion" in drafts_permissions("0011_draft_admin")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def answer_edit_url(answer):
    return reverse("wagtailsnippets_policy_pages_answer:edit", args=[answer.pk])


def test_an_answer_edited_on_its_own_takes_its_policys_units_only(
    client, officer, commented, policies
):
    client.post(bulk_answer(*commented["items"]), answer_data(unit=commented["unit"].pk))
    answer = Answer.objects.get()
    foreign = draft_version(PolicyPageFactory(parent=policies, title="Chính sách khác"))
    changed = commented["later"].units.get(anchor="dieu-2")
    data = {"policy": answer.policy_id, **answer_data(unit=commented["unit"].pk)}

    page = BeautifulSoup(client.get(answer_edit_url(answer)).content, "html.parser")
    refused = client.post(
        answer_edit_url(answer),
        {**data, "changed_units": [foreign.units.get(anchor="dieu-2").pk]},
    )
    saved = client.post(answer_edit_url(answer), {**data, "changed_units": [changed.pk]})

    options = [option.get_text() for option in page.select("select[name=unit] option")]
    assert options[1:] and all(label.startswith("Dự thảo ") for label in options[1:])
    assert not any("Chính sách khác" in label for label in options)
    assert refused.status_code == 200
    assert saved.status_code == 302
    assert list(answer.changed_units.all()) == [changed]
