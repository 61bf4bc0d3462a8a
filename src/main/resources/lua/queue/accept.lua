-- A counsellor accepts an offer made to them.
-- KEYS[1] conversation, KEYS[2] offers, KEYS[3] served
-- ARGV: cid, username, nowMs, displayName, serviceWindowMs, nowIso
local c = redis.call('HMGET', KEYS[1], 'state', 'offeredTo', 'sid')
if c[1] ~= 'offered' or c[2] ~= ARGV[2] then return {'offer_not_found'} end
local now = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'state', 'active', 'counsellor', ARGV[2], 'counsellorName', ARGV[4], 'assignedAt', now)
redis.call('HDEL', KEYS[1], 'offeredTo', 'offeredAt')
local wait = answered(ARGV[1], now)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[5]))
-- In the log, not only on a channel: the visitor learns it through the same ordered,
-- resumable stream as the messages, so a dropped pub/sub message cannot leave them waiting.
append_event(ARGV[1], {type = 'assigned', counsellor = {displayName = ARGV[4]}, sentAt = ARGV[6]})
redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. ARGV[2], cjson.encode({type = 'assigned', conversationId = ARGV[1]}))
return {'ok', c[3], tostring(wait)}
