-- Starts a conversation for a visitor session and queues it, unless one is already open
-- or the queue is full.
-- KEYS[1] visitor session, KEYS[2] new conversation, KEYS[3] queue
-- ARGV: cid, sid, score, nowMs, intakeJson, campaign, band, locale, maxWaiting
if redis.call('EXISTS', KEYS[1]) == 0 then return {'no_session'} end
local current = redis.call('HGET', KEYS[1], 'conv')
if current then
  local state = redis.call('HGET', conv_key(current), 'state')
  if state and state ~= 'ended' then return {'exists', current, state} end
end
-- Checked in the same step as the ZADD, so concurrent starts cannot overshoot. Only new
-- starts pass here: the system's requeues (common.lua) never meet this cap.
local waiting = redis.call('ZCARD', KEYS[3])
if waiting >= tonumber(ARGV[9]) then return {'full', tostring(waiting)} end
-- Arrivals within the same millisecond keep their order: a counter adds a fraction of a
-- millisecond (steps of 1/256, coarser than a double's precision at these magnitudes).
local arrival = redis.call('INCR', KEY_ARRIVALS) % 256
local score = string.format('%.4f', tonumber(ARGV[3]) + arrival / 256)
redis.call('HSET', KEYS[2], 'state', 'queued', 'sid', ARGV[2], 'score', score, 'queuedAt', ARGV[4],
  'intake', ARGV[5], 'campaign', ARGV[6], 'band', ARGV[7], 'locale', ARGV[8], 'seq', 0, 'vs', KEYS[1])
redis.call('HSET', KEYS[1], 'conv', ARGV[1])
redis.call('ZADD', KEYS[3], score, ARGV[1])
live_event(KEY_LIVE_ARRIVALS, ARGV[1], tonumber(ARGV[4]))
redis.call('PUBLISH', CHANNEL_QUEUE, 'enqueued')
return {'queued', ARGV[1], 'queued'}
