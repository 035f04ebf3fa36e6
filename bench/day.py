"""A simulated working day at the origin (issue 20, 5): `python -m bench.day`, run by `make bench`.

Readers ask for the pages of the database following a Zipf distribution (bench/wrk_day.lua: the
home page and the listings most, then stories, the newest first), through gunicorn with the
production page cache, while a writer process (this module with `--writer`) publishes new
stories, corrects live ones and moderates comments, spread evenly over the run: 60, 10 and 200 of
them, a working day's pace. The run is made twice on the same database and the same stream of
reads: with `CACHE_TAGS=0`, where every renewal renews everything as the whole-site content
generation did, and with cache tags, where a change renews only the responses that show it.
Each reports the origin's hit ratio (the X-Page-Cache header of core/page_cache.py) and its
renders per minute.

The first request for an address misses under any scheme, and a run of minutes asks for a great
many addresses once (a Zipf tail over 250,000 pages): the hit ratio is therefore given over every
request and over repeat requests (every request but the first for its address), which is what a
renewal scheme decides; the goal (≥ 95 % hits) is judged on the latter.

Everything listens on 127.0.0.1 and is stopped by its PID. What the writer adds is marked
`bench-day-<run>-` (the stories' slugs, the comments' emails) and deleted after each run, with the
answers, revisions and log entries that came with it. Writes bench/day-results.json and the
section between the bench-day marks in docs/performance.md.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from . import report
from .environment import (
    OUT,
    ROOT,
    VENV,
    check_services,
    database,
    ensure_tools,
    enter_root,
    logger,
    machine,
    manage,
    server_environment,
)

log = logger("day")
RESULTS = ROOT / "bench" / "day-results.json"
DOCS = ROOT / "docs" / "performance.md"
MARKS = (
    "<!-- bench-day:start (written by `python -m bench.day`; edit outside these marks) -->",
    "<!-- bench-day:end -->",
)
WRK_DAY_SCRIPT = ROOT / "bench" / "wrk_day.lua"
DAY_JSON_MARK = "BENCH_DAY_JSON "
WORKERS = 3  # as docs/deploy.md runs production, and as `make bench` does
HIT_GOAL = 0.95
SCHEMES = {"generation": "0", "tags": "1"}  # name -> CACHE_TAGS
SCHEME_LABELS = {
    "generation": "every change renews everything (CACHE_TAGS=0)",
    "tags": "cache tags (CACHE_TAGS=1)",
}
WRITER_START_TIMEOUT = 120
MARK = "bench-day-"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.day", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=180, help="each scheme's run (180)")
    parser.add_argument("--rate", type=float, default=60, help="readers' requests a second (60)")
    parser.add_argument("--connections", type=int, default=12, help="readers' connections (12)")
    parser.add_argument("--zipf", type=float, default=1.0, help="Zipf exponent s (1.0)")
    parser.add_argument("--publications", type=int, default=60)
    parser.add_argument("--corrections", type=int, default=10)
    parser.add_argument("--moderations", type=int, default=200)
    parser.add_argument(
        "--schemes", default="generation,tags", help="which runs, in order (generation,tags)"
    )
    parser.add_argument("--quick", action="store_true", help="60 s a scheme, a third of the writes")
    parser.add_argument("--writer", metavar="PLAN", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = 60
        args.publications, args.corrections, args.moderations = 20, 4, 66
    return args


# --- what the readers read ----------------------------------------------------------------------


def reader_paths():
    """Every live page of the default site as a path, the most read first: the home page, the
    pages that list others (sections, indexes), then the rest, newest first."""
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    root = site.root_page
    prefix = len(root.url_path)
    rows = (
        Page.objects.live()
        .descendant_of(root, inclusive=False)
        .values_list("pk", "url_path", "numchild", "first_published_at")
    )
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    ranked = sorted(rows, key=lambda r: (r[2] == 0, -(r[3] or oldest).timestamp(), -r[0]))
    # Percent-encoded, as a browser sends them: wrk sends a path as it is given.
    return ["/", *(quote("/" + url_path[prefix:]) for _pk, url_path, _n, _at in ranked)]


def parse_readers(output):
    for line in output.splitlines():
        if line.startswith(DAY_JSON_MARK):
            return json.loads(line[len(DAY_JSON_MARK) :])
    raise ValueError(f"wrk printed no report:\n{output}")


def hit_ratios(readers):
    """From wrk_day.lua's counts: the share of answers from the page cache (a hit, or a stale
    copy while another process renders), over every request and over repeat requests (the first
    request for an address misses under any scheme), and the answers Django rendered."""
    answers = readers["answers"]
    requests = sum(answers.values())
    cached = answers.get("hit", 0) + answers.get("stale", 0)
    repeats = requests - readers["distinct"]
    return {
        "requests": requests,
        "from_cache": cached,
        "rendered": requests - cached,
        "hit_ratio": cached / requests if requests else None,
        "repeat_requests": repeats,
        "repeat_hit_ratio": cached / repeats if repeats > 0 else None,
    }


# --- the writer (a process of its own, as an editor's request would be) -----------------------


def schedule(plan):
    """(seconds after the start, kind, index) of each write, each kind spread evenly over the
    run: the first correction comes after the first publication (it corrects the newest)."""
    seconds = plan["seconds"] * 0.95  # done before the readers stop
    events = []
    for kind, count, phase in (
        ("publish", plan["publications"], 0.3),
        ("correct", plan["corrections"], 0.6),
        ("moderate", plan["moderations"], 0.5),
    ):
        events += [((i + phase) * seconds / count, kind, i) for i in range(count)]
    return sorted(events)


def run_writer(plan_path):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from wagtail.rich_text import RichText

    from newsroom.models import ArticleCorrection, ArticlePage, SectionPage
    from policy_pages.models import PolicyPage, Submission
    from policy_pages.models.participation import APPROVED, REJECTED, SPAM, new_receipt
    from policy_pages.moderation import answer, moderate
    from policy_pages.submissions import fingerprint

    plan = json.loads(Path(plan_path).read_text())
    mark = plan["mark"]
    user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    sections = list(SectionPage.objects.live().order_by("path"))
    # The newest policies: the ones the readers read most among them (reader_paths).
    policies = list(PolicyPage.objects.live().order_by("-first_published_at", "-pk")[:10])
    if not sections or (plan["moderations"] and not policies):
        sys.exit("bench.day writer: the database has no section or no policy to write to")

    # The comments to moderate, sent before the readers start (a new comment shows nowhere).
    now = timezone.now()
    pending = []
    for i in range(plan["moderations"]):
        email = f"{mark}{i}@example.vn"
        body = f"Góp ý mô phỏng số {i + 1}: đề nghị làm rõ điều kiện áp dụng."
        pending.append(
            Submission.objects.create(
                policy=policies[i % len(policies)],
                name=f"Người góp ý {i + 1}",
                email=email,
                body=body,
                body_hash=fingerprint(body, email),
                receipt=new_receipt(),
                consent_at=now,
            )
        )
    (OUT / "day" / f"ready-{plan['scheme']}").write_text("ready\n")
    sys.stdin.readline()  # the readers have started

    started = time.monotonic()
    published, approved, late, took = [], [], [], {}
    for at, kind, i in schedule(plan):
        wait = started + at - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        late.append(max(0.0, -wait))
        begun = time.perf_counter()
        if kind == "publish":
            story = ArticlePage(
                title=f"Tin mô phỏng {i + 1}: Chính phủ họp phiên thường kỳ",
                slug=f"{mark}{i}",
                dateline="Hà Nội",
                sapo="Bản tin do phép đo hiệu năng tạo ra và xoá ngay sau khi đo.",
                body=[("paragraph", RichText("<p>Phiên họp bàn nhiều nội dung quan trọng.</p>"))],
            )
            sections[i % len(sections)].add_child(instance=story)
            story.save_revision(user=user).publish(user=user)
            published.append(story.pk)
        elif kind == "correct":
            story = ArticlePage.objects.get(pk=published[-1])
            ArticleCorrection.objects.create(page=story, text=f"Đính chính số {i + 1}.")
            story.save_revision(user=user).publish(user=user)
        else:
            submission = pending[i]
            if i % 10 == 9 and approved:  # one action in ten: an answer to an approved comment
                answer(
                    [approved.pop(0)],
                    user,
                    outcome="tiep-thu",
                    explanation="Cơ quan chủ trì tiếp thu ý kiến.",
                )
            else:
                status = {7: REJECTED, 8: SPAM}.get(i % 10, APPROVED)
                moderate([submission], status, user)
                if status == APPROVED:
                    approved.append(submission)
        took.setdefault(kind, []).append(time.perf_counter() - begun)
    Path(plan["result"]).write_text(
        json.dumps(
            {
                "seconds": time.monotonic() - started,
                "done": {kind: len(times) for kind, times in took.items()},
                "mean_ms": {k: round(1000 * sum(t) / len(t), 1) for k, t in took.items()},
                "latest_s": round(max(late, default=0), 2),
            }
        )
    )


# --- one scheme's run -----------------------------------------------------------------------------


class Day:
    def __init__(self, args):
        self.args = args
        self.run_id = uuid.uuid4().hex[:8]
        self.dir = OUT / "day"
        self.runs = {}
        self.notes = []

    def run(self):
        args = self.args
        self.started = time.monotonic()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.wrk_path = ensure_tools()["wrk"]
        from .servers import MailSink

        self.mail = MailSink().start()
        try:
            env = server_environment(self.mail.port)
            check_services(env)
            os.environ.update({**env, "LOG_LEVEL": "WARNING"})
            log("collectstatic into var/bench/static")
            manage(env, "collectstatic", "--noinput", "-v0")
            import django

            django.setup()
            from django.conf import settings

            from .queries import clear_bench_caches
            from .scenarios import page_counts

            self.database = database(page_counts())
            paths = reader_paths()
            self.paths_file = self.dir / "paths.txt"
            self.paths_file.write_text("\n".join(paths) + "\n")
            log(
                f"{self.database['engine']} {self.database['name']}: {len(paths):,} addresses "
                f"for the readers, Zipf s={args.zipf}; {args.rate:g} reads/s for {args.seconds} s; "
                f"{args.publications} publications, {args.corrections} corrections, "
                f"{args.moderations} moderation actions"
            )
            for scheme in args.schemes.split(","):
                if scheme == "tags" and not hasattr(settings, "CACHE_TAGS"):
                    self.notes.append("Cache tags: not in this tree (no CACHE_TAGS setting).")
                    log("no CACHE_TAGS setting here: the tags run is skipped")
                    continue
                clear_bench_caches()
                self.runs[scheme] = self.run_scheme(scheme, env)
        finally:
            self.mail.stop()
        return self.results()

    def run_scheme(self, scheme, env):
        from .servers import Gunicorn, free_port

        args = self.args
        env = {**env, "CACHE_TAGS": SCHEMES[scheme]}
        port = free_port()
        log(f"{SCHEME_LABELS[scheme]}: gunicorn {WORKERS} sync workers on 127.0.0.1:{port}")
        app = Gunicorn(
            root=ROOT,
            venv=VENV,
            env=env,
            port=port,
            workers=WORKERS,
            log_path=self.dir / "gunicorn.log",
        ).start()
        mark = f"{MARK}{self.run_id}-{scheme}-"
        plan = {
            "scheme": scheme,
            "mark": mark,
            "seconds": args.seconds,
            "publications": args.publications,
            "corrections": args.corrections,
            "moderations": args.moderations,
            "result": str(self.dir / f"writer-{scheme}.json"),
        }
        plan_path = self.dir / f"plan-{scheme}.json"
        plan_path.write_text(json.dumps(plan))
        ready = self.dir / f"ready-{scheme}"
        ready.unlink(missing_ok=True)
        Path(plan["result"]).unlink(missing_ok=True)
        writer_log = open(self.dir / f"writer-{scheme}.log", "wb")  # noqa: SIM115
        writer = subprocess.Popen(  # noqa: S603
            [str(VENV / "bin" / "python"), "-m", "bench.day", "--writer", str(plan_path)],
            cwd=ROOT,
            env={**env, "LOG_LEVEL": "WARNING"},
            stdin=subprocess.PIPE,
            stdout=writer_log,
            stderr=subprocess.STDOUT,
        )
        readers = None
        try:
            deadline = time.monotonic() + WRITER_START_TIMEOUT
            while not ready.exists():
                if writer.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the writer did not start; see {writer_log.name}")
                time.sleep(0.2)
            pause_ms = max(0, round(args.connections * 1000 / args.rate))
            wrk = subprocess.Popen(  # noqa: S603
                [
                    self.wrk_path,
                    "-t1",
                    f"-c{args.connections}",
                    f"-d{args.seconds}s",
                    "--timeout",
                    "30s",
                    "-s",
                    str(WRK_DAY_SCRIPT),
                    f"http://127.0.0.1:{port}/",
                    "--",
                    str(self.paths_file),
                    str(args.zipf),
                    "20",  # the same stream of reads in both runs
                    str(pause_ms),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            writer.stdin.write(b"go\n")
            writer.stdin.close()
            output, _ = wrk.communicate(timeout=args.seconds + 120)
            readers = parse_readers(output)
            writer.wait(timeout=120)
        finally:
            if writer.poll() is None:
                writer.terminate()
                writer.wait(20)
            writer_log.close()
            app.stop()
            removed = clean_up(mark)
        written = json.loads(Path(plan["result"]).read_text()) if writer.returncode == 0 else {}
        figures = hit_ratios(readers)
        minutes = readers["duration_us"] / 60e6
        result = {
            "scheme": scheme,
            "label": SCHEME_LABELS[scheme],
            "readers": readers,
            **figures,
            "rps": figures["requests"] / (readers["duration_us"] / 1e6),
            "renders_per_minute": figures["rendered"] / minutes,
            "writer": written,
            "writer_exit": writer.returncode,
            "removed": removed,
        }
        log(
            f"{scheme}: {figures['requests']:,} reads ({result['rps']:.0f}/s), "
            f"{readers['distinct']:,} addresses; hits {fmt_share(figures['hit_ratio'])}, "
            f"on repeat requests {fmt_share(figures['repeat_hit_ratio'])}; "
            f"{result['renders_per_minute']:.0f} renders a minute; writer {written.get('done')}"
        )
        return result

    def results(self):
        runs = self.runs
        tags = runs.get("tags")
        target = None
        if tags:
            ratio = tags["repeat_hit_ratio"]
            target = {
                "id": "20.5",
                "what": "simulated day with cache tags: hits on repeat requests",
                "value": fmt_share(ratio),
                "threshold": f"≥ {HIT_GOAL:.0%}",
                "passed": ratio is not None and ratio >= HIT_GOAL,
            }
        load = os.getloadavg()
        return {
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "run_id": self.run_id,
            "duration_s": round(time.monotonic() - self.started),
            "machine": machine(),
            "load_average_after": " ".join(f"{v:.2f}" for v in load),
            "database": self.database,
            "args": {k: v for k, v in vars(self.args).items() if k != "writer"},
            "runs": runs,
            "targets": [target] if target else [],
            "notes": self.notes,
        }


def clean_up(mark):
    """Delete what a writer marked `mark` made: its stories (their revisions and corrections go
    with them), its comments and their answers, and the log entries of both."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry, Page, PageLogEntry

    from policy_pages.models import Answer, Submission

    pages = Page.objects.filter(slug__startswith=mark)
    page_ids = list(pages.values_list("pk", flat=True))
    for page in pages.specific():
        page.delete()
    PageLogEntry.objects.filter(page_id__in=page_ids).delete()
    submissions = Submission.objects.filter(email__startswith=mark)
    answer_ids = set(submissions.exclude(answer=None).values_list("answer", flat=True))
    submission_ids = [str(pk) for pk in submissions.values_list("pk", flat=True)]
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Submission), object_id__in=submission_ids
    ).delete()
    submissions.delete()
    Answer.objects.filter(pk__in=answer_ids).delete()
    return {"stories": len(page_ids), "comments": len(submission_ids), "answers": len(answer_ids)}


