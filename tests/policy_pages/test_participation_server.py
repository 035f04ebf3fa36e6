"""The comment pipeline against a real server process: many readers at once lose nothing and get
one receipt each, and a database that does not answer never yields a receipt."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from bs4 import BeautifulSoup

from policy_pages.models import Submission
from tests.factories import open_for_comment
from tests.servers import free_port, live_database_url, one_server_at_a_time, portal_server
from tests.skips import postgresql_pass

CLIENTS, COMMENTS_EACH = 20, 10


pytestmark = one_server_at_a_time


@postgresql_pass("SQLite serialises every write anyway")
# Committed data the server process can read; the database is restored afterwards as
# migrations left it, like the browser tests do.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_hundred_comments_from_twenty_readers_at_once_are_each_stored_once(home_page):
    policy = open_for_comment(home_page, "Dự thảo Luật Thủ đô (sửa đổi)")

    def reader(number):
        """One reader's browser: read the page, send ten comments, then two that must fail."""
        session = requests.Session()
        receipts, refused = [], []

        def send(body, **changes):
            soup = BeautifulSoup(session.get(page_url, timeout=30).content, "html.parser")
            form = soup.select_one("form.participation-form")
            tokens = session.get(base + form["data-tokens"], timeout=30).json()
            data = {
                **tokens,
                "kind": "gop-y",
                "name": f"Người đọc số {number}",
                "email": f"doc-gia-{number}@example.vn",
                "capacity": "ca-nhan",
                "body": body,
                "consent": "on",
                "website": "",
                **changes,
            }
            return session.post(base + form["action"], data, allow_redirects=False, timeout=30)

        for n in range(COMMENTS_EACH):
            response = send(f"Góp ý số {n} của người đọc {number}: đề nghị làm rõ Điều {n + 1}.")
            assert response.status_code == 303, response.text[:500]
            receipts.append(re.search(r"/bien-nhan/(\w+)/", response.headers["Location"]).group(1))
        refused.append(send("Rô-bốt điền ô ẩn.", website="http://spam.example").status_code)
        refused.append(
            send(f"Góp ý số 0 của người đọc {number}: đề nghị làm rõ Điều 1.").status_code
        )
        return receipts, refused

    with portal_server(
        live_database_url(),
        PARTICIPATION_MIN_SECONDS="0",
        PARTICIPATION_PER_IP="100000",
        PARTICIPATION_PER_EMAIL="100",
    ) as base:
        page_url = base + policy.url
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(reader, range(CLIENTS)))

    given = [code for receipts, _ in results for code in receipts]
    assert len(given) == len(set(given)) == CLIENTS * COMMENTS_EACH
    stored = Submission.objects.filter(policy=policy)
    assert stored.count() == CLIENTS * COMMENTS_EACH
    assert set(stored.values_list("receipt", flat=True)) == set(given)
    assert stored.values("body").distinct().count() == CLIENTS * COMMENTS_EACH
    assert all(refused == [400, 400] for _, refused in results)
    assert not stored.filter(body="Rô-bốt điền ô ẩn.").exists()


def test_when_the_database_does_not_answer_the_reader_is_told_and_gets_no_receipt(db):
    csrf = "a" * 32  # a well-formed CSRF secret, sent as the cookie and the form field
    with portal_server(f"postgres://postgres@127.0.0.1:{free_port()}/nowhere") as base:
        response = requests.post(
            base + "/y-kien/gui/1/",
            {"csrfmiddlewaretoken": csrf, "name": "Nguyễn An", "body": "Góp ý.", "consent": "on"},
            cookies={"csrftoken": csrf},
            allow_redirects=False,
            timeout=30,
        )
    assert response.status_code == 503
    assert "Ý kiến của bạn chưa được lưu" in response.text
    assert "chưa có mã biên nhận nào được cấp" in response.text
    assert "Location" not in response.headers
