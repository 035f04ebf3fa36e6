-- Loaded by bench/live.py with `wrk -s`: each connection polls as an open live page does
-- (static/js/live-coverage.js with `cache: "no-cache"`): it sends back the ETag of its last
-- 200, so an unchanged answer is a 304. Counts the statuses per thread and prints them with
-- wrk_report.lua's line.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local etag = nil
c200, c304, cother = 0, 0, 0

function request()
  if etag then
    return wrk.format("GET", nil, { ["If-None-Match"] = etag })
  end
  return wrk.format("GET")
end

function response(status, headers, body)
  if status == 200 then
    c200 = c200 + 1
    etag = headers["ETag"] or headers["etag"] or etag
  elseif status == 304 then
    c304 = c304 + 1
  else
    cother = cother + 1
  end
end

function done(summary, latency, requests)
  local s200, s304, sother = 0, 0, 0
  for _, thread in ipairs(threads) do
    s200 = s200 + thread:get("c200")
    s304 = s304 + thread:get("c304")
    sother = sother + thread:get("cother")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"min": %d, "mean": %.1f, "max": %d, "p50": %d, "p90": %d, "p95": %d, "p99": %d}, ' ..
    '"statuses": {"200": %d, "304": %d, "other": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    s200, s304, sother))
end
