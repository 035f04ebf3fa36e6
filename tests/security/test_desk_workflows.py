"""A workflow per desk: who may submit, approve and publish each desk's pages.

News goes through "Duyệt tin bài" (editor, then editor-in-chief); legal documents and policies
through "Duyệt chính sách" (the head of the policy desk); photo stories, videos, audio and
infographics through "Duyệt đa phương tiện" (the photo/video desk's editor). A policy officer
cannot approve a news story and a newsroom editor cannot approve a policy.
"""

import importlib

from django.apps import apps
from django.urls import reverse

from wagtail.models import Page, Workflow, WorkflowPage

import pytest

from policy_pages.models import PolicyPage
from tests.factories import (
    ArticlePageFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    MultimediaIndexPageFactory,
    PhotoStoryPageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
)
from tests.helpers import log_in_verified, member_of
from tests.policy_pages.admin_forms import policy_form

ROLES = {
    "reporter": "Phóng viên",
    "editor": "Biên tập viên",
    "editor_in_chief": "Tổng biên tập",
    "policy_officer": "Chuyên viên chính sách",
    "policy_head": "Trưởng ban Chính sách",
    "multimedia_editor": "Biên tập đa phương tiện",
}


@pytest.fixture
def staff(db):
    return {role: member_of(group, role.replace("_", "-")) for role, group in ROLES.items()}


@pytest.fixture
def desks(home_page, staff):
    """A draft of each desk's kind, written by someone of that desk."""
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    documents = LegalDocumentIndexPageFactory(parent=home_page)
    policies = PolicyIndexPageFactory(parent=home_page)
    multimedia = MultimediaIndexPageFactory(parent=home_page)
    return {
        "article": ArticlePageFactory(
            parent=section, slug="tin-nhap", live=False, owner=staff["reporter"]
        ),
        "legal_document": LegalDocumentPageFactory(
            parent=documents, live=False, owner=staff["policy_officer"]
        ),
        "policy": PolicyPageFactory(
            parent=policies, slug="chinh-sach-nhap", live=False, owner=staff["policy_officer"]
        ),
        "photo_story": PhotoStoryPageFactory(
            parent=multimedia, slug="phong-su-anh-nhap", live=False, owner=staff["reporter"]
        ),
    }


WORKFLOWS = {
    "article": ("Duyệt tin bài", ["Biên tập viên duyệt", "Tổng biên tập duyệt"]),
    "legal_document": ("Duyệt chính sách", ["Trưởng ban Chính sách duyệt"]),
    "policy": ("Duyệt chính sách", ["Trưởng ban Chính sách duyệt"]),
    "photo_story": ("Duyệt đa phương tiện", ["Biên tập đa phương tiện duyệt"]),
}


@pytest.mark.parametrize("kind", WORKFLOWS)
def test_each_desks_pages_go_through_the_desks_workflow(desks, kind):
    workflow = desks[kind].get_workflow()
    name, tasks = WORKFLOWS[kind]
    assert workflow.name == name
    assert [task.name for task in workflow.tasks] == tasks


# page kind -> who may submit it, who may approve its first review step, who may publish it.
# The newsroom's editors hold their permissions on the root (newsroom/migrations/0003), so they
# may still edit and submit the policy desk's pages; only the policy desk's head approves them.
MATRIX = {
    "article": {
        "submit": {"reporter", "editor", "editor_in_chief"},
        "approve": {"editor"},
        "publish": {"editor_in_chief"},
    },
    "legal_document": {
        "submit": {"policy_officer", "policy_head", "editor", "editor_in_chief"},
        "approve": {"policy_head"},
        "publish": {"policy_head", "editor_in_chief"},
    },
    "policy": {
        "submit": {"policy_officer", "policy_head", "editor", "editor_in_chief"},
        "approve": {"policy_head"},
        "publish": {"policy_head", "editor_in_chief"},
    },
    "photo_story": {
        "submit": {"reporter", "editor", "editor_in_chief", "multimedia_editor"},
        "approve": {"multimedia_editor"},
        "publish": {"editor_in_chief", "multimedia_editor"},
    },
}


