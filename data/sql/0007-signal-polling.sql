-- 0007-signal-polling.sql: reading the signals table so that no signal is ever missed, even
-- when transactions commit out of id order, and no open transaction delays the others.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A poller remembers a horizon: the xmin of the snapshot of its last poll. Every transaction
-- with an xid below it had ended by then, so its signals were visible to that poll. The next
-- poll reads the signals with xid >= horizon it has not seen yet, under one snapshot, and
-- moves the horizon to that snapshot's xmin. A transaction left open only keeps the horizon
-- from moving; signals committed after it are read at once.

CREATE FUNCTION frontdesk.poll_signals(since xid8, seen bigint[])
  RETURNS TABLE (signal_id bigint, signal_xid xid8, kind text, key text,
                 origin_session bigint, horizon xid8)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT s.id, s.xid, s.kind, s.key, s.origin_session, h.horizon
      FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) h
      LEFT JOIN frontdesk.signals s
        ON s.xid >= coalesce(since, h.horizon) AND s.id <> ALL (coalesce(seen, '{}'))
     ORDER BY s.xid, s.id
  $$;

-- Signals every workstation has had time to read go; those of open transactions stay.
CREATE FUNCTION frontdesk.purge_signals(older_than interval) RETURNS bigint
  LANGUAGE sql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    WITH gone AS (
      DELETE FROM frontdesk.signals
       WHERE created_at < now() - greatest(older_than, interval '1 minute')
         AND xid < pg_snapshot_xmin(pg_current_snapshot())
      RETURNING 1)
    SELECT count(*) FROM gone
  $$;

REVOKE EXECUTE ON FUNCTION frontdesk.poll_signals(xid8, bigint[]),
  frontdesk.purge_signals(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.poll_signals(xid8, bigint[]),
  frontdesk.purge_signals(interval) TO frontdesk_staff;
