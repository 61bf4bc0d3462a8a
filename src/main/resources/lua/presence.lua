-- Counsellor presence: connections, status and capacity, kept where dispatch.lua reads them.
-- KEYS[1] counsellor hash, KEYS[2] counsellors set
-- ARGV: op (connect|disconnect|status), username, nowMs, then per op:
--   connect: displayName, capacity; status: available|away
local op, u, now = ARGV[1], ARGV[2], ARGV[3]
local status = redis.call('HGET', KEYS[1], 'status')
if op == 'connect' then
  redis.call('HSET', KEYS[1], 'displayName', ARGV[4], 'capacity', ARGV[5])
  redis.call('HINCRBY', KEYS[1], 'conns', 1)
  redis.call('HSETNX', KEYS[1], 'load', 0)
  redis.call('HSETNX', KEYS[1], 'idleSince', now)
  if not status or status == 'offline' then
    status = 'away'
    redis.call('HSET', KEYS[1], 'status', status)
  end
  redis.call('SADD', KEYS[2], u)
elseif op == 'disconnect' then
  if redis.call('HINCRBY', KEYS[1], 'conns', -1) <= 0 then
    status = 'offline'
    redis.call('HSET', KEYS[1], 'conns', 0, 'status', status)
    redis.call('SREM', KEYS[2], u)
  end
elseif op == 'status' then
  if status ~= ARGV[4] then
    if ARGV[4] == 'available' then redis.call('HSET', KEYS[1], 'idleSince', now) end
    status = ARGV[4]
    redis.call('HSET', KEYS[1], 'status', status)
  end
end
local c = redis.call('HMGET', KEYS[1], 'status', 'capacity', 'load')
return {c[1] or 'offline', c[2] or '0', c[3] or '0'}
