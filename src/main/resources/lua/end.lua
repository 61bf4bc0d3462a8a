-- Ends a conversation in whatever state it is, frees the counsellor's capacity, appends the
-- sequenced 'ended' event, schedules the message text for deletion, and leaves the metadata
-- (never text) in the outbox for MongoDB.
-- KEYS[1] conversation, KEYS[2] log, KEYS[3] client ids, KEYS[4] outbox
-- ARGV: cid, reason, nowMs, nowIso, retentionSeconds
local c = redis.call('HMGET', KEYS[1], 'state', 'offeredTo', 'counsellor', 'sid', 'queuedAt', 'assignedAt',
  'intake', 'campaign', 'band', 'locale')
if not c[1] then return {'not_found'} end
if c[1] == 'ended' then return {'already_ended'} end
local cid, now = ARGV[1], tonumber(ARGV[3])
if c[1] == 'queued' then redis.call('ZREM', '{uw}:queue', cid) end
if c[1] == 'offered' then
  redis.call('ZREM', '{uw}:offers', cid)
  release(c[2], cid, now)
  redis.call('PUBLISH', 'uw:c:' .. c[2], cjson.encode({type = 'offer_withdrawn', conversationId = cid,
    reason = ARGV[2]}))
end
if c[1] == 'active' then release(c[3], cid, now) end
append_event(cid, {type = 'ended', reason = ARGV[2], sentAt = ARGV[4]})
redis.call('HSET', KEYS[1], 'state', 'ended', 'endedAt', now, 'endReason', ARGV[2])
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], tonumber(ARGV[5])) end
local queued_at = tonumber(c[5])
local assigned_at = tonumber(c[6] or '')
local waited_until = assigned_at or now
local metadata = {
  startedHour = math.floor(queued_at / 3600000) * 3600000,
  waitedSeconds = math.floor((waited_until - queued_at) / 1000),
  activeSeconds = assigned_at and math.floor((now - assigned_at) / 1000) or 0,
  answered = assigned_at ~= nil,
  endReason = ARGV[2],
  counsellor = c[3] or cjson.null,
  intake = cjson.decode(c[7]),
  campaign = c[8],
  priorityBand = tonumber(c[9]),
  locale = c[10]
}
redis.call('HSET', KEYS[4], cid, cjson.encode(metadata))
redis.call('PUBLISH', 'uw:queue', 'ended')
return {'ok', c[1], c[4], c[3] or ''}
