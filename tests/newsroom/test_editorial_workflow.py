"""Newsroom roles: reporters write and submit, editors review, the editor-in-chief publishes."""

import json

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Comment, Page

import pytest

from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.helpers import admin_article_form, member_of

REPORTER, EDITOR, CHIEF = "Phóng viên", "Biên tập viên", "Tổng biên tập"


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


@pytest.fixture
def staff(db):
    return {
        "reporter": member_of(REPORTER, "phongvien"),
        "editor": member_of(EDITOR, "bientap"),
        "chief": member_of(CHIEF, "tongbientap"),
    }


def test_the_news_tree_uses_the_newsroom_workflow(section):
    assert section.get_workflow().name == "Duyệt tin bài"
    assert [task.name for task in section.get_workflow().tasks] == [
        "Biên tập viên duyệt",
        "Tổng biên tập duyệt",
    ]


def test_only_the_editor_in_chief_can_publish(section, staff):
    article = ArticlePageFactory(parent=section, owner=staff["reporter"])
    assert article.permissions_for_user(staff["reporter"]).can_edit()
    assert not article.permissions_for_user(staff["reporter"]).can_publish()
    assert article.permissions_for_user(staff["editor"]).can_edit()
    assert not article.permissions_for_user(staff["editor"]).can_publish()
    assert article.permissions_for_user(staff["chief"]).can_publish()
    assert article.permissions_for_user(staff["chief"]).can_unpublish()


def test_a_reporter_cannot_edit_another_reporters_story(section, staff):
    other = member_of(REPORTER, "phongvien2")
    article = ArticlePageFactory(parent=section, owner=other)
    assert not article.permissions_for_user(staff["reporter"]).can_edit()


def test_a_reporters_publish_request_leaves_the_story_unpublished(client, section, staff):
    client.force_login(staff["reporter"])
    data = admin_article_form(
        "Tin phóng viên viết",
        slug="tin-phong-vien-viet",
        sapo="Sapo của bài phóng viên viết, chờ biên tập.",
    )
    data["action-publish"] = "publish"
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
    client.post(url, data)
    article = ArticlePage.objects.get(slug="tin-phong-vien-viet")
    assert not article.live
    assert client.get("/").text.count("Tin phóng viên viết") == 0


def test_a_submitted_story_goes_live_only_after_editor_and_chief_approve(client, section, staff):
    client.force_login(staff["reporter"])
    data = admin_article_form(
        "Tin qua hai vòng duyệt",
        slug="tin-phong-vien-viet",
        sapo="Sapo của bài phóng viên viết, chờ biên tập.",
    )
    data["action-submit"] = "submit"
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
    assert client.post(url, data).status_code == 302
    article = ArticlePage.objects.get(slug="tin-phong-vien-viet")
    state = article.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.current_task_state.task.name == "Biên tập viên duyệt"

    # The chief cannot skip the editor's review; the editor approves it.
    task = state.current_task_state.task.specific
    assert task.get_actions(article, staff["chief"]) == []
    assert task.get_actions(article, staff["reporter"]) == []
    state.current_task_state.approve(user=staff["editor"])
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Tổng biên tập duyệt"
    article.refresh_from_db()
    assert not article.live

    state.current_task_state.approve(user=staff["chief"])
    article.refresh_from_db()
    assert article.live
    assert "Tin qua hai vòng duyệt" in client.get(section.url).text


def test_wagtails_starter_groups_are_replaced(db):
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert Page.objects.get(depth=1).get_workflow().name == "Duyệt tin bài"


def test_a_locked_story_cannot_be_edited_by_others_until_unlocked(section, staff):
    article = ArticlePageFactory(parent=section, owner=staff["reporter"])
    article.locked, article.locked_by = True, staff["editor"]
    article.save()
    assert article.permissions_for_user(staff["reporter"]).page_locked()
    assert not article.permissions_for_user(staff["editor"]).page_locked()
    assert article.permissions_for_user(staff["chief"]).can_unlock()
    assert not article.permissions_for_user(staff["reporter"]).can_unlock()


def test_editors_leave_comments_on_a_draft_in_the_admin(client, section, staff):
    article = ArticlePageFactory(parent=section, owner=staff["reporter"], live=False)
    Comment.objects.create(
        page=article,
        user=staff["editor"],
        text="Đề nghị kiểm tra lại số liệu ở đoạn hai.",
        contentpath="sapo",
        revision_created=article.save_revision(),
    )
    client.force_login(staff["reporter"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 200
    # The comments travel to the editor's sidebar as JSON data.
    assert json.dumps("Đề nghị kiểm tra lại số liệu ở đoạn hai.")[1:-1] in response.text
