-- wrk: each request spends the next one-time code of $CODES (a thread takes every Nth code,
-- so no two requests share one) with the full staff-survey answers of $BODY, posted as the form
-- posts them: to /s, the code in the body.
local codes = {}
for line in io.lines(os.getenv("CODES")) do codes[#codes + 1] = line end
local body = io.open(os.getenv("BODY")):read("*a")
local threads = tonumber(os.getenv("THREADS"))
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
local sent = 0
function request()
  local index = (sent * threads + id - 1) % #codes + 1
  sent = sent + 1
  return wrk.format("POST", "/s", { ["Content-Type"] = "application/x-www-form-urlencoded" }, "code=" .. codes[index] .. "&" .. body)
end
