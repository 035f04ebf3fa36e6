import datetime as dt

from django.template import Context, Template

import pytest

from core.text import fold_accents, vi_slugify


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Nghị định", "Nghi dinh"), ("Chính phủ", "Chinh phu"), ("ĐỒNG BẰNG", "DONG BANG")],
)
def test_fold_accents_strips_every_vietnamese_mark(text, folded):
    assert fold_accents(text) == folded


def test_vietnamese_titles_slug_to_ascii():
    assert vi_slugify("Kinh tế số") == "kinh-te-so"
    assert vi_slugify("  Đường sắt tốc độ cao: 67 tỷ USD!  ") == "duong-sat-toc-do-cao-67-ty-usd"


def render(template, **context):
    return Template("{% load vn_format %}" + template).render(Context(context))


def test_times_show_in_vietnam_time_as_day_month_year_hour_minute():
    utc_time = dt.datetime(2022, 8, 28, 1, 0, tzinfo=dt.UTC)
    assert render("{{ t|vn_datetime }}", t=utc_time) == "28/08/2022 08:00"
    assert render("{{ t|vn_date }}", t=utc_time) == "28/08/2022"
    assert render("{{ t|iso_datetime }}", t=utc_time) == "2022-08-28T08:00:00+07:00"


def test_a_late_utc_evening_is_the_next_day_in_vietnam():
    utc_time = dt.datetime(2022, 8, 27, 20, 30, tzinfo=dt.UTC)
    assert render("{{ t|vn_datetime }}", t=utc_time) == "28/08/2022 03:30"


def test_missing_time_shows_nothing():
    assert render("{{ t|vn_datetime }}", t=None) == ""
