-- A counsellor declines an offer: the conversation goes back to its place in the queue and
-- is not offered to the same counsellor again for a while.
-- KEYS[1] conversation; ARGV: cid, username, nowMs, skipMs
local c = redis.call('HMGET', KEYS[1], 'state', 'offeredTo')
if c[1] ~= 'offered' or c[2] ~= ARGV[2] then return {'offer_not_found'} end
requeue(ARGV[1], tonumber(ARGV[3]), 'declined', false, tonumber(ARGV[4]))
return {'ok'}
