-- Counsellor presence: connections, status and capacity, kept where dispatch.lua reads them.
-- Each console connection is a member of the counsellor's :conns set, scored by when its
-- instance last vouched for it; sweep-counsellors.lua drops silent ones.
-- KEYS[1] counsellor hash, KEYS[2] signed-in counsellors set, KEYS[3] offline counsellors
-- ARGV: op (connect|disconnect|status|revoke), username, nowMs, then per op:
--   connect: connectionId, displayName, capacity; disconnect: connectionId; status: available|away;
--   revoke: offlineSinceMs (0 when what the counsellor holds should go back at the next sweep)
local op, u, now = ARGV[1], ARGV[2], ARGV[3]
local conns = KEYS[1] .. ':conns'
local status = redis.call('HGET', KEYS[1], 'status')
if op == 'connect' then
  redis.call('ZADD', conns, now, ARGV[4])
  redis.call('HSET', KEYS[1], 'displayName', ARGV[5], 'capacity', ARGV[6])
  redis.call('HSETNX', KEYS[1], 'load', 0)
  redis.call('HSETNX', KEYS[1], 'idleSince', now)
  if not status or status == 'offline' then
    status = 'away'
    redis.call('HSET', KEYS[1], 'status', status)
  end
  redis.call('SADD', KEYS[2], u)
  redis.call('ZREM', KEYS[3], u)
elseif op == 'disconnect' then
  redis.call('ZREM', conns, ARGV[4])
  if redis.call('ZCARD', conns) == 0 and status ~= 'offline' then
    status = 'offline'
    redis.call('HSET', KEYS[1], 'status', status)
    redis.call('SREM', KEYS[2], u)
    redis.call('ZADD', KEYS[3], 'NX', now, u)
  end
elseif op == 'status' then
  if status ~= ARGV[4] and status ~= 'offline' then
    if ARGV[4] == 'available' then redis.call('HSET', KEYS[1], 'idleSince', now) end
    status = ARGV[4]
    redis.call('HSET', KEYS[1], 'status', status)
  end
elseif op == 'revoke' then
  -- Every session of the account ended: offline at once, so dispatch and handovers pass
  -- it by and a status change cannot bring it back; its consoles are told to close, and
  -- the sweep returns what it held as for a lost connection.
  redis.call('DEL', conns)
  if status and status ~= 'offline' then
    status = 'offline'
    redis.call('HSET', KEYS[1], 'status', status)
    redis.call('SREM', KEYS[2], u)
  end
  if status and ARGV[4] == '0' then
    redis.call('ZADD', KEYS[3], 0, u)
  elseif status then
    redis.call('ZADD', KEYS[3], 'NX', ARGV[4], u)
  end
end
local c = redis.call('HMGET', KEYS[1], 'status', 'capacity', 'load')
return {c[1] or 'offline', c[2] or '0', c[3] or '0'}
