-- Ends a conversation and blocks its visitor: the session, and the keyed hash of the
-- address it came from (never the address itself), each for the block's duration.
-- KEYS[1] conversation
-- ARGV: cid, counsellor, nowMs, nowIso, retentionSeconds, blockSeconds
local c = redis.call('HMGET', KEYS[1], 'state', 'counsellor', 'vs')
if c[2] ~= ARGV[2] then return {'not_yours'} end
if c[1] ~= 'active' then return {'not_active'} end
local seconds = tonumber(ARGV[6])
if c[3] then
  local addr = redis.call('HGET', c[3], 'addr')
  if addr then redis.call('SET', PREFIX_BLOCKED .. addr, '1', 'EX', seconds) end
  if redis.call('EXISTS', c[3]) == 1 then
    redis.call('HSET', c[3], 'blocked', '1')
    redis.call('EXPIRE', c[3], seconds)
  end
end
end_conversation(ARGV[1], 'blocked', tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5]))
return {'ok'}
