-- One row per replication run (runIdentifier), written by the reader when it starts.
-- ${suffix} is replaced by '' or by '_<metadataTableSuffix>'. See docs/metadata-tables.md.
CREATE TABLE "spanner_to_gcs_metadata${suffix}" (
  -- The runIdentifier shared by reader, writer and launcher.
  run_id VARCHAR NOT NULL,
  -- Inclusive change-stream start of the run (the first window starts here).
  start_timestamp TIMESTAMPTZ NOT NULL,
  -- Exclusive change-stream end of the run; NULL while the run is open-ended.
  end_timestamp TIMESTAMPTZ,
  -- Length of every window (file interval) in milliseconds.
  window_duration_ms BIGINT NOT NULL,
  -- Change stream the reader reads.
  change_stream_name VARCHAR NOT NULL,
  -- Spanner database the change stream belongs to: projects/P/instances/I/databases/D.
  spanner_database VARCHAR NOT NULL,
  -- Run mode of the latest reader launch: regular | resume.
  reader_run_mode VARCHAR NOT NULL,
  -- Root of the buffer: window files are <buffer_directory>/<shard>/<window file>.
  buffer_directory VARCHAR NOT NULL,
  -- Directory under buffer_directory for records that could not be routed to a shard.
  skip_directory_name VARCHAR NOT NULL,
  -- Commit time of the insert of this row.
  created_at SPANNER.COMMIT_TIMESTAMP NOT NULL,
  -- Commit time of the latest write of this row.
  updated_at SPANNER.COMMIT_TIMESTAMP NOT NULL,
  PRIMARY KEY (run_id)
)