# --- the report -------------------------------------------------------------------------------


def fmt_share(value):
    return "–" if value is None else f"{100 * value:.1f} %"


COLUMNS = (
    "scheme",
    "reads",
    "reads/s",
    "p50 ms",
    "p99 ms",
    "addresses",
    "hits, all",
    "hits, repeat requests",
    "renders/min",
    "writes done",
)
WRITE_KINDS = {"publish": "publication", "correct": "correction", "moderate": "moderation"}


def table_lines(results):
    lines = []
    for run in results["runs"].values():
        done = run["writer"].get("done", {})
        lines.append(
            [
                run["label"],
                f"{run['requests']:,}",
                f"{run['rps']:.0f}",
                f"{run['readers']['latency_us']['p50'] / 1000:,.1f}",
                f"{run['readers']['latency_us']['p99'] / 1000:,.1f}",
                f"{run['readers']['distinct']:,}",
                fmt_share(run["hit_ratio"]),
                fmt_share(run["repeat_hit_ratio"]),
                f"{run['renders_per_minute']:,.0f}",
                " / ".join(str(done.get(kind, 0)) for kind in WRITE_KINDS),
            ]
        )
    return lines


def how_notes(results):
    args = results["args"]
    notes = [
        f"Readers: wrk, one thread, {args['connections']} connections pausing so as to ask about "
        f"{args['rate']:g} pages a second, {args['seconds']} s a scheme; each address drawn from "
        f"a Zipf distribution (s = {args['zipf']}) over the live pages of the site, ranked home "
        "page, listings, then stories newest first (bench/wrk_day.lua); the same stream of "
        "draws in both runs. The page cache is emptied before each. A reader waits for its "
        "answer before the next (wrk keeps a connection to one request at a time): where the "
        "origin cannot keep up, the run makes fewer reads, and fewer reads between two writes "
        "leave fewer hits, so compare renders a minute as well as ratios.",
        f"Writer: a process of its own making {args['publications']} publications (new stories, "
        f"Wagtail's `revision.publish()`), {args['corrections']} corrections (a correction added "
        f"to the newest of them, republished) and {args['moderations']} moderation actions "
        "(policy_pages/moderation.py: approve, reject, spam, and an answer one time in ten, on "
        "comments it sent to ten policies before the readers started), each kind spread evenly "
        "over the run. Writes done: publications / corrections / moderation actions.",
        "Hits: answers with `X-Page-Cache: hit` (or `stale`, served while another process "
        "renders) among all answers; on repeat requests, among the answers to addresses already "
        "asked for in the run (the first request for an address misses under any scheme). "
        "Renders a minute: the other answers.",
        f"gunicorn {WORKERS} sync workers, production settings plus portal.settings.bench; "
        "everything the writer made was deleted after each run.",
    ]
    for run in results["runs"].values():
        writer = run["writer"]
        if writer:
            means = ", ".join(
                f"{label} {writer['mean_ms'][kind]:,.0f} ms"
                for kind, label in WRITE_KINDS.items()
                if kind in writer["mean_ms"]
            )
            removed = run["removed"]
            notes.append(
                f"{run['label']}: the writer's mean time a write: {means}; at most "
                f"{writer['latest_s']:.1f} s behind its schedule. Deleted afterwards: "
                f"{removed['stories']} stories, {removed['comments']} comments, "
                f"{removed['answers']} answers."
            )
    return notes + results["notes"]


