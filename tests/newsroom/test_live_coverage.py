import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from tests.factories import LiveCoveragePageFactory, SectionPageFactory, live_update


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


@pytest.fixture
def live(section):
    page = LiveCoveragePageFactory(parent=section, title="Trực tiếp: Khai mạc Kỳ họp Quốc hội")
    now = timezone.now()
    live_update(page, "Các đại biểu bắt đầu vào hội trường.", now - dt.timedelta(minutes=50))
    live_update(page, "Phiên khai mạc chính thức bắt đầu.", now - dt.timedelta(minutes=20))
    return page


def test_updates_show_newest_first_under_a_live_badge(client, live):
    text = client.get(live.url).text
    assert "Trực tiếp</p>" in text
    assert text.index("Phiên khai mạc chính thức bắt đầu.") < text.index("Các đại biểu bắt đầu")
    assert 'data-live="true"' in text
    assert f'data-endpoint="{live.url}cap-nhat/"' in text


def test_an_ended_event_shows_its_summary_and_no_live_badge(client, live):
    live.ended_at = timezone.now() - dt.timedelta(minutes=5)
    live.closing_summary = "Kỳ họp khai mạc thành công, thông qua chương trình làm việc."
    live.save()
    text = client.get(live.url).text
    assert "Đã kết thúc" in text
    assert "Trực tiếp</p>" not in text
    assert "Kỳ họp khai mạc thành công" in text
    assert 'data-live="false"' in text


def test_the_json_endpoint_returns_only_updates_after_since(client, live):
    since = timezone.localtime(timezone.now() - dt.timedelta(minutes=30)).isoformat()
    response = client.get(f"{live.url}cap-nhat/", {"since": since})
    assert response.status_code == 200
    data = response.json()
    assert data["live"] is True
    assert len(data["updates"]) == 1
    assert "Phiên khai mạc chính thức bắt đầu." in data["updates"][0]["html"]
    assert data["updates"][0]["changed"].endswith("+07:00")


def test_an_unencoded_plus_in_since_is_understood(client, live):
    since = timezone.localtime(timezone.now() - dt.timedelta(minutes=30)).isoformat()
    response = client.get(f"{live.url}cap-nhat/?since={since}")  # "+07:00" arrives as " 07:00"
    assert len(response.json()["updates"]) == 1


@pytest.mark.parametrize("since", ["", "hôm qua", "2026-13-45T99:00", "x" * 5000])
def test_a_bad_since_is_a_clear_400(client, live, since):
    response = client.get(f"{live.url}cap-nhat/", {"since": since})
    assert response.status_code == 400
    assert "ISO 8601" in response.json()["error"]


def test_live_coverage_is_listed_in_its_section_like_an_article(client, section, live):
    assert "Trực tiếp: Khai mạc Kỳ họp Quốc hội" in client.get(section.url).text


def test_an_end_before_the_start_or_without_a_summary_is_refused(live):
    live.ended_at = live.started_at - dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        live.clean()
    assert "phải sau thời điểm bắt đầu" in str(error.value)
    live.ended_at = live.started_at + dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        live.clean()
    assert "Viết tóm tắt" in str(error.value)
