"""The alerts bench's report: the table of its measures (printed, and in Markdown between the
bench-alerts marks of docs/performance.md, with the run's machine, database and tasks), and the
results written to bench/alerts-results.json. Used by bench.alerts; reads only the results dict.
"""

import json

from . import report
from .environment import ROOT

RESULTS = ROOT / "bench" / "alerts-results.json"
DOCS = ROOT / "docs" / "performance.md"
MARKS = (
    "<!-- bench-alerts:start (written by `python -m bench.alerts`; edit outside these marks) -->",
    "<!-- bench-alerts:end -->",
)
HEADING = "## Alerts fan-out: `python -m bench.alerts`"
PUBLISH_TARGET_S = 1.0  # the editor's publication must not wait for the fan-out


def fmt(value, digits=1, unit=""):
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"
    return text + unit


def table_lines(results):
    from alerts.choices import DeliveryStatus

    fan, send, tasks, checks, cpu = (
        results["fan_out"],
        results["sending"],
        results["tasks"],
        results["checks"],
        results["cpu"],
    )
    publish_ok = (
        results["publish_ms"] is not None and results["publish_ms"] < 1000 * PUBLISH_TARGET_S
    )
    last = results["publication_to_last_mail_s"]
    statuses = {status.value: status.name.lower() for status in DeliveryStatus}
    return [
        [
            "publishing call (`revision.publish()`)",
            fmt(results["publish_ms"], 0, " ms"),
            f"of which `alerts.events.record` {fmt(results['record_ms'], 1, ' ms')}; "
            f"target < {PUBLISH_TARGET_S:.0f} s: " + ("met" if publish_ok else "MISSED"),
        ],
        [
            "deliveries enqueued a second",
            fmt(fan["per_second"]),
            f"{fan['deliveries']:,} rows over the fan-out, {fmt(fan['seconds'], 1, ' s')} (event "
            f"recorded → marked fanned out); {fmt(fan['per_second_in_tasks'], 0)} a second in "
            f"the {tasks['fan_out']['ran']} fan-out tasks' own time",
        ],
        [
            "mails sent a second",
            fmt(send["per_second"]),
            f"{send['messages']:,} messages received, first → last {fmt(send['seconds'], 1, ' s')}",
        ],
        ["publication → first mail", fmt(send["first_mail_after_s"], 2, " s"), ""],
        [
            "publication → last mail",
            fmt(last, 1, " s"),
            ("TIMED OUT; " if results["timed_out"] else "")
            + (f"{last / 60:.1f} min" if last else ""),
        ],
        [
            "workers' CPU a mail",
            fmt(cpu.get("workers_ms_a_mail"), 2, " ms"),
            f"{cpu['workers_s']} s of CPU in the {results['workers']} workers (fan-out "
            f"included), {cpu['this_process_s']} s in the bench's process (SMTP server, polling)",
        ],
        [
            "every subscriber mailed once",
            "yes" if checks["passed"] else "NO",
            f"{checks['distinct_recipients']:,} distinct recipients, {checks['messages']:,} "
            f"messages for {results['subscribers']:,} subscribers; deliveries: "
            + ", ".join(
                f"{statuses.get(k, k)} {v:,}"
                for k, v in sorted(checks["delivery_statuses"].items())
            ),
        ],
    ]


COLUMNS = ("measure", "value", "")


def render_text(results):
    return report.text_table(COLUMNS, table_lines(results), {0, 2})


def render_markdown(results):
    machine_, database_, tasks = results["machine"], results["database"], results["tasks"]
    fan, send = tasks["fan_out"], tasks["send_pending"]
    lines = [
        MARKS[0],
        "",
        f"Run of {results['date']} on {machine_['cpu']} ({machine_['cores']} cores): "
        f"`{results['command']}`, {results['subscribers']:,} subscribers, "
        f"{database_['engine']}, {results['workers']} `db_worker` processes, fan-out batches "
        f"of {results['batch']}. **The send rate limit was raised for the measurement** "
        f"(ALERTS_SEND_PER_SECOND={results['send_per_second']:,}; at production's 50 a second "
        f"these mails alone would take {results['subscribers'] / 50 / 60:,.0f} minutes). Load "
        f"average {results['load_average_before']} before the run, "
        f"{results['load_average_after']} after.",
        "",
        report.markdown_table(COLUMNS, table_lines(results), {0, 2}),
        "",
        f"Tasks: {fan['ran']} fan-out batches (mean {fmt(fan['ms_mean'])} ms, first "
        f"{fmt(fan['ms_first'])} ms, last {fmt(fan['ms_last'])} ms, longest "
        f"{fmt(fan['ms_max'])} ms); {send['ran']} `send_pending` tasks (one is enqueued with "
        f"each batch), {send['returned_nonzero']} of which sent mail, the longest for "
        f"{fmt(send['ms_max'] / 1000 if send['ms_max'] else None)} s. Seeding the subscribers "
        f"(bulk_create, outside the measure): {results['seed_seconds']} s.",
        "",
        MARKS[1],
    ]
    return "\n".join(lines)


def write(results):
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    text = DOCS.read_text() if DOCS.exists() else "# Performance\n"
    section = render_markdown(results)
    if MARKS[0] in text and MARKS[1] in text:
        text = report.replace_marked(text, section, MARKS)
    else:
        text = text.rstrip("\n") + f"\n\n{HEADING}\n\n{section}\n"
    DOCS.write_text(text)
