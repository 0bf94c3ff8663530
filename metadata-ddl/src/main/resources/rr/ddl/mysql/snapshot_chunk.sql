-- Initial-snapshot progress, one row per loaded chunk, kept in the shard's own database.
-- The loader inserts a chunk's row in the same transaction as the chunk's rows, so a resumed or
-- retried snapshot loads only chunks without a row. A chunk is the rows of one Spanner table that
-- route to this shard and whose primary key hashes to `chunk` (of `chunk_count`).
-- snapshot_seconds/snapshot_nanos: the snapshot timestamp T every row was read at.
-- Times are UTC. Valid on MySQL 8 and MariaDB 10.11.
CREATE TABLE IF NOT EXISTS rr_snapshot_chunk (
  run_id VARCHAR(128) NOT NULL,
  shard_id VARCHAR(128) NOT NULL,
  table_name VARCHAR(255) NOT NULL,
  chunk INT NOT NULL,
  chunk_count INT NOT NULL,
  snapshot_seconds BIGINT NOT NULL,
  snapshot_nanos INT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  loaded_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (run_id, shard_id, table_name, chunk)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
