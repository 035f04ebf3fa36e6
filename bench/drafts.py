"""Render time of a draft version's page, of the comparison of two 100-article versions and of
the answer table, on a page-cache miss (issue 19: p50 under 150 ms).

    .venv/bin/python -m bench.drafts [--articles 100] [--comments 400] [--repeat 20]

Like bench/render_latency.py, in this process with Django's test client and the whole-page cache
off. It writes its own policy into the database it is given (the demo of `make setup`, or a bare
migrated one: a home page and a policy index are added if there is none) inside a transaction
it rolls back, so nothing of it stays: two published versions of a decree of `--articles`
articles (three clauses each, points in every fifth), the second with articles inserted,
removed, moved and reworded, and `--comments` approved comments on the first version's units.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Page, Site  # noqa: E402

from bench.render_latency import measure  # noqa: E402  (same setup as ours)

TARGET_MS = 150


class Rollback(Exception):
    """Raised at the end to undo everything the bench wrote."""


def decree(articles, revised=False):
    """A decree of `articles` articles as a ParsedUnit tree; `revised`, its next version: a new
    article after every 20th, every 25th left out, every 10th reworded, the last moved first."""
    from policy_pages.drafting.tree import ParsedUnit, UnitKind

    def article(number, seed, reworded=False):
        clauses = []
        for clause in (1, 2, 3):
            words = f"Cơ quan, tổ chức thực hiện nội dung {clause} của quy định số {seed}"
            if reworded and clause == 2:
                words += ", bảo đảm công khai và đúng thời hạn"
            points = [
                ParsedUnit(UnitKind.POINT, letter, text=f"Trường hợp {letter} của quy định {seed};")
                for letter in ("a", "b")
                if clause == 1 and seed % 5 == 0
            ]
            clauses.append(
                ParsedUnit(UnitKind.CLAUSE, str(clause), text=words + ".", children=points)
            )
        return ParsedUnit(
            UnitKind.ARTICLE, str(number), title=f"Quy định số {seed}", children=clauses
        )

    seeds = list(range(1, articles + 1))
    if revised:
        seeds = [seeds[-1], *(s for s in seeds[:-1] if s % 25)]
        seeds = [x for s in seeds for x in ([s, -s] if s % 20 == 0 else [s])]
    return [
        article(number, abs(seed) if seed > 0 else 1000 + abs(seed), revised and seed % 10 == 0)
        for number, seed in enumerate(seeds, start=1)
    ]


def build(articles, comments):
    """The policy, its two versions and the comments; returns the policy."""
    from newsroom.models import HomePage
    from policy_pages.draft_versions import store_version
    from policy_pages.models import PolicyIndexPage, PolicyPage, Submission
    from policy_pages.models.participation import APPROVED, new_receipt
    from policy_pages.submissions import fingerprint

    index = PolicyIndexPage.objects.live().first()
    if index is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Trang chủ", slug="trang-chu-bench")
        )
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
        index = home.add_child(instance=PolicyIndexPage(title="Chính sách", slug="chinh-sach"))
    policy = index.add_child(
        instance=PolicyPage(
            title="Nghị định đo thời gian hiển thị dự thảo",
            slug="nghi-dinh-do-thoi-gian-du-thao",
            summary="Chính sách dùng để đo thời gian hiển thị dự thảo và so sánh dự thảo.",
        )
    )
    now = timezone.now()
    first = store_version(
        policy, decree(articles), drafted_on=date(2026, 10, 1), matches={}, published_at=now
    )
    units = list(first.units.all())
    # The same title continues the same article; its clauses and points follow by anchor suffix.
    by_title = {u.title: u.anchor for u in units if u.kind == "dieu"}
    by_anchor = {u.anchor: u for u in units}
    revised = decree(articles, revised=True)
    matches = {}
    for article in revised:
        old_anchor = by_title.get(article.title)
        if old_anchor is None:
            continue
        new_anchor = f"dieu-{article.number}"
        for unit in by_anchor.values():
            if unit.anchor == old_anchor or unit.anchor.startswith(old_anchor + "-"):
                matches[new_anchor + unit.anchor[len(old_anchor) :]] = unit
    second = store_version(
        policy, revised, drafted_on=date(2026, 11, 2), matches=matches, published_at=now
    )
    sent = Submission.objects.bulk_create(
        Submission(
            policy=policy,
            kind="gop-y",
            status=APPROVED,
            receipt=new_receipt(),
            name=f"Người góp ý {n}",
            email=f"nguoi-gop-y-{n}@example.vn",
            unit=units[n % len(units)],
            body=(body := f"Đề nghị làm rõ nội dung số {n} của dự thảo."),
            body_hash=fingerprint(body, f"nguoi-gop-y-{n}@example.vn"),
            consent_at=now,
        )
        for n in range(comments)
    )
    answer_all(policy, sent, second)
    return policy, len(units)


def answer_all(policy, comments, second):
    """The consultation closed and its answer table out: the comments on each unit answered
    together, each answer naming the unit of the second version that continues it."""
    from policy_pages.choices import Outcome
    from policy_pages.models import Answer, PolicyMilestone, Submission

    PolicyMilestone.objects.create(
        page=policy, stage="lay-y-kien", date=date(2026, 10, 1), closes_on=date(2026, 10, 31)
    )
    PolicyPage = type(policy)
    PolicyPage.objects.filter(pk=policy.pk).update(report_published_on=date(2026, 11, 5))
    continued = {unit.lineage_id: unit for unit in second.units.all()}
    outcomes = [Outcome.ACCEPTED, Outcome.PARTLY_ACCEPTED, Outcome.NOT_ACCEPTED, Outcome.NOTED]
    by_unit = {}
    for comment in comments:
        by_unit.setdefault(comment.unit, []).append(comment)
    for n, (unit, group) in enumerate(by_unit.items()):
        answer = Answer.objects.create(
            policy=policy,
            outcome=outcomes[n % 4],
            explanation=f"Ban soạn thảo đã xem xét các ý kiến về {unit.heading} và giải trình.",
            unit=unit,
            answered_on=date(2026, 11, 3),
        )
        if unit.lineage_id in continued:
            answer.changed_units.add(continued[unit.lineage_id])
        Submission.objects.filter(pk__in=[c.pk for c in group]).update(answer=answer)


def cpu_p50(client, path, repeat):
    """The median CPU time of this process per request: on a machine shared with other work,
    what the page costs, whatever the wait for a core."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        client.get(path)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--comments", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    failed = False
    try:
        with transaction.atomic():
            policy, unit_count = build(args.articles, args.comments)
            site = Site.objects.get(is_default_site=True)
            base = policy.get_url(current_site=site)
            paths = {
                "draft version 2": f"{base}du-thao/2/",
                "compare 1 -> 2": f"{base}so-sanh/?tu=1&den=2",
                "answer table": f"{base}tiep-thu-giai-trinh/",
            }
            client = Client(HTTP_HOST=site.hostname)
            print(
                f"{args.articles} articles ({unit_count} units a version), "
                f"{args.comments} approved comments; cache miss, {args.repeat} requests each"
            )
            print(
                f"{'page':18} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} "
                f"{'queries':>7}  target (load average {os.getloadavg()[0]:.1f})"
            )
            for name, path in paths.items():
                result = measure(client, path, args.repeat)
                cpu = cpu_p50(client, path, args.repeat)
                ok = result["status"] == 200 and result["p50"] < TARGET_MS
                failed |= not ok
                print(
                    f"{name:18} {result['status']:>6} {result['p50']:>8.1f} "
                    f"{result['p95']:>8.1f} {cpu:>8.1f} {result['queries']:>7}  "
                    f"p50 < {TARGET_MS} ms: " + ("met" if ok else "MISSED"),
                    flush=True,
                )
            raise Rollback
    except Rollback:
        pass
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
