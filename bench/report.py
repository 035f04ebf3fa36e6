"""The bench's one table, its targets, bench/results.json and the table in docs/performance.md."""

import json
import re

START_MARK = "<!-- bench:start (written by `make bench`; edit outside these marks) -->"
END_MARK = "<!-- bench:end -->"
COLUMNS = (
    "measure",
    "req/s",
    "p50 ms",
    "p99 ms",
    "× Django floor",
    "× nginx floor",
    "server CPU ms/req",
    "target",
    "",
)
ROW_LEFT = {0, 7, 8}
TARGET_HEADER = ("#", "target", "measured", "threshold", "")
TARGET_LEFT = {1, 2, 3, 4}


def fmt(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def ratio(value, reference):
    if not value or not reference:
        return None
    return value / reference


def verdict(passed):
    return {True: "pass", False: "FAIL", None: "–"}[passed]


def table_cells(row):
    measure = row["measure"]
    return [
        row["label"],
        fmt(measure["rps"]),
        fmt(measure["p50_ms"]),
        fmt(measure["p99_ms"]),
        fmt(row.get("ratio_django"), 2),
        fmt(row.get("ratio_nginx"), 3),
        fmt(row.get("cpu_ms"), 1),
        row.get("target") or "",
        verdict(row.get("passed")),
    ]


def target_lines(targets):
    # Stable: a target's checks stay together; "20.2" (issue 20's) after issue 8's numbers.
    ordered = sorted(targets, key=lambda t: tuple(int(part) for part in t["id"].split(".")))
    return [[t["id"], t["what"], t["value"], t["threshold"], verdict(t["passed"])] for t in ordered]


def text_table(header, lines, left):
    """Columns padded to their widest cell: those whose index is in `left` to the left, the
    figures to the right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]

    def line(cells):
        parts = [
            str(c).ljust(w) if i in left else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(cells) for cells in lines)])


def markdown_table(header, lines, left):
    def line(cells):
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    align = ["---" if i in left else "---:" for i in range(len(header))]
    return "\n".join([line(header), line(align), *(line(cells) for cells in lines)])


def render_text(results):
    rows = [table_cells(row) for row in results["rows"]]
    targets = target_lines(results["targets"])
    return "\n".join(
        [text_table(COLUMNS, rows, ROW_LEFT), "", text_table(TARGET_HEADER, targets, TARGET_LEFT)]
    )


def render_markdown(results):
    machine, database = results["machine"], results["database"]
    pages = database["pages"]
    load = results["load_average"]
    lines = [
        START_MARK,
        "",
        f"Run of {results['date']} on {machine['cpu']} ({machine['cores']} cores, "
        f"{machine['ram_gb']} GB RAM, {machine['os']}); {database['engine']} with "
        f"{pages['total']:,} pages ({pages['live']:,} live, {pages['articles']:,} articles), "
        f"Redis {results['redis']}; gunicorn {results['server']['workers']} sync workers; "
        f"{results['tools']}. Load average (1, 5, 15 min) {load['before']} before the run and "
        f"{load['after']} after: the machine is shared, and the figures move with what else runs.",
        "",
        markdown_table(COLUMNS, [table_cells(row) for row in results["rows"]], ROW_LEFT),
        "",
        markdown_table(TARGET_HEADER, target_lines(results["targets"]), TARGET_LEFT),
        "",
        "How each figure was made:",
        "",
        *(f"- {note}" for note in results["notes"]),
        "",
        END_MARK,
    ]
    return "\n".join(lines)


def replace_marked(text, section, marks=(START_MARK, END_MARK)):
    """`text` with the part between `marks` (the bench's unless told) replaced by `section`
    (appended if absent)."""
    start, end = marks
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        return pattern.sub(lambda _match: section, text, count=1)
    return text.rstrip("\n") + "\n\n" + section + "\n"


def write_marked(results, results_path, docs_path, render, *, marks, title):
    """`results` as JSON, then `render(results)` between `marks` in the docs page (a new page
    begins with `title`)."""
    results_path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    current = docs_path.read_text() if docs_path.exists() else title
    docs_path.write_text(replace_marked(current, render(results), marks))


def write(results, results_path, docs_path):
    marks = (START_MARK, END_MARK)
    write_marked(
        results, results_path, docs_path, render_markdown, marks=marks, title="# Performance\n"
    )
