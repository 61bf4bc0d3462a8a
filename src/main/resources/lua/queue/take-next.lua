-- Manual routing: a counsellor takes the next waiting conversation themselves, at once.
-- KEYS[1] queue, KEYS[2] counsellor hash, KEYS[3] served
-- ARGV: username, displayName, nowMs, nowIso, serviceWindowMs
local u, now = ARGV[1], tonumber(ARGV[3])
local c = redis.call('HMGET', KEYS[2], 'status', 'capacity', 'load')
if not c[1] or c[1] == 'offline' then return {'not_signed_in'} end
if tonumber(c[3] or '0') >= tonumber(c[2] or '0') then return {'at_capacity'} end
for _, cid in ipairs(redis.call('ZRANGE', KEYS[1], 0, 99)) do
  local ckey = conv_key(cid)
  local state = redis.call('HGET', ckey, 'state')
  if state ~= 'queued' then
    redis.call('ZREM', KEYS[1], cid)
  elseif tonumber(redis.call('HGET', ckey, 'skip:' .. u) or '0') <= now then
    redis.call('ZREM', KEYS[1], cid)
    redis.call('HSET', ckey, 'state', 'active', 'counsellor', u, 'counsellorName', ARGV[2], 'assignedAt', now)
    local wait = answered(cid, now)
    redis.call('HINCRBY', KEYS[2], 'load', 1)
    redis.call('SADD', KEYS[2] .. ':convs', cid)
    redis.call('ZADD', KEYS[3], now, cid)
    redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[5]))
    append_event(cid, {type = 'assigned', counsellor = {displayName = ARGV[2]}, sentAt = ARGV[4]})
    redis.call('PUBLISH', CHANNEL_QUEUE, 'taken')
    return {'ok', cid, tostring(wait)}
  end
end
return {'queue_empty'}
