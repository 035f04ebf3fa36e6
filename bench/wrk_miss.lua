-- Loaded by bench/load.py with `wrk -s ... <url> -- <run>` for the cache-miss rows: each request
-- asks for the address with its own `bench-miss=<run>-<thread>-<n>` parameter, so the page cache
-- (keyed on the full address) misses every time while the shared caches stay warm. The report
-- line is wrk_report.lua's, loaded from beside this file.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local base, counter = nil, 0

function init(args)
  local run = args[1] or "run"
  local separator = wrk.path:find("?", 1, true) and "&" or "?"
  base = wrk.path .. separator .. "bench-miss=" .. run .. "-" .. tostring(id) .. "-"
end

function request()
  counter = counter + 1
  return wrk.format(nil, base .. counter)
end
