-- Visitors gone longer than their grace period: a waiting visitor counts as abandoned, an
-- active conversation ends as "visitor left" and the counsellor sees it end.
-- KEYS[1] visitor presence (member conversation id, score last seen)
-- ARGV: nowMs, graceMs, nowIso, retentionSeconds, max
-- Returns the conversations it ended, flat: id, reason, id, reason, ...
local now = tonumber(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]), 'LIMIT', 0, tonumber(ARGV[5]))
local ended = {}
for _, cid in ipairs(due) do
  redis.call('ZREM', KEYS[1], cid)
  local state = redis.call('HGET', conv_key(cid), 'state')
  if state and state ~= 'ended' then
    local reason = (state == 'active') and 'visitor_left' or 'visitor_abandoned'
    end_conversation(cid, reason, now, ARGV[3], tonumber(ARGV[4]))
    table.insert(ended, cid)
    table.insert(ended, reason)
  end
end
return ended
