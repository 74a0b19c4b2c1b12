-- wrk: the public page of a different agency on every request, over the whole nation.
local count = tonumber(os.getenv("AGENCIES") or "8317")
local next_agency = 0
request = function()
  next_agency = next_agency % count + 1
  return wrk.format("GET", string.format("/agency/A%05d", next_agency))
end
