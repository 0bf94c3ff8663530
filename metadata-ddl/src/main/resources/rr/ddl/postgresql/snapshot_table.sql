-- Snapshot and resync progress of a PostgreSQL shard, one row per (run, shard, Spanner table)
-- being loaded, in the shard's schema next to rr_snapshot_chunk. Written when a load of the table
-- starts (and again when it is resumed: started_at is then the resume's start), finished_at set
-- when the shard's load ends. `rr status --sourceShardsFilePath` and the console progress line
-- read it joined with rr_snapshot_chunk: rows loaded of rows_estimated, rate since started_at, ETA.
-- run_id is the chunk run id: the run's id for an initial snapshot, the run's id followed by
-- #resync for an rr resync. rows_estimated: the table's rows at T that route to this shard.
-- Valid on PostgreSQL 15 and later.
CREATE TABLE IF NOT EXISTS rr_snapshot_table (
  run_id VARCHAR(128) COLLATE "C" NOT NULL,
  shard_id VARCHAR(128) COLLATE "C" NOT NULL,
  table_name VARCHAR(255) COLLATE "C" NOT NULL,
  snapshot_seconds BIGINT NOT NULL,
  snapshot_nanos INT NOT NULL,
  rows_estimated BIGINT NOT NULL,
  chunk_count INT NOT NULL,
  started_at TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  finished_at TIMESTAMP(6) WITH TIME ZONE NULL DEFAULT NULL,
  PRIMARY KEY (run_id, shard_id, table_name)
)
