-- Rate-limit counters shared by every API process (one fixed window per key): a client spreading
-- its requests over several replicas meets one limit. Unlogged: after a crash the counters start
-- afresh, which costs nothing but a few allowed requests.
CREATE UNLOGGED TABLE rate_limit_counters (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  resets_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_counters_resets_idx ON rate_limit_counters (resets_at);

-- Background jobs that must run once across the replicas (pruning, the media sweep): a replica
-- runs one only when it moves last_started_at forward, which one statement lets only one do.
CREATE TABLE job_runs (
  name text PRIMARY KEY,
  last_started_at timestamptz NOT NULL,
  last_finished_at timestamptz
);
