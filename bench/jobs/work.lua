-- wrk script of the jobs benchmark (bench/scenarios/11-jobs.sh): closed-loop claim + complete, as JobsLoad's work
-- mode: POST /v1/queues/{q}/claim {"worker":"bench","count":1}, then POST /v1/jobs/{id}/complete {"worker":"bench"}
-- for the job it answered; one claim and one complete per job. Each thread keeps the ids its claims answered: a
-- connection of the thread sends a complete for one when one is waiting, else a claim. Environment: JOBS_TOKEN
-- (Bearer token), JOBS_QUEUE (the queue). done() prints "jobs: completed=<n> empty=<claims answering no job>
-- errors=<other answers> rate=<completes per second>" and "count: <completes> jobs".
local token = os.getenv("JOBS_TOKEN") or error("JOBS_TOKEN is not set")
local queue = os.getenv("JOBS_QUEUE") or error("JOBS_QUEUE is not set")

local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
local claim_body = '{"worker":"bench","count":1}'
local complete_body = '{"worker":"bench"}'
local claim -- formatted once in init (wrk sets the Host header before it)

-- per thread: the claimed ids not yet completed (a FIFO: ids[first] .. ids[last]), and the counters read by done()
local ids, first, last = {}, 1, 0
completed = 0
empty = 0
errors = 0

function init(args)
  claim = wrk.format("POST", "/v1/queues/" .. queue .. "/claim", headers, claim_body)
end

function request()
  if first <= last then
    local id = ids[first]
    ids[first] = nil
    first = first + 1
    return wrk.format("POST", "/v1/jobs/" .. id .. "/complete", headers, complete_body)
  end
  return claim
end

-- wrk does not say which request an answer is for: a claim answers {"jobs":[...]}, a complete the job
function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
  elseif body:find('{"jobs":', 1, true) == 1 then
    local id = body:match('"id"%s*:%s*"([^"]+)"')
    if id then
      last = last + 1
      ids[last] = id
    else
      empty = empty + 1
    end
  elseif body:find('"state":"completed"', 1, true) then
    completed = completed + 1
  else
    errors = errors + 1
  end
end

-- the main script state: the threads, to collect their counters
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local c, m, e = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("completed")
    m = m + thread:get("empty")
    e = e + thread:get("errors")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("jobs: completed=%d empty=%d errors=%d rate=%.1f\n", c, m, e,
    seconds > 0 and c / seconds or 0))
  io.write(string.format("count: %d jobs\n", c))
end
