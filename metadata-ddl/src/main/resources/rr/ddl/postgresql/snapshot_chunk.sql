-- Initial-snapshot progress of a PostgreSQL shard, one row per loaded chunk, in the shard's schema
-- (the connection's search_path). The loader inserts a chunk's row in the same transaction as the
-- chunk's rows, so a resumed or retried snapshot loads only chunks without a row. A chunk is the
-- rows of one Spanner table that route to this shard and whose primary key hashes to `chunk` (of
-- `chunk_count`). snapshot_seconds/snapshot_nanos: the snapshot timestamp T every row was read at.
-- Valid on PostgreSQL 15 and later.
CREATE TABLE IF NOT EXISTS rr_snapshot_chunk (
  run_id VARCHAR(128) COLLATE "C" NOT NULL,
  shard_id VARCHAR(128) COLLATE "C" NOT NULL,
  table_name VARCHAR(255) COLLATE "C" NOT NULL,
  chunk INT NOT NULL,
  chunk_count INT NOT NULL,
  snapshot_seconds BIGINT NOT NULL,
  snapshot_nanos INT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  loaded_at TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (run_id, shard_id, table_name, chunk)
)
