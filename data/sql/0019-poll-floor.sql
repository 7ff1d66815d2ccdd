-- 0019-poll-floor.sql: the poll a workstation sends every few seconds reads the signals
-- table itself, as one prepared statement, rather than through poll_signals(): a function
-- call is planned anew on every poll and costs a SECURITY DEFINER switch of settings,
-- which made an idle poll two to four times a SELECT 1. Staff may read what a signal says
-- (which record of which kind changed, and from which session) and no more; poll_signals()
-- stays for frontdesk-admin and older programs.

GRANT SELECT (id, xid, kind, key, origin_session) ON frontdesk.signals TO frontdesk_staff;
