"""The bench's pure parts: reading wrk's report, the comment form, the VCL it rewrites, the table
it writes into docs/performance.md. Nothing here starts gunicorn, nginx or wrk (one test answers
the one-client loop from a standard library server in a thread)."""

import http.server
import os
import threading

import pytest

from bench.comments import csrf_cookie, parse_form, payload
from bench.load import parse_wrk, percentile, sequential
from bench.queries import miss_path
from bench.report import END_MARK, START_MARK, replace_marked, text_table
from bench.servers import read_status, varnish_vcl

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/
  2 threads and 20 connections
BENCH_JSON {"requests": 5000, "duration_us": 5000000, "bytes": 1000, "errors": {"connect": 0, \
"read": 1, "write": 0, "status": 2, "timeout": 0}, "latency_us": {"min": 900, "mean": 2000.5, \
"max": 90000, "p50": 1500, "p90": 3000, "p95": 4000, "p99": 12500}}
"""

POLICY_PAGE = """
<form class="site-search" role="search" action="/search/" method="get">
  <input type="search" name="q" value="">
</form>
<form class="participation-form" method="post" action="/y-kien/gui/79/"
      data-tokens="/y-kien/phien/79/" novalidate>
  <input type="hidden" name="token">
  <input type="radio" name="kind" value="gop-y" checked>
  <input type="radio" name="kind" value="hoi-dap">
  <input type="text" name="name">
  <select name="unit"><option value="">Toàn bộ dự thảo</option></select>
  <textarea name="body">Điều 3 &amp; 4</textarea>
  <input type="radio" name="capacity" value="ca-nhan" checked>
  <input type="checkbox" name="consent">
</form>
"""


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([7], 95) == 7
    assert percentile([], 50) is None


def test_wrk_report_line_gives_rate_latencies_and_errors():
    measure = parse_wrk(WRK_OUTPUT, 20)
    assert measure.rps == 1000
    assert (measure.p50_ms, measure.p95_ms, measure.p99_ms) == (1.5, 4.0, 12.5)
    assert measure.errors == 3  # a socket error and two answers of 400 or more
    assert measure.concurrency == 20


def test_wrk_output_without_the_report_is_an_error():
    with pytest.raises(ValueError, match="no report"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused", 20)


def test_comment_form_is_found_beside_the_search_form():
    form = parse_form(POLICY_PAGE)
    assert form["action"] == "/y-kien/gui/79/"
    assert form["tokens_url"] == "/y-kien/phien/79/"
    assert form["fields"]["kind"] == "gop-y"
    assert form["choices"]["kind"] == ["gop-y", "hoi-dap"]
    assert form["fields"]["body"] == "Điều 3 & 4"
    assert "q" not in form["fields"]


def test_page_without_comment_form_gives_none():
    assert parse_form("<form action='/search/'><input name='q'></form>") is None


def test_each_send_has_its_own_sender_and_text_and_keeps_the_honeypot_empty():
    form = parse_form(POLICY_PAGE)
    first = payload(form, token="t1", index=1, run_id="r")
    second = payload(form, token="t2", index=2, run_id="r")
    assert first["email"] != second["email"]
    assert first["body"] != second["body"]
    assert first["website"] == ""
    assert first["consent"] == "on"
    assert first["kind"] == "gop-y"


def test_csrf_cookie_is_read_among_other_cookies():
    headers = ["sessionid=abc; Path=/", "csrftoken=XYZ123; Path=/; SameSite=Lax; Secure"]
    assert csrf_cookie(headers) == "XYZ123"
    assert csrf_cookie(["other=1"]) is None


def test_varnish_backend_is_pointed_at_the_bench_gunicorn():
    vcl = 'backend portal {\n    .host = "10.0.0.5";\n    .port = "8000";\n}\n'
    rewritten = varnish_vcl(vcl, 41234)
    assert '.host = "127.0.0.1";' in rewritten
    assert '.port = "41234";' in rewritten


def test_miss_addresses_differ_and_the_api_gets_a_parameter_it_accepts():
    assert miss_path("/thoi-su/bai/", "1") == "/thoi-su/bai/?bench-miss=1"
    assert miss_path("/van-ban/?loai=luat", "1") == "/van-ban/?loai=luat&bench-miss=1"
    assert miss_path("/api/v2/pages/?type=x", "1") == "/api/v2/pages/?type=x&offset=0"


def test_docs_keep_their_prose_and_get_the_latest_table():
    section = f"{START_MARK}\nnew table\n{END_MARK}"
    doc = f"# Performance\n\nProse.\n\n{START_MARK}\nold table\n{END_MARK}\n\nAfter.\n"
    updated = replace_marked(doc, section)
    assert "new table" in updated and "old table" not in updated
    assert updated.startswith("# Performance\n\nProse.") and updated.endswith("After.\n")
    assert replace_marked("# Performance\n", section) == f"# Performance\n\n{section}\n"


def test_text_table_pads_labels_left_and_figures_right():
    table = text_table(("name", "req/s"), [["home", "1,000.0"], ["floor", "9.0"]], left={0})
    lines = table.splitlines()
    assert lines[2] == "home   1,000.0"
    assert lines[3] == "floor      9.0"


def test_worker_memory_is_read_from_proc():
    status = read_status(os.getpid())
    assert status["VmRSS"] > 0
    assert status["VmHWM"] >= status["VmRSS"]


def test_one_client_rows_count_what_the_page_cache_answered():
    """The fresh feed is judged only if every answer was built (X-Page-Cache: miss)."""
    answers = iter(["miss", "stale", None])

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  (the standard library's name)
            self.send_response(200)
            state = next(answers)
            if state:
                self.send_header("X-Page-Cache", state)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        states = {}
        measure = sequential(
            server.server_address[1], ["/feeds/latest.rss"] * 3, cache_states=states
        )
    finally:
        server.shutdown()
        server.server_close()
    assert states == {"miss": 1, "stale": 1, "absent": 1}
    assert measure.requests == 3 and measure.errors == 0
