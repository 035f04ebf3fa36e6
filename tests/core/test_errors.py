from django.test import RequestFactory

from core.views import server_error


def test_unknown_address_gets_the_portals_404_page_in_vietnamese(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert '<html lang="vi">' in response.text
    assert "Không tìm thấy trang" in response.text
    # In the portal's look: its header, search box and footer.
    assert 'class="site-header"' in response.text
    assert 'role="search"' in response.text
    assert 'class="site-footer"' in response.text


def test_server_error_page_renders_without_touching_the_database(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    text = response.content.decode()
    assert '<html lang="vi">' in text
    assert "Hệ thống đang gặp sự cố" in text
    assert "Traceback" not in text
