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
-- Handovers a colleague left unanswered stay with the counsellor who offered them.
for _, cid in ipairs(redis.call('ZRANGEBYSCORE', KEY_HANDOVERS, '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))) do
  redis.call('ZREM', KEY_HANDOVERS, cid)
  local ckey = conv_key(cid)
  local c = redis.call('HMGET', ckey, 'transferTo', 'transferFrom')
  if c[1] then
    redis.call('HDEL', ckey, 'transferTo', 'transferFrom')
    release(c[1], cid, now)
    redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. c[1], cjson.encode({type = 'offer_withdrawn', conversationId = cid,
      reason = 'lapsed'}))
    redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. c[2], cjson.encode({type = 'transfer_declined', conversationId = cid,
      by = c[1], reason = 'lapsed'}))
  end
end
return lapsed
