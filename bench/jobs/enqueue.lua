-- wrk script of the jobs benchmark (bench/scenarios/11-jobs.sh): closed-loop enqueue, POST /v1/queues/{q}/jobs with
-- the job JobsLoad's enqueue sends. Environment: JOBS_TOKEN (Bearer token), JOBS_QUEUE (the queue), JOBS_QUEUES
-- (optional N: spread round-robin over the queues JOBS_QUEUE-1 .. JOBS_QUEUE-N, each thread starting at its own).
-- done() prints "jobs: created=<201s> errors=<other answers> rate=<201s per second>" and "count: <201s> jobs".
local token = os.getenv("JOBS_TOKEN") or error("JOBS_TOKEN is not set")
local queue = os.getenv("JOBS_QUEUE") or error("JOBS_QUEUE is not set")
local spread = tonumber(os.getenv("JOBS_QUEUES") or "") or 0

local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
local body = '{"type":"bench.job","payload":{"order":42,"note":"a small payload for the benchmark"}}'

-- per thread (set by setup before init): its number, and its counters, read by done()
number = 0
created = 0
errors = 0
-- the requests, formatted once in init (wrk sets the Host header before it): one queue, or one per queue of the
-- spread, and the last one sent
local requests = {}
local next_request

function init(args)
  if spread > 0 then
    for n = 1, spread do
      requests[n] = wrk.format("POST", "/v1/queues/" .. queue .. "-" .. n .. "/jobs", headers, body)
    end
  else
    requests[1] = wrk.format("POST", "/v1/queues/" .. queue .. "/jobs", headers, body)
  end
  next_request = number % #requests
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    errors = errors + 1
  end
end

-- the main script state: the threads, to collect their counters
local threads = {}

function setup(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local c, e = 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    e = e + thread:get("errors")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("jobs: created=%d errors=%d rate=%.1f\n", c, e, seconds > 0 and c / seconds or 0))
  io.write(string.format("count: %d jobs\n", c))
end