@pytest.mark.parametrize("kind", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_submit_approve_and_publish(desks, staff, kind, role):
    page, user, allowed = desks[kind], staff[role], MATRIX[kind]
    permissions = page.permissions_for_user(user)
    may_submit = permissions.can_edit() and permissions.can_submit_for_moderation()
    assert may_submit == (role in allowed["submit"])
    assert permissions.can_publish() == (role in allowed["publish"])

    submit(page, staff["reporter"])
    task = page.current_workflow_task.specific
    may_approve = "approve" in {name for name, _, _ in task.get_actions(page, user)}
    assert may_approve == (role in allowed["approve"])


# Through the admin -------------------------------------------------------------------------------


def submit(page, user):
    """A draft sent to its workflow, as "Gửi duyệt" does."""
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    page.refresh_from_db()


def approve(client, page):
    """What the admin's "Duyệt" button posts."""
    task_state = page.current_workflow_state.current_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )


def assert_refused(response):
    """Wagtail's admin answers an action the user may not take by sending them to the dashboard
    with a "no permission" message."""
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_a_policy_goes_from_officer_to_head_and_is_published(client, desks, staff):
    policy = desks["policy"]
    client.force_login(staff["policy_officer"])
    data = policy_form(
        [],
        title="Chính sách hỗ trợ nhà ở xã hội",
        slug="chinh-sach-nhap",
        **{"action-submit": "submit"},
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[policy.pk]), data)
    assert response.status_code == 302
    policy.refresh_from_db()
    state = policy.current_workflow_state
    assert state.workflow.name == "Duyệt chính sách"
    assert state.current_task_state.task.name == "Trưởng ban Chính sách duyệt"

    # The newsroom's editor cannot approve it, nor can the officer who wrote it.
    for role in ("editor", "policy_officer"):
        client.force_login(staff[role])
        assert_refused(approve(client, policy))
    policy.refresh_from_db()
    assert not policy.live
    assert policy.current_workflow_task.name == "Trưởng ban Chính sách duyệt"

    log_in_verified(client, staff["policy_head"])  # who publishes gives a second factor
    assert approve(client, policy).status_code == 302
    policy = PolicyPage.objects.get(pk=policy.pk)
    assert policy.live and policy.title == "Chính sách hỗ trợ nhà ở xã hội"
    assert "Chính sách hỗ trợ nhà ở xã hội" in client.get(policy.url).text


def test_a_policy_officer_cannot_approve_a_news_story(client, desks, staff):
    article = desks["article"]
    submit(article, staff["reporter"])
    client.force_login(staff["policy_officer"])
    assert_refused(approve(client, article))
    article.refresh_from_db()
    assert article.current_workflow_task.name == "Biên tập viên duyệt", "still with the editor"

    client.force_login(staff["editor"])
    assert approve(client, article).status_code == 302
    article.refresh_from_db()
    assert article.current_workflow_task.name == "Tổng biên tập duyệt"


def test_a_photo_story_is_published_by_the_multimedia_desks_editor(client, desks, staff):
    story = desks["photo_story"]
    submit(story, staff["reporter"])
    log_in_verified(client, staff["editor_in_chief"])
    assert_refused(approve(client, story))  # the newsroom's review is not this one
    story.refresh_from_db()
    assert not story.live

    log_in_verified(client, staff["multimedia_editor"])
    assert approve(client, story).status_code == 302
    story.refresh_from_db()
    assert story.live


# Existing databases ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("app", "migration", "make_index", "workflow"),
    [
        ("policy_pages", "0007_desk_workflows", PolicyIndexPageFactory, "Duyệt chính sách"),
        ("newsroom", "0010_desk_workflows", MultimediaIndexPageFactory, "Duyệt đa phương tiện"),
    ],
)
def test_the_migration_puts_an_existing_index_on_its_desks_workflow(
    home_page, app, migration, make_index, workflow
):
    """An index page made before the desks had their own review: the news workflow covered it."""
    index = make_index(parent=home_page)
    WorkflowPage.objects.filter(page=index).delete()
    assert Page.objects.get(pk=index.pk).get_workflow().name == "Duyệt tin bài"

    importlib.import_module(f"{app}.migrations.{migration}").create_review(apps, None)
    assert Page.objects.get(pk=index.pk).get_workflow().name == workflow
    assert Workflow.objects.filter(name=workflow).count() == 1, "run twice, made once"
