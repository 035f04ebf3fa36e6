"""The targets of issue 8, and the rows and targets the bench's table is made of."""

from . import report
from .environment import log

# Targets of issue 8.
CACHED_RATIO = 0.80  # (3) cached page views, and (5) the feed's 304, against the Django floor
MISS_P50_MS = 40  # (4)
MAX_QUERIES = 12  # (4)
FRESH_FEED_MS = 60  # (5)
SEARCH_P95_MS = 150  # (6)
POST_P99_MS = 200  # (7)
RSS_GROWTH = 0.10  # (8)
ARTICLE_WEIGHT_KB = 60  # (9)
LIGHTHOUSE_MIN = 0.95  # (9)

# Targets of issue 20 (2): every request a page-cache miss, against the uncached Django floor.
MISS_RATIO_HOME = 0.06
MISS_RATIO = 0.11
MISS_ROWS = {
    "home": "home page",
    "article": "article",
    "section": "section, first page",
    "policy": "policy page with comments",
    "legal_index": "legal documents, filtered",
}

PAGE_ROWS = {
    "home": "home page",
    "section": "section, first page",
    "section_deep": "section, deep page",
    "article": "article",
    "topic": "topic page",
    "legal_index": "legal documents, filtered",
    "policy": "policy page with comments",
}
OTHER_ROWS = {
    "search_accented": "search “nghị định”",
    "search_folded": "search “nghi dinh”",
    "feed": "latest.rss",
    "api": "API list of articles",
}


class Table:
    """The rows and targets of a Bench (bench/run.py), each row's ratios read against its floors."""

    def add_row(
        self, name, label, measure, *, target=None, passed=None, ratios=True, note=None, cpu_ms=None
    ):
        data = measure.as_dict()
        row = {"name": name, "label": label, "measure": data, "target": target, "passed": passed}
        if cpu_ms is not None:
            row["cpu_ms"] = round(cpu_ms, 2)
        if ratios:
            row["ratio_django"] = report.ratio(data["rps"], self.floors.get("django"))
            row["ratio_nginx"] = report.ratio(data["rps"], self.floors.get("nginx"))
        else:
            data["rps"] = None  # sequential: a rate would only restate the latency
        if note:
            row["note"] = note
        self.rows.append(row)
        errors = data["errors"]
        log(
            f"{label}: {fmt_rps(data['rps'])} req/s, p50 {data['p50_ms']} ms, "
            f"p99 {data['p99_ms']} ms"
            + (f", {cpu_ms:.1f} ms CPU a request" if cpu_ms is not None else "")
            + (f", {errors} errors" if errors else "")
        )
        return row

    def add_target(self, number, what, value, threshold, passed):
        self.targets.append(
            {
                "id": str(number),
                "what": what,
                "value": value,
                "threshold": threshold,
                "passed": passed,
            }
        )


def fmt_rps(value):
    return "–" if value is None else f"{value:,.0f}"
