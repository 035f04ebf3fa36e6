"""The soak's report: bench/soak-results.json and the table in docs/reliability.md."""

from . import report
from .environment import ROOT

RESULTS = ROOT / "bench" / "soak-results.json"
DOCS = ROOT / "docs" / "reliability.md"
START_MARK = "<!-- soak:start (written by `make soak`; edit outside these marks) -->"
END_MARK = "<!-- soak:end -->"

KIND_LABELS = {
    "home": "home page",
    "section": "section pages",
    "article": "articles",
    "policy": "policy pages",
    "search": "search",
    "document": "legal documents",
    "feed": "feed polls (conditional)",
    "form_tokens": "comment form tokens",
    "comment": "comment POSTs",
    "all": "all",
}


def rss_text(kb_by_pid):
    return ", ".join(f"{kb / 1024:.0f}" for kb in kb_by_pid.values()) or "–"


def render_markdown(results):
    header = ("requests", "count", "req/s", "p50 ms", "p99 ms", "statuses", "failed")
    lines = []
    for kind, row in results["rows"].items():
        statuses = ", ".join(f"{k}: {v:,}" for k, v in row["statuses"].items())
        lines.append(
            (
                KIND_LABELS.get(kind, kind),
                f"{row['requests']:,}",
                report.fmt(row["rps"]),
                report.fmt(row["p50_ms"]),
                report.fmt(row["p99_ms"]),
                statuses,
                row["failed"],
            )
        )
    lines.sort(key=lambda line: line[0] == "all")
    f, c, kill = results["failures"], results["comments"], results["kill"]
    rss = results["rss_kb"]
    checks = results["verdict"]
    kill_text = (
        "no kill (--no-kill)"
        if kill is None
        else f"instance {kill['instance']} (master and {len(kill['pids']) - 1} workers) got "
        f"SIGKILL at {kill['at_s']} s (all exited by {kill['all_exited_s']} s), started again "
        f"after {kill['restart_delay_s']} s, answering at {kill['answering_again_s']} s"
    )
    facts = [
        ("when", f"{results['date']}, {results['seconds']:.0f} s of load"),
        (
            "machine",
            f"{results['machine']['cpu']}, {results['machine']['cores']} cores, "
            f"load average after {results['load_average_after']}",
        ),
        (
            "database",
            f"{results['database']['engine']} {results['database']['name']}, "
            f"{results['database']['pages']['live']:,} live pages",
        ),
        (
            "rates asked → sent",
            ", ".join(
                f"{kind} {results['rates'][kind]:g} → {results['rates_achieved'][kind]:g}/s"
                for kind in ("reads", "feeds", "comments")
            ),
        ),
        ("kill", kill_text),
        (
            "failed attempts",
            f"{f['attempts']['explained']} explained by the kill, "
            f"{f['attempts']['unexplained']} not; {f['attempts']['answered_5xx']} 5xx answers; "
            f"{f['moved_to_other_instance']} requests moved to the other instance",
        ),
        (
            "failed requests (client saw no answer or a 5xx)",
            f"{f['requests']['explained']} explained (in flight on the killed process), "
            f"{f['requests']['unexplained']} not",
        ),
        (
            "comments",
            f"{c['sent']} sent, {c['acknowledged']} acknowledged (303 + receipt), "
            f"{c['stored']} stored; missing {len(c['missing'])}, duplicated "
            f"{len(c['duplicated'])}, stored without acknowledgement "
            f"{c['stored_without_acknowledgement']}, refused {c['refused']}",
        ),
        (
            "worker RSS MB before → after",
            f"a: {rss_text(rss['a']['before'])} → {rss_text(rss['a']['after'])} "
            "(restarted workers after); "
            f"b: {rss_text(rss['b']['before'])} → {rss_text(rss['b']['after'])}",
        ),
        (
            "verdict",
            "only the killed process's requests failed: "
            f"{report.verdict(checks['only_killed_process_failures'])}; every acknowledged "
            "comment stored once: "
            f"{report.verdict(checks['every_acknowledged_comment_stored_once'])}",
        ),
    ]
    return "\n".join(
        [
            START_MARK,
            "",
            report.markdown_table(header, lines, left={0, 5}),
            "",
            report.markdown_table(("", ""), facts, left={0, 1}),
            "",
            END_MARK,
        ]
    )


def write(results):
    marks = (START_MARK, END_MARK)
    report.write_marked(
        results, RESULTS, DOCS, render_markdown, marks=marks, title="# Reliability\n"
    )
