-- Hands a conversation over: back to the front of the queue, or to a named colleague who
-- accepts or declines. Until a colleague accepts, the conversation stays with its counsellor
-- and the colleague's capacity is held for it.
-- KEYS[1] conversation
-- ARGV: op (to_queue|offer|accept|decline), cid, actor, target, nowMs, nowIso, text nl, text en,
--   actor display name, skipMs (how long the one who handed it back is not offered it),
--   handoverTimeoutMs (how long a colleague has to answer)
local op, cid, actor, target, now, now_iso = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6]
local c = redis.call('HMGET', KEYS[1], 'state', 'counsellor', 'transferTo', 'transferFrom', 'locale', 'intake',
  'queuedAt')
local function text() return (c[5] == 'en') and ARGV[8] or ARGV[7] end
if op == 'to_queue' or op == 'offer' then
  if c[1] ~= 'active' or c[2] ~= actor then return {'not_yours'} end
  if c[3] then return {'transfer_pending'} end
end
if op == 'to_queue' then
  to_front_of_queue(cid, actor, now)
  -- Not straight back to the counsellor who handed it on.
  redis.call('HSET', KEYS[1], 'skip:' .. actor, now + tonumber(ARGV[10]))
  append_event(cid, {type = 'message', from = 'system', text = text(), sentAt = now_iso})
  append_event(cid, {type = 'requeued', reason = 'transferred', sentAt = now_iso})
  redis.call('PUBLISH', CHANNEL_QUEUE, 'requeued')
  return {'ok'}
elseif op == 'offer' then
  if target == actor then return {'colleague_unavailable'} end
  local t = redis.call('HMGET', counsellor_key(target), 'status', 'capacity', 'load')
  if not t[1] or t[1] == 'offline' then return {'colleague_unavailable'} end
  if tonumber(t[3] or '0') >= tonumber(t[2] or '0') then return {'colleague_full'} end
  redis.call('HSET', KEYS[1], 'transferTo', target, 'transferFrom', actor)
  redis.call('ZADD', KEY_HANDOVERS, now + tonumber(ARGV[11]), cid)
  redis.call('HINCRBY', counsellor_key(target), 'load', 1)
  redis.call('SADD', counsellor_key(target) .. ':convs', cid)
  redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. target, cjson.encode({type = 'offer', conversationId = cid, transfer = true,
    transferFrom = ARGV[9], intake = cjson.decode(c[6]),
    waitedSeconds = math.floor((now - tonumber(c[7])) / 1000)}))
  return {'ok'}
elseif op == 'accept' then
  if c[1] ~= 'active' or c[3] ~= actor then return {'offer_not_found'} end
  local previous = c[2]
  redis.call('HSET', KEYS[1], 'counsellor', actor, 'counsellorName', ARGV[9])
  redis.call('HDEL', KEYS[1], 'transferTo', 'transferFrom')
  redis.call('ZREM', KEY_HANDOVERS, cid)
  release(previous, cid, now)
  append_event(cid, {type = 'message', from = 'system', text = text(), sentAt = now_iso})
  append_event(cid, {type = 'assigned', counsellor = {displayName = ARGV[9]}, sentAt = now_iso})
  redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. previous, cjson.encode({type = 'transferred', conversationId = cid, to = actor}))
  return {'ok', previous}
elseif op == 'decline' then
  if c[3] ~= actor then return {'offer_not_found'} end
  redis.call('HDEL', KEYS[1], 'transferTo', 'transferFrom')
  redis.call('ZREM', KEY_HANDOVERS, cid)
  release(actor, cid, now)
  redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. c[4], cjson.encode({type = 'transfer_declined', conversationId = cid, by = actor}))
  return {'ok'}
end
return {'unknown_op'}
