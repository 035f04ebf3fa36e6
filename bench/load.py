"""Load generators: wrk for throughput, a small Python client for exact counts and misses.

wrk measures req/s and latency percentiles under concurrency (its Lua report prints them as
JSON). The Python client is for what wrk cannot do: a fixed number of requests (the memory run,
the comment POSTs whose rows are counted afterwards) and sequential requests that each differ
(forced cache misses, a fresh feed after each invalidation).
"""

import http.client
import json
import math
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
# Each request with its own `bench-miss=` parameter: a page-cache miss every time.
WRK_MISS_SCRIPT = Path(__file__).with_name("wrk_miss.lua")
JSON_MARK = "BENCH_JSON "


@dataclass
class Measure:
    """One measured row: throughput and latency of one kind of request."""

    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    errors: int = 0
    statuses: dict = field(default_factory=dict)
    concurrency: int = 1
    tool: str = "wrk"

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self):
        return {
            "tool": self.tool,
            "concurrency": self.concurrency,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "rps": round(self.rps, 1),
            "p50_ms": _round(self.p50_ms),
            "p90_ms": _round(self.p90_ms),
            "p95_ms": _round(self.p95_ms),
            "p99_ms": _round(self.p99_ms),
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


def _round(value):
    return None if value is None else round(value, 2)


def percentile(values, p):
    """Nearest-rank percentile of `values` (p in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def parse_wrk(output, concurrency):
    """The Measure in wrk's output, from the JSON line wrk_report.lua prints."""
    for line in output.splitlines():
        if line.startswith(JSON_MARK):
            data = json.loads(line[len(JSON_MARK) :])
            break
    else:
        raise ValueError(f"wrk printed no report:\n{output}")
    latency = data["latency_us"]
    errors = data["errors"]
    return Measure(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=latency["p50"] / 1000,
        p90_ms=latency["p90"] / 1000,
        p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000,
        # A status of 400 or more counts in "status"; socket errors in the others.
        errors=sum(errors.values()),
        concurrency=concurrency,
    )


def wrk(
    url, *, seconds, connections, threads=2, headers=(), wrk_path="wrk", script=WRK_SCRIPT, args=()
):
    """wrk's Measure of `url`; `script` and its `args` (after the URL) change what it sends."""
    threads = max(1, min(threads, connections))
    argv = [wrk_path, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    for header in headers:
        argv += ["-H", header]
    argv += ["-s", str(script), url]
    if args:
        argv += ["--", *args]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk(done.stdout, connections)


def percentiles(latencies):
    """The Measure's p50_ms … p99_ms of `latencies` (ms)."""
    return {f"p{p}_ms": percentile(latencies, p) for p in (50, 90, 95, 99)}


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    seconds: float


def request(port, path, *, method="GET", headers=None, body=None, host="127.0.0.1", timeout=30):
    """One request on a new connection (gunicorn's sync workers close it after each answer)."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        content = answer.read()
        elapsed = time.perf_counter() - started
        # Header names folded to lower case; repeated ones (Set-Cookie) joined as http.client does.
        found = {name.lower(): value for name, value in answer.getheaders()}
        found["set-cookie-list"] = answer.headers.get_all("Set-Cookie") or []
        return Response(answer.status, found, content, elapsed)
    finally:
        connection.close()


def run_requests(port, jobs, *, concurrency, tool="python"):
    """Send every job (a dict of `request` arguments) with `concurrency` threads; a Measure plus
    the responses in job order. A failed connection counts as status 0."""
    results = [None] * len(jobs)
    lock = threading.Lock()
    statuses = {}

    def send(index):
        try:
            response = request(port, **jobs[index])
        except OSError:
            response = Response(0, {}, b"", 0.0)
        results[index] = response
        with lock:
            statuses[response.status] = statuses.get(response.status, 0) + 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(send, range(len(jobs))))
    elapsed = time.perf_counter() - started
    latencies = [r.seconds * 1000 for r in results if r.status]
    measure = Measure(
        requests=len(jobs),
        seconds=elapsed,
        **percentiles(latencies),
        errors=sum(n for status, n in statuses.items() if status == 0 or status >= 400),
        statuses=statuses,
        concurrency=concurrency,
        tool=tool,
    )
    return measure, results


def sequential(port, paths, *, before_each=None, headers=None, cache_states=None):
    """One request after the other, `before_each(i)` run between them (untimed); each answer's
    X-Page-Cache ("absent" without one) counted in `cache_states` when given a dict."""
    latencies, statuses = [], {}
    for index, path in enumerate(paths):
        if before_each:
            before_each(index)
        response = request(port, path, headers=headers)
        statuses[response.status] = statuses.get(response.status, 0) + 1
        latencies.append(response.seconds * 1000)
        if cache_states is not None:
            state = response.headers.get("x-page-cache", "absent")
            cache_states[state] = cache_states.get(state, 0) + 1
    return Measure(
        requests=len(paths),
        seconds=sum(latencies) / 1000,  # time spent in requests, not in before_each
        **percentiles(latencies),
        errors=sum(n for status, n in statuses.items() if status >= 400),
        statuses=statuses,
        tool="python, sequential",
    )
