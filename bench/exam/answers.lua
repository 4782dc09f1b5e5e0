-- wrk script for bench/exam/run.sh: trainees saving exam answers
-- (PUT /api/v1/attempts/{id}/answers), each with its own idempotency key, cycling
-- through the trainees and the 40 questions of the paper.
-- Environment: EXAM_TRAINEES (file of "TOKEN ATTEMPT_ID" lines), EXAM_QUESTIONS
-- (question ids, comma-separated).
-- Prints one line: "WRK requests non2xx socket_errors p50_ms p99_ms duration_s".
local trainees = {}
for line in io.lines(os.getenv("EXAM_TRAINEES")) do
  local token, attempt = line:match("^(%S+) (%d+)$")
  if token then trainees[#trainees + 1] = { token = token, attempt = attempt } end
end
local questions = {}
for id in string.gmatch(os.getenv("EXAM_QUESTIONS"), "%d+") do
  questions[#questions + 1] = id
end

local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

local counter = 0
local run = tostring(os.time())
function request()
  counter = counter + 1
  local t = trainees[((counter * 7919) + (tid or 0)) % #trainees + 1]
  local q = questions[(counter + (tid or 0)) % #questions + 1]
  local body = string.format('{"question_id":%s,"selected":[%d],"idempotency_key":"wrk-%s-%d-%d"}',
    q, counter % 4, run, tid or 0, counter)
  return wrk.format("PUT", "/api/v1/attempts/" .. t.attempt .. "/answers", {
    ["Authorization"] = "Bearer " .. t.token,
    ["Content-Type"] = "application/json",
  }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %.2f %.2f %.3f\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.duration / 1e6))
end
