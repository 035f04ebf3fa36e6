"""Who may open what: every role against every admin and public address that reads or changes
an object the role does not own. A role either may (the page answers 200, which shows the
address and its object are real) or may not: then the answer is 403 or 404, or a redirect to
the login page, and nothing of the object's secret text or its sender's email is in the body.

The roles are the portal's groups (newsroom/migrations/0003_editorial_roles.py,
policy_pages/migrations/0002_policy_officers.py and 0004_moderators.py, policy_pages/roles.py):
reporters write and edit their own drafts; editors edit any story; the editor-in-chief also
publishes; policy officers write in the policy tree only and answer and export the public's
comments; moderators see and moderate the comments and nothing else; live-desk reporters
(newsroom/migrations/0017_live_desk_reporters.py) post only to the live pages an editor assigned
them to, and none is assigned here; a dialogue's moderators (policy_pages/migrations/
0016_dialogue_roles.py) judge and order its questions, and the guests' secretariat answers the
questions passed to the host, neither seeing who sent them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from media.models import PortalDocument
from policy_pages import dialogue_desk
from tests.factories import (
    ArticlePageFactory,
    DialoguePageFactory,
    LiveCoveragePageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    PortalImageFactory,
    SectionPageFactory,
    SubmissionFactory,
    dialogue_question,
    guest,
    live_update,
)
from tests.factories.drafts import draft_version
from tests.helpers import log_in_verified, member_of

SECRET = "NỘI-DUNG-MẬT-7731"
SENDER_EMAIL = "nguoi-gui-an-danh-7731@example.vn"

ROLES = {
    "anonymous": None,
    "reporter": "Phóng viên",
    "editor": "Biên tập viên",
    "editor_in_chief": "Tổng biên tập",
    "policy_officer": "Chuyên viên chính sách",
    "moderator": "Kiểm duyệt viên",
    "live_reporter": "Phóng viên tường thuật",
    "dialogue_moderator": "Kiểm duyệt giao lưu",
    "dialogue_secretariat": "Thư ký khách mời",
}


@pytest.fixture
def world(home_page):
    """Objects none of the tested users own: a colleague's draft story and a live story in the
    news tree, a colleague's draft policy in the policy tree, a reader's comment, and a document
    and a photo in a collection only the office may read."""
    colleague = get_user_model().objects.create_user("dong-nghiep", password="mat-khau-dai-2026")
    colleague.groups.add(Group.objects.get(name="Phóng viên"))
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    draft = ArticlePageFactory(
        parent=section,
        title=f"{SECRET} tiêu đề chưa đăng",
        slug="ban-nhap",
        live=False,
        owner=colleague,
        sapo=f"{SECRET} nháp",
    )
    draft.save_revision(user=colleague)
    live_page = LiveCoveragePageFactory(parent=section, slug="truc-tiep", owner=colleague)
    live_item = live_update(live_page, f"{SECRET} cập nhật trực tiếp")
    story = ArticlePageFactory(parent=section, slug="tin-da-dang", owner=colleague)
    story.sapo = f"{SECRET} bản sửa chưa duyệt"
    story.save_revision(user=colleague)

    policies = PolicyIndexPageFactory(parent=home_page)
    policy = PolicyPageFactory(
        parent=policies,
        title=f"{SECRET} chính sách chưa đăng",
        slug="chinh-sach-nhap",
        live=False,
        owner=colleague,
        summary=SECRET,
    )
    policy.save_revision(user=colleague)
    live_policy = PolicyPageFactory(parent=policies, slug="chinh-sach-cong-khai")
    comment = SubmissionFactory(policy=live_policy, body=f"{SECRET} ý kiến", email=SENDER_EMAIL)
    dialogue = DialoguePageFactory(parent=section, slug="giao-luu", policy=live_policy)
    guest(dialogue)
    question = dialogue_question(dialogue, f"{SECRET} câu hỏi", email=SENDER_EMAIL)
    dialogue_desk.judge(dialogue, [question.pk], "da-duyet", None)
    dialogue_desk.pass_to_host(dialogue, [question.pk], None)

    office = Group.objects.create(name="Văn phòng (thử)")
    private = Collection.get_first_root_node().add_child(name="Hồ sơ mật")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(office)
    document = PortalDocument.objects.create(
        title=f"{SECRET} tài liệu",
        collection=private,
        uploaded_by_user=colleague,
        file=ContentFile(f"%PDF-1.4 {SECRET}".encode(), name="ho-so-mat.pdf"),
    )
    image = PortalImageFactory(
        title=f"{SECRET} ảnh", collection=private, uploaded_by_user=colleague
    )
    return {
        "draft": draft,
        "story": story,
        "live": live_page,
        "live_update": live_item,
        "policy": policy,
        "comment": comment,
        "dialogue": dialogue,
        "question": question,
        "version": draft_version(live_policy, published=False),
        "document": document,
        "image": image,
    }


def page_url(name, key):
    return lambda w: reverse(f"wagtailadmin_pages:{name}", args=[w[key].pk])


def revision_url(key):
    def url(w):
        page = w[key]
        return reverse("wagtailadmin_pages:revisions_view", args=[page.pk, page.latest_revision.pk])

    return url


def compare_url(key):
    def url(w):
        page = w[key]
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[page.pk, "live", page.latest_revision.pk],
        )

    return url


def bulk_url(app, model, action, key):
    return lambda w: reverse("wagtail_bulk_action", args=(app, model, action)) + f"?id={w[key].pk}"


SUBMISSIONS = "wagtailsnippets_policy_pages_submission"


def desk_url(name, with_update=False):
    def url(w):
        args = [w["live"].pk, w["live_update"].pk] if with_update else [w["live"].pk]
        return reverse(f"live_desk:{name}", args=args)

    return url


EDITORS = {"editor", "editor_in_chief"}

# endpoint id -> (how to build the address from the world, the roles that may open it)
ENDPOINTS = {
    # A colleague's draft story, in the news tree.
    "draft-edit": (page_url("edit", "draft"), {"editor", "editor_in_chief"}),
    # Wagtail's "change" lets an editor delete or move a page nobody has published yet.
    "draft-delete": (page_url("delete", "draft"), {"editor", "editor_in_chief"}),
    "draft-move": (page_url("move", "draft"), {"editor", "editor_in_chief"}),
    "draft-history": (page_url("history", "draft"), {"editor", "editor_in_chief"}),
    "draft-revision-view": (revision_url("draft"), {"editor", "editor_in_chief"}),
    "draft-preview": (page_url("view_draft", "draft"), {"editor", "editor_in_chief"}),
    # A live story with a change waiting for review.
    "story-unpublish": (page_url("unpublish", "story"), {"editor_in_chief"}),
    "story-compare": (compare_url("story"), {"editor", "editor_in_chief"}),
    # A published page is deleted or moved only by who may publish (Wagtail's rule).
    "story-delete": (page_url("delete", "story"), {"editor_in_chief"}),
    "story-move": (page_url("move", "story"), {"editor_in_chief"}),
    # A colleague's draft policy, in the policy tree.
    "policy-edit": (
        page_url("edit", "policy"),
        {"editor", "editor_in_chief", "policy_officer"},
    ),
    "policy-revision-view": (
        revision_url("policy"),
        {"editor", "editor_in_chief", "policy_officer"},
    ),
    "policy-delete": (
        page_url("delete", "policy"),
        {"editor", "editor_in_chief", "policy_officer"},
    ),
    # The public's comments: the queue, one comment, moderation, the export.
    "comments-queue": (
        lambda w: reverse(f"{SUBMISSIONS}:list"),
        {"policy_officer", "moderator"},
    ),
    "comment-inspect": (
        lambda w: reverse(f"{SUBMISSIONS}:inspect", args=[w["comment"].pk]),
        {"policy_officer", "moderator"},
    ),
    "comment-edit": (
        lambda w: reverse(f"{SUBMISSIONS}:edit", args=[w["comment"].pk]),
        set(),
    ),
    "comment-delete": (
        lambda w: reverse(f"{SUBMISSIONS}:delete", args=[w["comment"].pk]),
        set(),
    ),
    "comments-csv": (
        lambda w: reverse(f"{SUBMISSIONS}:list") + "?export=csv",
        {"policy_officer"},
    ),
    # Draft versions: officers import and correct them; publishing is the head's alone (no role
    # here); the report on comments per unit is for those who see the comments.
    "draft-versions": (lambda w: reverse("draft_versions:index"), {"policy_officer"}),
    "draft-import": (lambda w: reverse("draft_versions:add"), {"policy_officer"}),
    "draft-version-edit": (
        lambda w: reverse("draft_versions:edit", args=[w["version"].pk]),
        {"policy_officer"},
    ),
    "draft-version-publish": (
        lambda w: reverse("draft_versions:publish", args=[w["version"].pk]),
        set(),
    ),
    "draft-report": (
        lambda w: reverse("policy_pages_draft_report", args=[w["version"].policy_id]),
        {"policy_officer", "moderator"},
    ),
    "document-edit": (
        lambda w: reverse("wagtaildocs:edit", args=[w["document"].pk]),
        {"editor", "editor_in_chief", "policy_officer"},
    ),
    # Wagtail's "change" on a collection includes deleting from it.
    "document-delete": (
        lambda w: reverse("wagtaildocs:delete", args=[w["document"].pk]),
        {"editor", "editor_in_chief", "policy_officer"},
    ),
    "document-public-file": (
        lambda w: reverse("wagtaildocs_serve", args=[w["document"].pk, "ho-so-mat.pdf"]),
        set(),
    ),
    "image-edit": (
        lambda w: reverse("wagtailimages:edit", args=[w["image"].pk]),
        {"editor", "editor_in_chief"},
    ),
    "image-delete": (
        lambda w: reverse("wagtailimages:delete", args=[w["image"].pk]),
        {"editor", "editor_in_chief"},
    ),
    # The live desk: editors act on every live page; a live-desk reporter sees the list of the
    # pages assigned to them (none) and nothing of a page they are not assigned to.
    "live-desk-index": (lambda w: reverse("live_desk:index"), EDITORS | {"live_reporter"}),
    "live-desk": (desk_url("desk"), EDITORS),
    "live-desk-history": (desk_url("history"), EDITORS),
    "live-update-edit": (desk_url("edit", with_update=True), EDITORS),
    "live-update-remove": (desk_url("remove", with_update=True), EDITORS),
    # An online dialogue: its page is the news desk's; its questions are moderated and
    # ordered by its moderators, answered by the guests' secretariat.
    "dialogue-edit": (page_url("edit", "dialogue"), {"editor", "editor_in_chief"}),
    "dialogues": (
        lambda w: reverse("policy_pages_dialogues"),
        {"dialogue_moderator", "dialogue_secretariat"},
    ),
    "dialogue-moderate": (
        lambda w: reverse("policy_pages_dialogue_moderate", args=[w["dialogue"].pk]),
        {"dialogue_moderator"},
    ),
    "dialogue-answers": (
        lambda w: reverse("policy_pages_dialogue_answers", args=[w["dialogue"].pk]),
        {"dialogue_secretariat"},
    ),
    "dialogue-answer": (
        lambda w: reverse(
            "policy_pages_dialogue_answer", args=[w["dialogue"].pk, w["question"].pk]
        ),
        {"dialogue_secretariat"},
    ),
    # Other people's accounts.
    "users-list": (lambda w: reverse("wagtailusers_users:index"), set()),
    # The public site never shows a draft, whoever asks.
    "public-draft-page": (lambda w: "/thoi-su/ban-nhap/", set()),
}


def test_moderators_judge_a_comment_without_seeing_who_sent_it(client, world):
    """The sender's email is personal data: officers answer and export with it, moderators
    only decide whether the text is fit to publish."""
    url = reverse(f"{SUBMISSIONS}:inspect", args=[world["comment"].pk])
    moderator = client_for(client, "moderator").get(url)
    assert moderator.status_code == 200
    assert f"{SECRET} ý kiến" in text_of(moderator)
    assert SENDER_EMAIL not in text_of(moderator)
    client.logout()
    assert SENDER_EMAIL in text_of(client_for(client, "policy_officer").get(url))


@pytest.mark.parametrize("role", ["dialogue_moderator", "dialogue_secretariat"])
def test_the_dialogue_roles_work_without_the_senders_email(client, world, role):
    """They judge and answer what was asked, by the asker's name: never who sent it."""
    dialogue = world["dialogue"]
    name = {
        "dialogue_moderator": "policy_pages_dialogue_moderate",
        "dialogue_secretariat": "policy_pages_dialogue_answers",
    }[role]
    response = client_for(client, role).get(reverse(name, args=[dialogue.pk]))
    assert response.status_code == 200
    assert f"{SECRET} câu hỏi" in text_of(response)
    assert SENDER_EMAIL not in text_of(response)


