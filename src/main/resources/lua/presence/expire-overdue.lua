-- Open conversations past their backstop lifetime end, in whatever state they are: one
-- nobody answered counts from when the visitor asked for help, one that was answered from
-- its first answer (also when it went back to the queue since). Ending frees capacity,
-- tells both sides and gives the text its usual lifetime after the end.
-- KEYS[1] queue, KEYS[2] offers, KEYS[3] active conversations
-- ARGV: nowMs, maxQueuedMs, maxActiveMs, nowIso, retentionSeconds, max, reason
-- Returns the conversations it ended, flat: id, state it was in, id, state, ...
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[6])
local candidates = {}
for _, key in ipairs({KEYS[1], KEYS[2]}) do
  for _, cid in ipairs(redis.call('ZRANGE', key, 0, -1)) do table.insert(candidates, cid) end
end
for _, cid in ipairs(redis.call('SMEMBERS', KEYS[3])) do table.insert(candidates, cid) end
local ended = {}
for _, cid in ipairs(candidates) do
  if #ended >= 2 * max then break end
  local c = redis.call('HMGET', conv_key(cid), 'state', 'queuedAt', 'answeredAt')
  local overdue = false
  if c[1] and c[1] ~= 'ended' then
    if c[3] then
      overdue = now - tonumber(c[3]) > tonumber(ARGV[3])
    elseif c[2] then
      overdue = now - tonumber(c[2]) > tonumber(ARGV[2])
    end
  end
  if overdue then
    local was = end_conversation(cid, ARGV[7], now, ARGV[4], tonumber(ARGV[5]))
    if was then
      table.insert(ended, cid)
      table.insert(ended, was)
    end
  end
end
return ended
