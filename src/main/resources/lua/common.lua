-- Shared helpers, prepended to every script at load time. All keys carry the {uw} hash tag.

local function conv_key(cid) return '{uw}:conv:' .. cid end
local function counsellor_key(u) return '{uw}:c:' .. u end

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
  redis.call('ZREM', '{uw}:offers', cid)
  redis.call('ZADD', '{uw}:queue', c[3], cid)
  release(u, cid, now)
  if set_away then redis.call('HSET', counsellor_key(u), 'status', 'away') end
  redis.call('PUBLISH', 'uw:c:' .. u, cjson.encode({type = 'offer_withdrawn', conversationId = cid, reason = reason}))
  redis.call('PUBLISH', 'uw:queue', 'requeued')
  return u
end

-- Appends one sequenced event to a conversation log and fans it out; returns its seq.
local function append_event(cid, event)
  local seq = redis.call('HINCRBY', conv_key(cid), 'seq', 1)
  event.seq = seq
  local encoded = cjson.encode(event)
  redis.call('RPUSH', conv_key(cid) .. ':log', encoded)
  redis.call('PUBLISH', 'uw:conv:' .. cid, encoded)
  return seq
end

