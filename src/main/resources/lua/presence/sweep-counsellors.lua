-- Counsellors whose every connection went silent (closed, or on an instance that died) go
-- offline; once offline longer than their grace period, their open offers go back to the
-- queue and their conversations go to the front of it, with a system message that tells
-- the visitor why.
-- KEYS[1] signed-in counsellors set, KEYS[2] offline counsellors (score: since)
-- ARGV: nowMs, connectionTimeoutMs, graceMs, nowIso, text nl, text en, max
-- Returns the ids of the conversations it put back in the queue.
local now = tonumber(ARGV[1])
for _, u in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local conns = counsellor_key(u) .. ':conns'
  redis.call('ZREMRANGEBYSCORE', conns, '-inf', now - tonumber(ARGV[2]))
  if redis.call('ZCARD', conns) == 0 then
    redis.call('HSET', counsellor_key(u), 'status', 'offline')
    redis.call('SREM', KEYS[1], u)
    redis.call('ZADD', KEYS[2], 'NX', now, u)
  end
end
local moved = {}
for _, u in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]), 'LIMIT', 0, tonumber(ARGV[7]))) do
  redis.call('ZREM', KEYS[2], u)
  for _, cid in ipairs(redis.call('SMEMBERS', counsellor_key(u) .. ':convs')) do
    local ckey = conv_key(cid)
    local c = redis.call('HMGET', ckey, 'state', 'counsellor', 'queuedAt', 'locale', 'sid')
    if c[1] == 'offered' then
      requeue(cid, now, 'counsellor_lost', false, 0)
      table.insert(moved, cid)
    elseif c[1] == 'active' and c[2] == u then
      to_front_of_queue(cid, u, now)
      local text = (c[4] == 'en') and ARGV[6] or ARGV[5]
      append_event(cid, {type = 'message', from = 'system', text = text, sentAt = ARGV[4]})
      append_event(cid, {type = 'requeued', reason = 'counsellor_lost', sentAt = ARGV[4]})
      table.insert(moved, cid)
    else
      redis.call('SREM', counsellor_key(u) .. ':convs', cid)
    end
  end
end
if #moved > 0 then redis.call('PUBLISH', CHANNEL_QUEUE, 'requeued') end
return moved
