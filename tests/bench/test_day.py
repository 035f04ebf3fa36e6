"""The simulated day's parts that need no server (bench/day.py): what the readers read, how their
answers are counted, when the writer writes, and that what it wrote is deleted afterwards; and
the report of `make bench` with issue 20's rows. Nothing here starts gunicorn or wrk."""

import os
from datetime import timedelta

from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

import pytest

from bench.day import clean_up, hit_ratios, parse_readers, reader_paths, schedule
from bench.report import table_cells, target_lines
from bench.servers import cpu_seconds
from policy_pages.models import Submission
from policy_pages.models.participation import APPROVED
from policy_pages.moderation import answer
from tests.factories import (
    ArticlePageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    SubmissionFactory,
)


def test_hits_count_stale_copies_and_repeat_requests_leave_out_first_ones():
    readers = {"distinct": 40, "answers": {"hit": 50, "stale": 10, "miss": 30, "none": 10}}
    figures = hit_ratios(readers)
    assert figures["requests"] == 100
    assert figures["from_cache"] == 60
    assert figures["rendered"] == 40
    assert figures["hit_ratio"] == 0.6
    assert figures["repeat_hit_ratio"] == 1.0  # 60 repeat requests, all answered from the cache


def test_a_run_where_every_address_is_new_has_no_repeat_ratio():
    figures = hit_ratios({"distinct": 5, "answers": {"miss": 5}})
    assert figures["hit_ratio"] == 0
    assert figures["repeat_hit_ratio"] is None


def test_readers_report_is_read_from_its_line():
    output = (
        'Running 1m test\nBENCH_DAY_JSON {"requests": 3, "duration_us": 60000000, '
        '"errors": 0, "latency_us": {"p50": 900, "p99": 9000}, "distinct": 2, '
        '"answers": {"hit": 1, "miss": 2}, "statuses": {"200": 3}}\n'
    )
    readers = parse_readers(output)
    assert readers["answers"] == {"hit": 1, "miss": 2}
    assert readers["distinct"] == 2
    with pytest.raises(ValueError, match="no report"):
        parse_readers("unable to connect")


def test_writes_are_spread_over_the_run_and_end_before_the_readers():
    plan = {"seconds": 100, "publications": 6, "corrections": 2, "moderations": 20}
    events = schedule(plan)
    kinds = [kind for _at, kind, _i in events]
    assert (kinds.count("publish"), kinds.count("correct"), kinds.count("moderate")) == (6, 2, 20)
    assert all(0 < at < 100 for at, _kind, _i in events)
    assert [at for at, _k, _i in events] == sorted(at for at, _k, _i in events)
    first_correction = kinds.index("correct")
    assert "publish" in kinds[:first_correction]  # a correction has a story to correct
    publications = [at for at, kind, _i in events if kind == "publish"]
    gaps = {round(b - a, 6) for a, b in zip(publications, publications[1:], strict=False)}
    assert len(gaps) == 1  # evenly


@pytest.mark.django_db
def test_readers_read_the_home_page_first_then_listings_then_the_newest_stories(home_page):
    section = SectionPageFactory(parent=home_page, slug="thoi-su")
    now = timezone.now()
    old = ArticlePageFactory(parent=section, slug="cu", first_published_at=now - timedelta(days=9))
    new = ArticlePageFactory(parent=section, slug="moi", first_published_at=now)
    draft = ArticlePageFactory(parent=section, slug="nhap", live=False)

    paths = reader_paths()

    assert paths[:2] == ["/", "/thoi-su/"]
    assert paths.index(new.url) < paths.index(old.url)
    assert draft.url not in paths and "/thoi-su/nhap/" not in paths


@pytest.mark.django_db
def test_what_the_writer_made_is_deleted_and_nothing_else(home_page, admin_user):
    mark = "bench-day-test-tags-"
    section = SectionPageFactory(parent=home_page)
    kept_story = ArticlePageFactory(parent=section, slug="giu-lai")
    story = ArticlePageFactory(parent=section, slug=f"{mark}0")
    story.save_revision().publish()
    policy = PolicyPageFactory(parent=home_page)
    kept_comment = SubmissionFactory(policy=policy, status=APPROVED)
    answered = SubmissionFactory(policy=policy, email=f"{mark}0@example.vn", status=APPROVED)
    SubmissionFactory(policy=policy, email=f"{mark}1@example.vn")
    answer([answered], admin_user, outcome="tiep-thu", explanation="Tiếp thu.")

    removed = clean_up(mark)

    assert removed == {"stories": 1, "comments": 2, "answers": 1}
    assert section.get_children().get().pk == kept_story.pk
    assert list(Submission.objects.all()) == [kept_comment]
    assert not Revision.objects.filter(object_id=str(story.pk)).exists()
    assert not PageLogEntry.objects.filter(page_id=story.pk).exists()


def test_issue_20_targets_come_after_issue_8_and_rows_show_cpu_time():
    targets = [
        {"id": "20.2", "what": "b", "value": "", "threshold": "", "passed": True},
        {"id": "12", "what": "a", "value": "", "threshold": "", "passed": None},
        {"id": "3", "what": "c", "value": "", "threshold": "", "passed": False},
    ]
    assert [line[0] for line in target_lines(targets)] == ["3", "12", "20.2"]
    row = {"label": "home, every request a miss", "measure": {"rps": 9.5, "p50_ms": 210.0}}
    row["measure"]["p99_ms"] = 400.0
    assert table_cells({**row, "cpu_ms": 105.3})[6] == "105.3"
    assert table_cells(row)[6] == "–"


def test_cpu_time_is_read_from_proc():
    assert cpu_seconds(os.getpid()) > 0
    assert cpu_seconds(2**22 + 1) == 0.0  # beyond pid_max: no such process
