-- Writer progress: per (run, shard), how far the window files have been applied to MySQL.
-- ${suffix} is replaced by '' or by '_<metadataTableSuffix>'. See docs/metadata-tables.md.
CREATE TABLE "shard_file_process_progress${suffix}" (
  -- The runIdentifier (spanner_to_gcs_metadata.run_id).
  run_id VARCHAR NOT NULL,
  -- Logical shard id from the shards file.
  shard VARCHAR NOT NULL,
  -- End of the last window applied in full to the shard: every change committed before it is in
  -- MySQL. The run's start timestamp until the first window has been applied.
  processed_upto TIMESTAMPTZ NOT NULL,
  -- SUCCESS | RETRYING | ERROR | REPROCESS.
  status VARCHAR NOT NULL,
  -- Commit timestamp of the last change applied to the shard; NULL before the first one.
  last_commit_timestamp TIMESTAMPTZ,
  -- Spanner server transaction id of the last change applied; NULL before the first one.
  last_server_transaction_id VARCHAR,
  -- Seconds from last_commit_timestamp to the moment it was applied; NULL before the first one.
  lag_seconds DOUBLE PRECISION,
  -- Change records applied to the shard in this run so far.
  records_applied BIGINT NOT NULL,
  -- Text of the latest error (status ERROR or RETRYING); NULL otherwise.
  error VARCHAR,
  -- The change record (buffer-file JSON line) that caused a permanent error; NULL otherwise.
  error_record VARCHAR,
  -- Commit time of the latest write of this row.
  updated_at SPANNER.COMMIT_TIMESTAMP NOT NULL,
  PRIMARY KEY (run_id, shard)
)
