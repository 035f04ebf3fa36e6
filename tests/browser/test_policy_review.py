"""A policy's way through the real admin: the officer submits it to "Duyệt chính sách", the head
of the policy desk approves it, and it is published."""

import pytest
from playwright.sync_api import expect

from policy_pages.models import PolicyPage
from tests.browser.conftest import assert_accessible
from tests.browser.test_newsroom_admin import (
    APPROVE,
    PASSWORD,
    log_in,
    member,
    run_action,
    set_up_two_factor,
    wait_until,
)
from tests.factories import PolicyIndexPageFactory, PolicyPageFactory

TITLE = "Chính sách hỗ trợ nhà ở xã hội cho công nhân"


@pytest.fixture
def draft_policy(live_url, home_page):
    officer = member("chuyenvien", "Chuyên viên chính sách")
    member("truongban", "Trưởng ban Chính sách")
    member("bientap", "Biên tập viên")
    policies = PolicyIndexPageFactory(parent=home_page)
    policy = PolicyPageFactory(
        parent=policies, title=TITLE, slug="nha-o-xa-hoi", live=False, owner=officer
    )
    policy.save_revision(user=officer)
    return live_url, policy


def test_a_policy_goes_from_officer_to_head_and_is_published(draft_policy, page):
    base_url, policy = draft_policy

    log_in(page, base_url, "chuyenvien")
    page.goto(f"{base_url}/admin/pages/{policy.pk}/edit/")
    submit = page.locator('button[name="action-submit"]')
    expect(submit).to_contain_text("Duyệt chính sách")
    run_action(page, 'button[name="action-submit"]')

    def current_task():
        state = PolicyPage.objects.get(pk=policy.pk).current_workflow_state
        return state.current_task_state.task.name if state else None

    wait_until(lambda: current_task() == "Trưởng ban Chính sách duyệt", "the submission")
    assert not PolicyPage.objects.get(pk=policy.pk).live

    # The newsroom's editor sees no approve button on a policy.
    log_in(page, base_url, "bientap")
    page.goto(f"{base_url}/admin/pages/{policy.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator(APPROVE).count() == 0

    # The head publishes, so the admin first asks for an authenticator app.
    page.context.clear_cookies()
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "truongban")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    set_up_two_factor(page)
    page.wait_for_url(base_url + "/admin/")
    page.goto(f"{base_url}/admin/pages/{policy.pk}/edit/")
    run_action(page, APPROVE)
    wait_until(lambda: PolicyPage.objects.get(pk=policy.pk).live, "publication")

    page.context.clear_cookies()
    page.goto(base_url + PolicyPage.objects.get(pk=policy.pk).url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert_accessible(page)
