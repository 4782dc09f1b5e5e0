-- wrk script for bench/checkin/run.sh: kiosk check-ins (POST /api/v1/kiosk/scan),
-- each with its own idempotency key, cycling through the trainees' badges.
-- Environment: STORM_TOKEN (admin API token), STORM_SESSION (session id),
-- STORM_BADGES (file with one badge token per line).
-- Prints one line: "WRK requests non2xx socket_errors p50_ms p99_ms duration_s".
local token = os.getenv("STORM_TOKEN")
local session = os.getenv("STORM_SESSION")
local badges = {}
for line in io.lines(os.getenv("STORM_BADGES")) do
  if #line > 0 then badges[#badges + 1] = line end
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
  local badge = badges[((counter * 7919) + (tid or 0)) % #badges + 1]
  local body = string.format(
    '{"session_id":%s,"badge_token":"%s","idempotency_key":"wrk-%s-%d-%d"}',
    session, badge, run, tid or 0, counter)
  return wrk.format("POST", "/api/v1/kiosk/scan", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %.2f %.2f %.3f\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.duration / 1e6))
end
