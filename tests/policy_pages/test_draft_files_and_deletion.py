"""A draft's source file stays behind the login until its version is published; a policy with
draft versions can be deleted; absurdly long version numbers are refused, not a 500."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from policy_pages.draft_admin import publish
from policy_pages.draft_files import keep_unpublished
from policy_pages.models import PolicyPage
from tests.factories import PolicyIndexPageFactory, PolicyPageFactory
from tests.factories.drafts import draft_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(home_page):
    return PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home_page))


def test_a_drafts_file_is_downloadable_only_once_its_version_is_published(
    client, policy, admin_user
):
    upload = SimpleUploadedFile("du-thao.docx", b"PK\x03\x04 noi dung du thao")
    document = keep_unpublished(upload, "Dự thảo nghị định", admin_user)
    version = draft_version(policy, published=False, source_file=document)
    assert document.file_size == len(b"PK\x03\x04 noi dung du thao") and document.file_hash

    hidden = client.get(document.url)
    assert hidden.status_code == 302 and "/login" in hidden["Location"]

    publish(version, admin_user)
    assert client.get(document.url).status_code == 200


def test_a_policy_with_draft_versions_and_no_comments_can_be_deleted(policy):
    draft_version(policy)
    draft_version(policy)
    policy.delete()
    assert not PolicyPage.objects.filter(pk=policy.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "so-sanh/?tu={long}&den=1",
        "so-sanh/?tu=1&den={long}",
    ],
)
def test_a_version_number_of_thousands_of_digits_is_refused(client, policy, url):
    draft_version(policy)
    draft_version(policy)
    response = client.get(policy.url + url.format(long="9" * 4301))
    assert response.status_code == 400
    assert "Số dự thảo phải là số nguyên dương" in response.content.decode()


def test_the_api_refuses_a_policy_number_of_thousands_of_digits(client, policy):
    draft_version(policy)
    response = client.get(f"/api/v2/draft-units/?policy={'9' * 4301}&version=1")
    assert response.status_code == 400
