-- Offers waiting conversations to counsellors, atomically: the queue head goes to the
-- least-loaded available counsellor with free capacity, ties to the one idle longest.
-- A conversation leaves the queue when offered, so it can never reach two counsellors, and
-- an offer counts against capacity, so nobody exceeds it.
-- KEYS[1] queue, KEYS[2] counsellors, KEYS[3] offers
-- ARGV: nowMs, offerTimeoutMs, maxOffers, scanLimit
local now = tonumber(ARGV[1])
local offered = {}
local scan_limit = tonumber(ARGV[4])

-- The eligible counsellor for one conversation, or nil; also tells whether anyone at all
-- has free capacity (if nobody has, the rest of the queue need not be looked at).
local function best_for(ckey)
  local best, best_load, best_idle, anyone_free = nil, nil, nil, false
  for _, u in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    local c = redis.call('HMGET', counsellor_key(u), 'status', 'capacity', 'load', 'idleSince')
    if c[1] == 'available' then
      local load, cap, idle = tonumber(c[3] or '0'), tonumber(c[2] or '0'), tonumber(c[4] or '0')
      if load < cap then
        anyone_free = true
        local skip_until = tonumber(redis.call('HGET', ckey, 'skip:' .. u) or '0')
        if skip_until <= now and
            (best == nil or load < best_load or (load == best_load and idle < best_idle)) then
          best, best_load, best_idle = u, load, idle
        end
      end
    end
  end
  return best, anyone_free
end

-- Walk the queue in order. A conversation nobody eligible can take (everyone free declined
-- it a moment ago) does not block the ones behind it.
local start = 0
while #offered < 2 * tonumber(ARGV[3]) and start < scan_limit do
  local batch = redis.call('ZRANGE', KEYS[1], start, start + 19)
  if #batch == 0 then break end
  local stop = false
  for _, cid in ipairs(batch) do
    local ckey = conv_key(cid)
    if redis.call('HGET', ckey, 'state') ~= 'queued' then
      redis.call('ZREM', KEYS[1], cid)
      start = start - 1
    else
      local best, anyone_free = best_for(ckey)
      if not anyone_free then stop = true break end
      if best ~= nil then
        redis.call('ZREM', KEYS[1], cid)
        start = start - 1
        redis.call('HSET', ckey, 'state', 'offered', 'offeredTo', best, 'offeredAt', now)
        redis.call('HINCRBY', counsellor_key(best), 'load', 1)
        redis.call('SADD', counsellor_key(best) .. ':convs', cid)
        redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), cid)
        local c = redis.call('HMGET', ckey, 'queuedAt', 'intake')
        local waited = math.floor((now - tonumber(c[1])) / 1000)
        redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. best, cjson.encode({type = 'offer', conversationId = cid,
          waitedSeconds = waited, intake = cjson.decode(c[2])}))
        table.insert(offered, cid)
        table.insert(offered, best)
        if #offered >= 2 * tonumber(ARGV[3]) then stop = true break end
      end
    end
    start = start + 1
  end
  if stop then break end
end
if #offered > 0 then redis.call('PUBLISH', CHANNEL_QUEUE, 'dispatched') end
return offered
