-- Shared helpers, prepended to every script at load time, after the constants LuaScripts
-- writes from Java (RedisKeys.luaConstants: key names, channel names, QUEUE_BAND_WIDTH).

local function conv_key(cid) return PREFIX_CONVERSATION .. cid end
local function counsellor_key(u) return PREFIX_COUNSELLOR .. u end

-- A message-rate bucket: holds `capacity` and refills evenly over `period_ms`, kept as
-- one number, the instant the bucket will be full again (the generic cell rate algorithm,
-- which is a token bucket written as a time: tokens = capacity - (full_at - now) / interval),
-- in a string key that is gone at that instant (an absent bucket is a full one). One GET
-- and one SET per message. It takes one token when there is one and returns 0, or else
-- the milliseconds until there is one. The other limits are Bucket4j's
-- (platform.RateLimits); this one lives here because it must be atomic with the append it
-- guards (a resent message takes no token, a refused one is not stored), which a bucket
-- library outside the script cannot be, and it saves the message two round trips.
local function token_bucket(key, capacity, period_ms, now)
  local interval = period_ms / capacity
  -- pcall: a bucket kept as a hash by an older version reads as a full one.
  local full_at = tonumber(redis.pcall('GET', key)) or now
  if full_at < now then full_at = now end
  local next_full_at = full_at + interval
  if next_full_at - now > period_ms then
    return math.max(1, math.ceil(next_full_at - now - period_ms))
  end
  redis.call('SET', key, string.format('%.17g', next_full_at), 'PX', math.max(1, math.ceil(next_full_at - now)) + 1000)
  return 0
end

-- The live figures of the coordinators' monitor keep the last hour and no more.
local function live_event(key, member, now)
  redis.call('ZADD', key, now, member)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - LIVE_WINDOW_MS)
end

-- A conversation is answered: it counts as active, and its first answer (with the wait)
-- counts in the live figures. A conversation answered again after a requeue does not
-- count twice. Returns the wait in ms of a first answer, -1 for a later one (for the
-- queue wait metric, which counts first answers like the live figures).
local function answered(cid, now)
  local ckey = conv_key(cid)
  redis.call('SADD', KEY_ACTIVE, cid)
  if redis.call('HSETNX', ckey, 'answeredAt', now) == 1 then
    local queued_at = tonumber(redis.call('HGET', ckey, 'queuedAt') or now)
    live_event(KEY_LIVE_ANSWERS, cid .. ':' .. (now - queued_at), now)
    return now - queued_at
  end
  return -1
end

-- Frees one unit of a counsellor's capacity; a counsellor who becomes free starts idling now.
local function release(u, cid, now)
  local ck = counsellor_key(u)
  local load = redis.call('HINCRBY', ck, 'load', -1)
  if load <= 0 then
    redis.call('HSET', ck, 'load', 0, 'idleSince', now)
  end
  redis.call('SREM', ck .. ':convs', cid)
end

-- Puts an offered conversation back in the queue at its original place.
local function requeue(cid, now, reason, set_away, skip_ms)
  local ckey = conv_key(cid)
  local c = redis.call('HMGET', ckey, 'state', 'offeredTo', 'score')
  if c[1] ~= 'offered' then return nil end
  local u = c[2]
  redis.call('HSET', ckey, 'state', 'queued', 'skip:' .. u, now + skip_ms)
  redis.call('HDEL', ckey, 'offeredTo', 'offeredAt')
  redis.call('ZREM', KEY_OFFERS, cid)
  redis.call('ZADD', KEY_QUEUE, c[3], cid)
  release(u, cid, now)
  if set_away then
    redis.call('HSET', counsellor_key(u), 'status', 'away')
    redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. u, cjson.encode({type = 'availability', status = 'away', reason = 'offer_lapsed'}))
  end
  redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. u, cjson.encode({type = 'offer_withdrawn', conversationId = cid, reason = reason}))
  redis.call('PUBLISH', CHANNEL_QUEUE, 'requeued')
  return u
end

-- Voids a handover waiting for a colleague: frees the capacity held for it and tells them.
local function clear_handover(cid, now, reason)
  local ckey = conv_key(cid)
  local pending = redis.call('HGET', ckey, 'transferTo')
  if pending then
    release(pending, cid, now)
    redis.call('HDEL', ckey, 'transferTo', 'transferFrom')
    redis.call('ZREM', KEY_HANDOVERS, cid)
    redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. pending, cjson.encode({type = 'offer_withdrawn', conversationId = cid,
      reason = reason}))
  end
