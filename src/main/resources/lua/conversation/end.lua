-- Ends a conversation (see end_conversation in common.lua); a second call changes nothing.
-- KEYS[1] conversation; ARGV: cid, reason, nowMs, nowIso, retentionSeconds
local was = end_conversation(ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5]))
if was == nil then return {'not_open'} end
return {'ok', was}
