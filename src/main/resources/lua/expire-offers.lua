-- Offers nobody accepted in time go back to the queue; the counsellor who let them lapse
-- is set to away, so the next visitor is not offered to an empty chair.
-- KEYS[1] offers; ARGV: nowMs, skipMs, maxExpiries
local now = tonumber(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local lapsed = {}
for _, cid in ipairs(due) do
  local u = requeue(cid, now, 'lapsed', true, tonumber(ARGV[2]))
  if u == nil then redis.call('ZREM', KEYS[1], cid) else table.insert(lapsed, cid) end
end
return lapsed
