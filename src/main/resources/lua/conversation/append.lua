-- Appends a message durably to the conversation log; the same client message id always
-- yields the same seq and never a second message. Every message runs this, so it keeps
-- its Redis calls few (one read of the conversation, one write of its counters).
-- KEYS[1] conversation, KEYS[2] client ids, KEYS[3] the sender's message-rate bucket (ignored
-- for system events)
-- ARGV: cid, from (visitor|counsellor|system), actor (session id or username), clientMsgId, text, sentAt,
--       maxPerSide (messages one side may add; 0 for no cap), bucket capacity, bucket period (ms), nowMs
local side = ARGV[2]
local sent_field = 'msgs:' .. side
local c = redis.call('HMGET', KEYS[1], 'state', 'sid', 'counsellor', 'seq', sent_field)
if not c[1] then return {'not_found'} end
if ARGV[3] ~= '' then
  if side == 'visitor' and c[2] ~= ARGV[3] then return {'not_yours'} end
  if side == 'counsellor' and c[3] ~= ARGV[3] then return {'not_yours'} end
end
-- Client message ids are scoped by sender, so the two sides can never collide.
local dedup_field = side .. ':' .. ARGV[4]
if ARGV[4] ~= '' then
  local existing = redis.call('HGET', KEYS[2], dedup_field)
  if existing then return {'duplicate', existing} end
end
if c[1] == 'ended' then return {'ended'} end
if side == 'counsellor' and c[1] ~= 'active' then return {'not_active'} end
-- Each side has its own cap, so a visitor who floods while waiting cannot leave the
-- counsellor without room to answer. System events are never counted or refused.
local max_per_side = tonumber(ARGV[7] or '0')
local counted = side ~= 'system' and max_per_side > 0
local sent = tonumber(c[5] or '0')
if counted and sent >= max_per_side then return {'full'} end
-- The sender's rate, checked here, in the same step as the append, instead of in a round
-- trip of its own; a resent message (above) and a refused one take no token.
if side ~= 'system' then
  local wait_ms = token_bucket(KEYS[3], tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]))
  if wait_ms > 0 then return {'rate_limited', tostring(math.ceil(wait_ms / 1000))} end
end
local seq = tonumber(c[4] or '0') + 1
if counted then
  redis.call('HSET', KEYS[1], 'seq', seq, sent_field, sent + 1)
else
  redis.call('HSET', KEYS[1], 'seq', seq)
end
local event = {type = 'message', from = side, text = ARGV[5], sentAt = ARGV[6]}
if ARGV[4] ~= '' then event.clientMsgId = ARGV[4] end
log_event(ARGV[1], seq, event)
if ARGV[4] ~= '' then redis.call('HSET', KEYS[2], dedup_field, seq) end
return {'ok', tostring(seq)}
