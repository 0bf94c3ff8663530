-- Reverse-replication checkpoint, one row per (run, shard), kept in the shard's own database.
-- The writer updates it in the same transaction as the changes it covers, so a replayed window
-- skips every transaction at or before (commit_seconds, commit_nanos, server_transaction_id).
-- Times are UTC. Valid on MySQL 8 and MariaDB 10.11.
CREATE TABLE IF NOT EXISTS rr_replication_checkpoint (
  run_id VARCHAR(128) NOT NULL,
  shard_id VARCHAR(128) NOT NULL,
  window_start DATETIME(6) NOT NULL,
  window_end DATETIME(6) NOT NULL,
  commit_seconds BIGINT NOT NULL,
  commit_nanos INT NOT NULL,
  server_transaction_id VARCHAR(255) NOT NULL,
  records_applied BIGINT NOT NULL,
  updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (run_id, shard_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
