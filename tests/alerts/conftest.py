import pytest

from tests.factories import PolicyIndexPageFactory, PolicyPageFactory


@pytest.fixture
def policy(home_page):
    """A published policy that readers may follow."""
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page), title="Chính sách miễn học phí"
    )
    policy.save_revision().publish()
    return policy