end

-- Puts an active conversation back in the queue ahead of everyone (its visitor already
-- waited and talked), releasing the counsellor who had it.
local function to_front_of_queue(cid, u, now)
  local ckey = conv_key(cid)
  clear_handover(cid, now, 'requeued')
  local queued_at = tonumber(redis.call('HGET', ckey, 'queuedAt'))
  redis.call('HSET', ckey, 'state', 'queued', 'score', -QUEUE_BAND_WIDTH + queued_at)
  redis.call('HDEL', ckey, 'counsellor', 'counsellorName', 'assignedAt')
  redis.call('HINCRBY', ckey, 'requeues', 1)
  redis.call('SREM', KEY_ACTIVE, cid)
  redis.call('ZADD', KEY_QUEUE, -QUEUE_BAND_WIDTH + queued_at, cid)
  release(u, cid, now)
end

-- Writes an event under a seq already taken (the conversation's 'seq' field raised to it)
-- to the conversation log and fans it out; returns the seq.
local function log_event(cid, seq, event)
  event.seq = seq
  local encoded = cjson.encode(event)
  redis.call('RPUSH', conv_key(cid) .. ':log', encoded)
  redis.call('PUBLISH', PREFIX_CONVERSATION_CHANNEL .. cid, encoded)
  return seq
end

-- Appends one sequenced event to a conversation log and fans it out; returns its seq.
local function append_event(cid, event)
  return log_event(cid, redis.call('HINCRBY', conv_key(cid), 'seq', 1), event)
end


-- Ends a conversation in whatever state it is: frees capacity, appends the sequenced
-- 'ended' event, schedules the message text for deletion and leaves the metadata (never
-- text) in the outbox for MongoDB. Returns the state it was in, or nil if there was none.
local function end_conversation(cid, reason, now, now_iso, retention)
  local ckey = conv_key(cid)
  local c = redis.call('HMGET', ckey, 'state', 'offeredTo', 'counsellor', 'sid', 'queuedAt', 'assignedAt',
    'intake', 'campaign', 'band', 'locale', 'requeues')
  if not c[1] or c[1] == 'ended' then return nil end
  if c[1] == 'queued' then redis.call('ZREM', KEY_QUEUE, cid) end
  if c[1] == 'offered' then
    redis.call('ZREM', KEY_OFFERS, cid)
    release(c[2], cid, now)
    redis.call('PUBLISH', PREFIX_COUNSELLOR_CHANNEL .. c[2], cjson.encode({type = 'offer_withdrawn', conversationId = cid,
      reason = reason}))
  end
  if c[1] == 'active' then release(c[3], cid, now) end
  if c[1] == 'queued' or c[1] == 'offered' then live_event(KEY_LIVE_ABANDONED, cid, now) end
  redis.call('SREM', KEY_ACTIVE, cid)
  clear_handover(cid, now, reason)
  redis.call('ZREM', KEY_VISITOR_PRESENCE, cid)
  append_event(cid, {type = 'ended', reason = reason, sentAt = now_iso})
  redis.call('HSET', ckey, 'state', 'ended', 'endedAt', now, 'endReason', reason)
  for _, key in ipairs({ckey, ckey .. ':log', ckey .. ':cmid'}) do redis.call('EXPIRE', key, retention) end
  local queued_at = tonumber(c[5])
  local assigned_at = tonumber(c[6] or '')
  local metadata = {
    startedHour = math.floor(queued_at / 3600000) * 3600000,
    waitedSeconds = math.floor(((assigned_at or now) - queued_at) / 1000),
    activeSeconds = assigned_at and math.floor((now - assigned_at) / 1000) or 0,
    answered = assigned_at ~= nil,
    endReason = reason,
    counsellor = c[3] or cjson.null,
    intake = cjson.decode(c[7]),
    campaign = c[8],
    priorityBand = tonumber(c[9]),
    locale = c[10],
    requeues = tonumber(c[11] or '0')
  }
  redis.call('HSET', KEY_OUTBOX, cid, cjson.encode(metadata))
  redis.call('PUBLISH', CHANNEL_QUEUE, 'ended')
  return c[1]
end
