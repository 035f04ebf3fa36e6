-- Loaded by bench/day.py with `wrk -t1 -s wrk_day.lua <url> -- <paths file> <zipf s> <seed>
-- <pause ms>`: the readers of a simulated day. Each request asks for one of the addresses in the
-- file (one a line, the most read first), drawn from a Zipf distribution (rank k read in
-- proportion to 1 / k^s); each connection pauses between requests, which bounds the rate. One wrk
-- thread, so one Lua state sees every request: it counts the distinct addresses asked for and the
-- answers by their X-Page-Cache header (hit, miss, stale, or none: not kept by the page cache),
-- and prints them with wrk's figures as one line of JSON.

local paths, cdf, seen = {}, {}, {}
local pause = 0
local thread_state = nil
-- Globals of the thread's Lua state, read from the main one by done().
distinct, answers, statuses = 0, {}, {}

function setup(thread)
  thread_state = thread
end

function init(args)
  local s = tonumber(args[2] or "1")
  math.randomseed(tonumber(args[3] or "1"))
  pause = tonumber(args[4] or "0")
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  local total = 0
  for k = 1, #paths do
    total = total + 1 / k ^ s
    cdf[k] = total
  end
  for k = 1, #paths do cdf[k] = cdf[k] / total end
end

local function draw()
  local u, low, high = math.random(), 1, #cdf
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cdf[middle] < u then low = middle + 1 else high = middle end
  end
  return low
end

function request()
  local path = paths[draw()]
  if not seen[path] then
    seen[path] = true
    distinct = distinct + 1
  end
  return wrk.format(nil, path)
end

function delay()
  return pause
end

function response(status, headers, body)
  local state = headers["X-Page-Cache"] or headers["x-page-cache"] or "none"
  answers[state] = (answers[state] or 0) + 1
  statuses[status] = (statuses[status] or 0) + 1
end

local function encode(counts)
  local parts = {}
  for key, value in pairs(counts or {}) do
    parts[#parts + 1] = string.format('"%s": %d', tostring(key), value)
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_DAY_JSON {"requests": %d, "duration_us": %d, "errors": %d, ' ..
    '"latency_us": {"p50": %d, "p99": %d}, "distinct": %d, "answers": %s, "statuses": %s}\n',
    summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99),
    thread_state:get("distinct"), encode(thread_state:get("answers")),
    encode(thread_state:get("statuses"))))
end
