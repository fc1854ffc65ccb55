-- Replays a prepared request file: one request per line, "METHOD<TAB>PATH<TAB>TOKEN<TAB>BODY".
-- Each wrk thread takes every n-th line, so no two threads send the same request; a thread that
-- runs out starts again from its first line and the run is reported as including replays.
local threads = {}
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  local total = tonumber(os.getenv("BENCH_THREADS"))
  local lines = {}
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    table.insert(lines, line)
  end
  prepared = {}
  for n, line in ipairs(lines) do
    -- A file shorter than the thread count is shared whole (stateless requests).
    if (n - 1) % total == id or #lines < total then
      local method, target, token, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = {}
      if token ~= "" then headers["Authorization"] = "Bearer " .. token end
      if body ~= "" then
        headers["Content-Type"] = "application/json"
      else
        body = nil
      end
      table.insert(prepared, wrk.format(method, target, headers, body))
    end
  end
  lines = nil
  position = 0
  wrapped = 0
end

function request()
  position = position + 1
  if position > #prepared then
    position = 1
    wrapped = 1
  end
  return prepared[position]
end

function done(summary, latency, requests)
  local replays = 0
  for _, thread in ipairs(threads) do
    replays = replays + thread:get("wrapped")
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "replays": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout, replays
  ))
end
