from django.contrib.auth import get_user_model

import pytest

PASSWORD = "mật-khẩu-đúng-2026"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("bientap", "", PASSWORD)


def login(client, password, ip="10.0.0.7"):
    return client.post(
        "/admin/login/", {"username": "bientap", "password": password}, REMOTE_ADDR=ip
    )


def test_password_guessing_is_locked_out_after_five_tries(client, editor):
    for _ in range(4):
        response = login(client, "doan-sai")
        assert response.status_code == 200  # the login form again, with its error
    response = login(client, "doan-sai")
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.text
    # Even the right password is refused while the lock holds.
    response = login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_from_one_address_does_not_lock_the_editor_out_elsewhere(client, editor):
    for _ in range(5):
        login(client, "doan-sai", ip="10.0.0.66")
    response = login(client, PASSWORD, ip="10.0.0.8")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_correct_login_resets_the_count(client, editor):
    for _ in range(4):
        login(client, "doan-sai")
    assert login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "doan-sai").status_code == 200