def client_for(client, role):
    if ROLES[role]:
        log_in_verified(client, member_of(ROLES[role], f"vai-tro-{role.replace('_', '-')}"))
    return client


def text_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def refused(response, role):
    """Wagtail answers a logged-in user without the permission with a redirect to the admin's
    home page and a "no permission" message; a visitor with no session goes to the login page."""
    if response.status_code in (403, 404):
        return True
    if response.status_code == 302:
        location = response["Location"]
        return location.startswith("/admin/login/") or (
            role != "anonymous" and location == reverse("wagtailadmin_home")
        )
    return False


CASES = [
    pytest.param(role, endpoint, id=f"{role}-{endpoint}")
    for endpoint in ENDPOINTS
    for role in ROLES
]


@pytest.mark.parametrize(("role", "endpoint"), CASES)
def test_each_role_reaches_only_what_it_may(client, world, role, endpoint):
    build, allowed = ENDPOINTS[endpoint]
    response = client_for(client, role).get(build(world))
    body = text_of(response)
    if role in allowed:
        assert response.status_code == 200, response.get("Location")
    else:
        assert refused(response, role), (response.status_code, response.get("Location"))
        assert SECRET not in body
        assert SENDER_EMAIL not in body


# Bulk actions: Wagtail's confirmation page answers 200 to anyone in the admin and lists the
# items the user may not act on; it must not name them (a draft's headline is unpublished
# content) unless they may edit them, and confirming must change nothing.
SEE_DRAFT = {"editor", "editor_in_chief"}
SEE_POLICY = {"editor", "editor_in_chief", "policy_officer"}
# action -> (bulk action, target, the roles that may do it, the roles that may see the target)
BULK = {
    "page-publish": (("wagtailcore", "page", "publish"), "draft", {"editor_in_chief"}, SEE_DRAFT),
    "page-publish-policy": (
        ("wagtailcore", "page", "publish"),
        "policy",
        {"editor_in_chief"},
        SEE_POLICY,
    ),
    "page-delete": (("wagtailcore", "page", "delete"), "story", {"editor_in_chief"}, SEE_DRAFT),
    "page-unpublish": (
        ("wagtailcore", "page", "unpublish"),
        "story",
        {"editor_in_chief"},
        SEE_DRAFT,
    ),
    "comment-approve": (
        ("policy_pages", "submission", "approve"),
        "comment",
        {"moderator"},
        {"moderator", "policy_officer"},
    ),
    "document-delete": (("media", "portaldocument", "delete"), "document", SEE_POLICY, SEE_POLICY),
    "image-delete": (("media", "portalimage", "delete"), "image", SEE_DRAFT, SEE_DRAFT),
}
BULK_CASES = [
    pytest.param(role, action, id=f"{role}-bulk-{action}") for action in BULK for role in ROLES
]


def state_of(obj):
    model = type(obj)
    found = model._default_manager.filter(pk=obj.pk).first()
    if found is None:
        return "deleted"
    return getattr(found, "live", None), getattr(found, "status", None)


@pytest.mark.parametrize(("role", "action"), BULK_CASES)
def test_bulk_actions_name_and_change_nothing_a_role_may_not_touch(client, world, role, action):
    (app, model, name), key, allowed, sees = BULK[action]
    target = world[key]
    url = reverse("wagtail_bulk_action", args=(app, model, name)) + f"?id={target.pk}"
    client = client_for(client, role)
    before = state_of(target)
    page = client.get(url)
    if role not in allowed:
        assert page.status_code in (200, 302, 403, 404)
    if role not in sees:
        assert SECRET not in text_of(page)
        assert SENDER_EMAIL not in text_of(page)
    response = client.post(url, {"reason": "Lý do thử", "next": "/admin/"})
    assert response.status_code in (200, 302, 403, 404)
    if role in allowed:
        assert state_of(target) != before
    else:
        assert state_of(target) == before
        assert SECRET not in text_of(response)
