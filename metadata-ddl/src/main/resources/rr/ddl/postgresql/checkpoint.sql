-- Reverse-replication checkpoint of a PostgreSQL shard, one row per (run, shard), in the shard's
-- schema (the connection's search_path). The writer updates it in the same transaction as the
-- changes it covers, so a replayed window skips every transaction at or before (commit_seconds,
-- commit_nanos, server_transaction_id). Times are UTC. Valid on PostgreSQL 15 and later.
CREATE TABLE IF NOT EXISTS rr_replication_checkpoint (
  run_id VARCHAR(128) COLLATE "C" NOT NULL,
  shard_id VARCHAR(128) COLLATE "C" NOT NULL,
  window_start TIMESTAMP(6) NOT NULL,
  window_end TIMESTAMP(6) NOT NULL,
  commit_seconds BIGINT NOT NULL,
  commit_nanos INT NOT NULL,
  server_transaction_id VARCHAR(255) COLLATE "C" NOT NULL,
  records_applied BIGINT NOT NULL,
  updated_at TIMESTAMP(6) NOT NULL DEFAULT (CURRENT_TIMESTAMP AT TIME ZONE 'UTC'),
  PRIMARY KEY (run_id, shard_id)
)