def render_text(results):
    text = report.text_table(COLUMNS, table_lines(results), {0})
    if results["targets"]:
        text += "\n\n" + report.text_table(
            report.TARGET_HEADER, report.target_lines(results["targets"]), report.TARGET_LEFT
        )
    return text


def render_markdown(results):
    database_ = results["database"]
    machine_ = results["machine"]
    lines = [
        MARKS[0],
        "",
        f"Run of {results['date']} on {machine_['cpu']} ({machine_['cores']} cores); "
        f"{database_['engine']} with {database_['pages']['total']:,} pages; load average "
        f"{results['load_average_after']} after the run.",
        "",
        report.markdown_table(COLUMNS, table_lines(results), {0}),
        "",
    ]
    if results["targets"]:
        lines += [
            report.markdown_table(
                report.TARGET_HEADER, report.target_lines(results["targets"]), report.TARGET_LEFT
            ),
            "",
        ]
    lines += ["How each figure was made:", "", *(f"- {n}" for n in how_notes(results)), ""]
    return "\n".join([*lines, MARKS[1]])


def main(argv=None):
    args = parse_args(argv)
    enter_root()
    if args.writer:
        run_writer(args.writer)
        return
    results = Day(args).run()
    print()
    print(render_text(results))
    report.write_marked(
        results, RESULTS, DOCS, render_markdown, marks=MARKS, title="# Performance\n"
    )
    print(f"\nwritten: bench/day-results.json, docs/performance.md ({results['duration_s']} s)")


if __name__ == "__main__":
    main()
