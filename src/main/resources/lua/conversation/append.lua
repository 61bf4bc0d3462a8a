-- Appends a message durably to the conversation log; the same client message id always
-- yields the same seq and never a second message.
-- KEYS[1] conversation, KEYS[2] client ids, KEYS[3] the sender's message-rate bucket (a hash;
-- ignored for system events)
-- ARGV: cid, from (visitor|counsellor|system), actor (session id or username), clientMsgId, text, sentAt,
--       maxPerSide (messages one side may add; 0 for no cap), bucket capacity, bucket period (ms), nowMs
local c = redis.call('HMGET', KEYS[1], 'state', 'sid', 'counsellor')
if not c[1] then return {'not_found'} end
if ARGV[3] ~= '' then
  if ARGV[2] == 'visitor' and c[2] ~= ARGV[3] then return {'not_yours'} end
  if ARGV[2] == 'counsellor' and c[3] ~= ARGV[3] then return {'not_yours'} end
end
-- Client message ids are scoped by sender, so the two sides can never collide.
local dedup_field = ARGV[2] .. ':' .. ARGV[4]
if ARGV[4] ~= '' then
  local existing = redis.call('HGET', KEYS[2], dedup_field)
  if existing then return {'duplicate', existing} end
end
if c[1] == 'ended' then return {'ended'} end
if ARGV[2] == 'counsellor' and c[1] ~= 'active' then return {'not_active'} end
-- Each side has its own cap, so a visitor who floods while waiting cannot leave the
-- counsellor without room to answer. System events are never counted or refused.
local max_per_side = tonumber(ARGV[7] or '0')
if ARGV[2] ~= 'system' and max_per_side > 0 then
  local sent = tonumber(redis.call('HGET', KEYS[1], 'msgs:' .. ARGV[2]) or '0')
  if sent >= max_per_side then return {'full'} end
end
-- The sender's rate: a token bucket holding `capacity` that refills evenly over the period.
-- Checked here, in the same step as the append, instead of in a round trip of its own; a
-- resent message (above) and a refused one take no token.
if ARGV[2] ~= 'system' then
  local wait_ms = token_bucket(KEYS[3], tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), true)
  if wait_ms > 0 then return {'rate_limited', tostring(math.ceil(wait_ms / 1000))} end
end
if ARGV[2] ~= 'system' and max_per_side > 0 then
  redis.call('HINCRBY', KEYS[1], 'msgs:' .. ARGV[2], 1)
end
local event = {type = 'message', from = ARGV[2], text = ARGV[5], sentAt = ARGV[6]}
if ARGV[4] ~= '' then event.clientMsgId = ARGV[4] end
local seq = append_event(ARGV[1], event)
if ARGV[4] ~= '' then redis.call('HSET', KEYS[2], dedup_field, seq) end
return {'ok', tostring(seq)}
